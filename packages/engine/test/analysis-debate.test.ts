import { describe, expect, it } from 'vitest';
import { judge } from '../src/analysis/agents/judge';
import { buildCase, debate, REBUTTAL_DECAY } from '../src/analysis/debate';
import type { Signal } from '../src/analysis/signals';

const signal = (
  id: string,
  side: 'bull' | 'bear',
  strength: number,
  timeframe: Signal['timeframe'] = '4h',
): Signal => ({
  id,
  side,
  source: 'technical',
  timeframe,
  strength,
  claim: `${id} claim`,
  evidence: [{ name: id, value: strength * 100 }],
});

describe('the bull/bear debate', () => {
  const signals = [
    signal('trend (1d)', 'bull', 0.8, '1d'),
    signal('rsi:14 (4h)', 'bull', 0.4),
    signal('obv (1h)', 'bull', 0.2, '1h'),
    signal('macd (4h)', 'bear', 0.6),
    signal('stoch (1h)', 'bear', 0.3, '1h'),
  ];

  it('puts the strongest unmade point and rebuts the strongest unanswered one, decaying it', () => {
    const bull = buildCase('bull', signals);
    const bear = buildCase('bear', signals);
    const { turns } = debate(bull, bear, 2);
    expect(turns.map((t) => [t.round, t.side, t.rebuts])).toEqual([
      [1, 'bull', 'macd (4h)'],
      [1, 'bear', 'trend (1d)'],
      [2, 'bull', 'stoch (1h)'],
      [2, 'bear', 'rsi:14 (4h)'],
    ]);
    // Turn 1: the bull's 0.8 against the bear's 0.6 halves it.
    expect(bear.find((p) => p.id === 'macd (4h)')?.strength).toBeCloseTo(0.6 * (1 - REBUTTAL_DECAY), 10);
    // Turn 2: the bear argues 'macd (4h)' (0.3 now, tied with 'stoch (1h)' and first by name); 0.3 against
    // the trend's 0.8 takes off 0.5 × 0.3 / 0.8 of it.
    expect(turns[1]?.argument.startsWith('Bear: macd (4h) claim.')).toBe(true);
    expect(bull.find((p) => p.id === 'trend (1d)')?.strength).toBeCloseTo(
      0.8 * (1 - (REBUTTAL_DECAY * 0.3) / 0.8),
      4,
    );
    expect(turns[1]?.strength).toBeCloseTo(0.3, 10);
    // Each turn cites the numbers of the point it makes.
    for (const t of turns) expect(t.evidence.length).toBeGreaterThan(0);
  });

  it('lets a side without points concede, and the judge rule for the other', () => {
    const bull = buildCase('bull', signals);
    const bear = buildCase('bear', []);
    const { turns } = debate(bull, bear, 2);
    expect(turns[1]).toMatchObject({ side: 'bear', strength: 0, rebuts: null, evidence: [] });
    expect(turns[1]?.argument).toContain('concedes');
    expect(turns[0]?.rebuts).toBeNull();
    const ruling = judge(bull, bear);
    expect(ruling.verdict.action).toBe('buy');
    expect(ruling.verdict.bearScore).toBe(0);
    // edge = 1.4 / (1.4 + 0 + 3)
    expect(ruling.edge).toBeCloseTo(1.4 / 4.4, 10);
  });

  it('holds inside the neutral band and is confident of it when the sides balance', () => {
    const bull = buildCase('bull', [signal('a', 'bull', 0.5)]);
    const bear = buildCase('bear', [signal('b', 'bear', 0.5)]);
    const ruling = judge(bull, bear);
    expect(ruling.verdict.action).toBe('hold');
    expect(ruling.verdict.confidence).toBe(1);
  });
});
