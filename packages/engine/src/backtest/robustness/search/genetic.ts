import { type RandomSource, seededRandom } from '../../../market/seeded-random';
import { type BatchEvaluator, bestOf, type ScoredPoint, type SearchResult, scorePoints } from './evaluation';
import { gridPoints } from './grid';
import type { Objective, ObjectiveMetrics } from './objectives';
import { randomIndices } from './random';
import { type ExpandedSpace, expandSpace, pointAt, type SearchSpace } from './space';

/** Options of {@link geneticSearch}. Every field has a default. */
export interface GeneticSearchOptions {
  /** Individuals per generation. @default 24 */
  populationSize?: number;
  /** Generations after the first, random one. @default 15 */
  generations?: number;
  /** Individuals drawn per tournament; the best of them becomes a parent. @default 3 */
  tournamentSize?: number;
  /** Chance that two parents are recombined (uniform crossover) rather than the first copied. @default 0.9 */
  crossoverRate?: number;
  /** Chance, per parameter, that a child's value mutates. @default 0.2 */
  mutationRate?: number;
  /** The best individuals carried unchanged into the next generation. @default 2 */
  elitism?: number;
  /** Seed of every random choice: the same seed gives the same search. @default 1 */
  seed?: number | string;
}

/** A genome: one value index per parameter. */
type Genome = number[];

/** Attempts at drawing or breeding a point the constraint accepts before listing the valid grid. */
const MAX_TRIES = 64;

/**
 * Genetic search over the value indices of the parameters: a random first generation, then per
 * generation tournament selection, uniform crossover, mutation (a step to a neighbouring value or a
 * fresh draw for ordered parameters, a fresh draw for choices) and elitism. Children the constraint
 * rejects are bred again. Each generation's new points are evaluated as one batch; a point is
 * evaluated once, however often it reappears. Deterministic for a seed.
 *
 * @throws SearchSpaceError when a range is empty or malformed, or the space has no valid point.
 * @throws RangeError when an option is out of range.
 */
export async function geneticSearch<M extends ObjectiveMetrics>(
  space: SearchSpace,
  evaluate: BatchEvaluator<M>,
  objective: Objective,
  options: GeneticSearchOptions = {},
): Promise<SearchResult<M>> {
  const populationSize = options.populationSize ?? 24;
  const generations = options.generations ?? 15;
  const tournamentSize = options.tournamentSize ?? 3;
  const crossoverRate = options.crossoverRate ?? 0.9;
  const mutationRate = options.mutationRate ?? 0.2;
  const elitism = options.elitism ?? 2;
  positiveInteger('populationSize', populationSize, 2);
  positiveInteger('generations', generations, 0);
  positiveInteger('tournamentSize', tournamentSize, 1);
  positiveInteger('elitism', elitism, 0);
  if (elitism >= populationSize) {
    throw new RangeError(`elitism must be below populationSize (${populationSize}), got ${elitism}`);
  }
  probability('crossoverRate', crossoverRate);
  probability('mutationRate', mutationRate);

  const expanded = expandSpace(space);
  const random = seededRandom(options.seed ?? 1);
  const cache = new Map<string, ScoredPoint<M>>();
  const evaluations: ScoredPoint<M>[] = [];

  /** Scores a population, evaluating only the points not seen before (as one batch). */
  const scoreAll = async (population: Genome[]): Promise<ScoredPoint<M>[]> => {
    const fresh = new Map<string, Genome>();
    for (const genome of population) {
      const key = genomeKey(genome);
      if (!cache.has(key) && !fresh.has(key)) fresh.set(key, genome);
    }
    const scored = await scorePoints(
      [...fresh.values()].map((genome) => pointAt(expanded, genome)),
      evaluate,
      objective,
    );
    [...fresh.keys()].forEach((key, i) => {
      const point = scored[i] as ScoredPoint<M>;
      cache.set(key, point);
      evaluations.push(point);
    });
    return population.map((genome) => cache.get(genomeKey(genome)) as ScoredPoint<M>);
  };

  let population = Array.from({ length: populationSize }, () => randomValid(expanded, random));
  let scores = await scoreAll(population);
  for (let g = 0; g < generations; g++) {
    // Stable ranking: on equal scores the earlier individual ranks first.
    const ranked = population
      .map((genome, i) => ({ genome, score: (scores[i] as ScoredPoint<M>).score, i }))
      .sort((a, b) => compareScores(b.score, a.score) || a.i - b.i);
    const next: Genome[] = ranked.slice(0, elitism).map((entry) => entry.genome);
    const pick = () => {
      let winner = Math.floor(random() * population.length);
      for (let t = 1; t < tournamentSize; t++) {
        const rival = Math.floor(random() * population.length);
        if (
          compareScores((scores[rival] as ScoredPoint<M>).score, (scores[winner] as ScoredPoint<M>).score) > 0
        ) {
          winner = rival;
        }
      }
      return population[winner] as Genome;
    };
    while (next.length < populationSize) {
      // Prefer a child not evaluated yet (keeps the population exploring); settle for a known one.
      let child: Genome | undefined;
      let known: Genome | undefined;
      for (let tries = 0; tries < MAX_TRIES && !child; tries++) {
        const candidate = breed(expanded, pick(), pick(), random, crossoverRate, mutationRate);
        if (!expanded.constraint(pointAt(expanded, candidate))) continue;
        if (cache.has(genomeKey(candidate))) known ??= candidate;
        else child = candidate;
      }
      next.push(child ?? known ?? randomValid(expanded, random));
    }
    population = next;
    scores = await scoreAll(population);
    // Every point of the product evaluated: nothing left to find.
    if (cache.size >= expanded.size) break;
  }
  return { method: 'genetic', best: bestOf(evaluations), evaluations };
}

/** A child of `a` and `b`: uniform crossover (or a copy of `a`), then per-gene mutation. */
function breed(
  space: ExpandedSpace,
  a: Genome,
  b: Genome,
  random: RandomSource,
  crossoverRate: number,
  mutationRate: number,
): Genome {
  const cross = random() < crossoverRate;
  return a.map((gene, p) => {
    let value = cross && random() < 0.5 ? (b[p] as number) : gene;
    if (random() < mutationRate) {
      const count = (space.values[p] as unknown[]).length;
      const ordered = typeof (space.values[p] as unknown[])[0] === 'number';
      if (ordered && random() < 0.5) {
        // A step of up to a tenth of the range (at least one value) either way, kept inside it.
        const reach = Math.max(1, Math.round(count / 10));
        const delta = 1 + Math.floor(random() * reach);
        value = Math.min(count - 1, Math.max(0, value + (random() < 0.5 ? -delta : delta)));
      } else {
        value = Math.floor(random() * count);
      }
    }
    return value;
  });
}

/** A uniformly drawn point the constraint accepts (from the listed valid grid after `MAX_TRIES` misses). */
function randomValid(space: ExpandedSpace, random: RandomSource): Genome {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const genome = randomIndices(space, random);
    if (space.constraint(pointAt(space, genome))) return genome;
  }
  const valid = gridPoints(space);
  const point = valid[Math.floor(random() * valid.length)] as Record<string, unknown>;
  return space.names.map((name, p) => (space.values[p] as unknown[]).indexOf(point[name]));
}

/** Descending-order comparison that treats NaN as the worst score. */
function compareScores(a: number, b: number): number {
  const x = Number.isNaN(a) ? Number.NEGATIVE_INFINITY : a;
  const y = Number.isNaN(b) ? Number.NEGATIVE_INFINITY : b;
  return x === y ? 0 : x > y ? 1 : -1;
}

const genomeKey = (genome: Genome) => genome.join(',');

function positiveInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number >= ${min}, got ${value}`);
  }
}

function probability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
}
