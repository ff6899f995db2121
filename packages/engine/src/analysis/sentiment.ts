/**
 * A small lexicon model of headline sentiment for finance and crypto news, in the manner of VADER
 * (Hutto & Gilbert, 2014) with a vocabulary of its own: each known word or phrase has a valence from −3
 * (very bearish) to +3 (very bullish); a negator within the three words before flips and dampens it
 * (× −0.74), an intensifier right before it strengthens it (× 1.3), a diminisher weakens it (× 0.7). The
 * sum `s` of a text's valences is squashed into (−1, 1) as `s / √(s² + 15)`.
 *
 * @example
 * sentiment('Bitcoin surges to a record high').score;   // ≈ 0.79
 * sentiment('Exchange not hacked, funds safe').score;   // > 0 (negated "hacked")
 */

/** Word and phrase valences, −3 … +3. Phrases are written with single spaces; hyphens count as spaces. */
// biome-ignore format: a word list reads better packed
export const SENTIMENT_LEXICON: Readonly<Record<string, number>> = Object.freeze({
  // bullish
  surge: 2.5, surges: 2.5, surged: 2.5, soar: 2.5, soars: 2.5, soared: 2.5, skyrocket: 3, skyrockets: 3,
  rally: 2, rallies: 2, rallied: 2, gain: 1.5, gains: 1.5, gained: 1.5, rise: 1, rises: 1, rising: 1, rose: 1,
  jump: 2, jumps: 2, jumped: 2, climb: 1.5, climbs: 1.5, climbed: 1.5, bullish: 2.5, breakout: 2,
  adoption: 1.5, approve: 2, approves: 2, approved: 2, approval: 2, upgrade: 1.5, upgraded: 1.5,
  partnership: 1.5, inflow: 1.5, inflows: 1.5, accumulate: 1.5, accumulation: 1.5, profit: 1.5,
  profits: 1.5, boost: 1.5, boosts: 1.5, strong: 1.5, stronger: 1.5, growth: 1.5, recover: 1.5,
  recovers: 1.5, recovery: 1.5, rebound: 1.5, rebounds: 1.5, optimism: 2, optimistic: 2, upbeat: 2,
  outperform: 2, outperforms: 2, milestone: 1.5, win: 1.5, wins: 1.5, safe: 1, secure: 1, buy: 1, buying: 1,
  'all time high': 2.5, 'record high': 2.5, 'short squeeze': 1.5, 'rate cut': 1.5, 'rate cuts': 1.5,
  // bearish
  crash: -3, crashes: -3, crashed: -3, plunge: -2.5, plunges: -2.5, plunged: -2.5, plummet: -3,
  plummets: -3, tumble: -2, tumbles: -2, tumbled: -2, drop: -1.5, drops: -1.5, dropped: -1.5, fall: -1.5,
  falls: -1.5, fell: -1.5, slump: -2, slumps: -2, decline: -1.5, declines: -1.5, loss: -1.5, losses: -1.5,
  bearish: -2.5, hack: -3, hacked: -3, hackers: -2.5, exploit: -2.5, exploited: -2.5, breach: -2.5,
  theft: -3, stolen: -3, scam: -3, fraud: -3, lawsuit: -2, sue: -2, sues: -2, sued: -2, ban: -2.5,
  bans: -2.5, banned: -2.5, crackdown: -2.5, investigation: -1.5, probe: -1.5, fined: -1.5,
  liquidation: -2, liquidations: -2, outflow: -1.5, outflows: -1.5, selloff: -2.5, dump: -2, dumps: -2,
  fear: -2, fears: -2, panic: -2.5, warning: -1.5, warns: -1.5, risk: -1, risks: -1, risky: -1.5,
  volatile: -1, delay: -1, delays: -1, delayed: -1, reject: -2, rejects: -2, rejected: -2, rejection: -2,
  bankrupt: -3, bankruptcy: -3, insolvent: -3, insolvency: -3, collapse: -3, collapses: -3,
  collapsed: -3, weak: -1.5, weaker: -1.5, downgrade: -1.5, downgraded: -1.5, concern: -1.5,
  concerns: -1.5, uncertainty: -1.5, halt: -2, halts: -2, halted: -2, outage: -2, sell: -1, selling: -1,
  'sell off': -2.5, 'all time low': -2.5, 'record low': -2.5, 'rate hike': -1.5, 'rate hikes': -1.5,
});

/** Words that flip the valence of a sentiment word within the next three words (and any `…n't`). */
// biome-ignore format: a word list reads better packed
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot',
]);
/** Words that strengthen the sentiment word right after them (× 1.3). */
// biome-ignore format: a word list reads better packed
export const INTENSIFIERS: ReadonlySet<string> = new Set([
  'very', 'extremely', 'sharply', 'massive', 'massively', 'huge', 'hugely', 'heavily', 'strongly',
  'significantly', 'major', 'big', 'biggest', 'record', 'historic',
]);
/** Words that weaken the sentiment word right after them (× 0.7). */
// biome-ignore format: a word list reads better packed
export const DIMINISHERS: ReadonlySet<string> = new Set([
  'slightly', 'somewhat', 'modest', 'modestly', 'marginally', 'little', 'partly', 'mildly', 'small',
]);

const NEGATION_SCALAR = -0.74;
const INTENSIFIER_SCALAR = 1.3;
const DIMINISHER_SCALAR = 0.7;
const NORMALISATION_ALPHA = 15;
const LONGEST_PHRASE = 3;

export interface SentimentScore {
  /** −1 (bearish) … +1 (bullish); 0 when no lexicon word occurs. */
  score: number;
  /** The lexicon words and phrases found, in order. */
  matches: string[];
}

/** The lower-case words of `text`, hyphens and punctuation as separators, apostrophes kept (`isn't`). */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^a-z0-9']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

const isNegator = (word: string) => NEGATORS.has(word) || word.endsWith("n't");

/** The sentiment of one text (a headline), see the module description. */
export function sentiment(text: string): SentimentScore {
  const words = tokenize(text);
  const matches: string[] = [];
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    let valence: number | undefined;
    let length = 0;
    for (let n = Math.min(LONGEST_PHRASE, words.length - i); n >= 1 && valence === undefined; n--) {
      const phrase = n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' ');
      valence = SENTIMENT_LEXICON[phrase];
      if (valence !== undefined) {
        length = n;
        matches.push(phrase);
      }
    }
    if (valence === undefined) continue;
    const before = words[i - 1];
    if (before !== undefined && INTENSIFIERS.has(before)) valence *= INTENSIFIER_SCALAR;
    else if (before !== undefined && DIMINISHERS.has(before)) valence *= DIMINISHER_SCALAR;
    for (let j = Math.max(0, i - 3); j < i; j++) {
      if (isNegator(words[j] as string)) {
        valence *= NEGATION_SCALAR;
        break;
      }
    }
    sum += valence;
    i += length - 1;
  }
  return { score: sum === 0 ? 0 : sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA), matches };
}
