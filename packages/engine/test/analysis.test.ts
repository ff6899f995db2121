import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import {
  ANALYSIS_MIN_CANDLES,
  type AnalysisInput,
  type AnalysisResult,
  adx,
  analysisInputHash,
  analyze,
  atr,
  bbands,
  type Candle,
  canonicalAnalysisInput,
  canonicalJson,
  Decimal,
  defaultAnalysisParameters,
  ENGINE_VERSION,
  InsufficientHistoryError,
  macd,
  rsi,
  stoch,
} from '../src';
import { realisedVolatility } from '../src/analysis/stats';
import { BTC_USD, btcWindow } from './support/shipped-candles';

/** The analysis of BTC-USD as it stood at `until`, on 500 real 1h, 4h and daily candles. */
function input(until: string, overrides: Partial<AnalysisInput> = {}): AnalysisInput {
  return {
    symbol: 'BTC/USD',
    market: BTC_USD,
    candles: btcWindow(until),
    news: null,
    capital: '100000',
    parameters: { ...defaultAnalysisParameters },
    ...overrides,
  };
}

const UPTREND = '2019-06-26T00:00:00Z'; // BTC from 8,000 to 11,700 in the 20 days before
const CRASH = '2018-11-21T00:00:00Z'; // BTC from 6,300 to 4,300 in a week
const FLAT = '2018-10-27T00:00:00Z'; // BTC within 6,300–6,600 for three weeks

const finding = (result: AnalysisResult, agent: string) => {
  const f = result.agents.find((a) => a.agent === agent);
  if (!f) throw new Error(`no ${agent} finding`);
  return f;
};
const evidence = (result: AnalysisResult, agent: string, name: string) => {
  const e = finding(result, agent).evidence.find((x) => x.name === name);
  if (!e) throw new Error(`no evidence ${name} from ${agent}`);
  return e.value as number;
};

describe('the multi-agent analysis on real Coinbase BTC-USD candles', () => {
  const up = analyze(input(UPTREND));
  const crash = analyze(input(CRASH));
  const flat = analyze(input(FLAT));

  it('buys a strong uptrend, with positive researcher and technical scores', () => {
    expect(finding(up, 'researcher').score).toBeGreaterThan(0.3);
    expect(finding(up, 'technical').score).toBeGreaterThan(0.3);
    expect(up.debate.verdict.action).toBe('buy');
    expect(up.decision.action).toBe('buy');
    expect(up.decision.confidence).toBeGreaterThan(0);
    expect(Decimal.from(up.decision.size).isPositive()).toBe(true);
    const entry = Number(up.decision.entryPrice);
    expect(Number(up.decision.stopLoss)).toBeLessThan(entry);
    expect(Number(up.decision.takeProfit)).toBeGreaterThan(entry);
  });

  it('sells or holds in a crash, with risk warnings', () => {
    expect(finding(crash, 'researcher').score).toBeLessThan(-0.3);
    expect(finding(crash, 'technical').score).toBeLessThan(-0.3);
    expect(crash.debate.verdict.action).toBe('sell');
    expect(['sell', 'hold']).toContain(crash.decision.action);
    const risk = finding(crash, 'risk');
    expect(risk.warnings.some((w) => w.includes('volatility'))).toBe(true);
    expect(risk.warnings).toContain('sell downgraded to hold: extreme volatility');
    expect(crash.decision).toMatchObject({
      action: 'hold',
      size: '0',
      notional: '0',
      stopLoss: null,
      takeProfit: null,
    });
  });

  it('holds in a flat market', () => {
    expect(Math.abs(finding(flat, 'researcher').score)).toBeLessThan(0.15);
    expect(Math.abs(finding(flat, 'technical').score)).toBeLessThan(0.15);
    expect(flat.debate.verdict.action).toBe('hold');
    expect(flat.decision).toMatchObject({ action: 'hold', size: '0', stopLoss: null, takeProfit: null });
  });

  it('returns one finding per agent, in the contract order, scores within [-1, 1]', () => {
    for (const result of [up, crash, flat]) {
      expect(result.agents.map((a) => a.agent)).toEqual([
        'researcher',
        'technical',
        'bull',
        'bear',
        'judge',
        'risk',
        'optimizer',
        'privacy',
      ]);
      for (const a of result.agents) {
        expect(Math.abs(a.score)).toBeLessThanOrEqual(1);
        expect(a.summary.length).toBeGreaterThan(0);
      }
      expect(result.candles.map((c) => [c.timeframe, c.count])).toEqual([
        ['1h', 500],
        ['4h', 500],
        ['1d', 500],
      ]);
      expect(result.asOf).toBe(result.candles[0]?.to ? result.candles[0].to + 3_600_000 : 0);
    }
  });

  it('cites indicator values that equal the indicators recomputed from the candles', () => {
    const candles = btcWindow(UPTREND);
    let checked = 0;
    for (const tf of ['1h', '4h', '1d'] as const) {
      const series = candles[tf] ?? [];
      const close = series.map((c) => c.close);
      const high = series.map((c) => c.high);
      const low = series.map((c) => c.low);
      const last = (values: Float64Array) => values[values.length - 1] as number;
      const m = macd(close, 12, 26, 9);
      const b = bbands(close, 20, 2);
      const d = adx(high, low, close, 14);
      const s = stoch(high, low, close, 14, 3, 3);
      const expected: Record<string, number> = {
        'rsi:14': last(rsi(close, 14)),
        'macd:12:26:9.macd': last(m.macd),
        'macd:12:26:9.signal': last(m.signal),
        'macd:12:26:9.histogram': last(m.histogram),
        'bbands:20:2.upper': last(b.upper),
        'bbands:20:2.middle': last(b.middle),
        'bbands:20:2.lower': last(b.lower),
        'adx:14.adx': last(d.adx),
        'adx:14.plusDi': last(d.plusDi),
        'adx:14.minusDi': last(d.minusDi),
        'stoch:14:3:3.k': last(s.k),
        'stoch:14:3:3.d': last(s.d),
        'atr:14': last(atr(high, low, close, 14)),
      };
      for (const [name, value] of Object.entries(expected)) {
        expect(Number.isFinite(value)).toBe(true);
        expect(evidence(up, 'technical', `${name} (${tf})`)).toBeCloseTo(value, 4);
        checked++;
      }
      expect(evidence(up, 'researcher', `realised volatility (${tf})`)).toBeCloseTo(
        realisedVolatility(series, tf, 50),
        4,
      );
      expect(evidence(up, 'risk', `realised volatility (${tf})`)).toBeCloseTo(
        realisedVolatility(series, tf, 50),
        4,
      );
      const sma50 = close.slice(-50).reduce((x, y) => x + y, 0) / 50;
      expect(evidence(up, 'researcher', `close/sma:50 (${tf})`)).toBeCloseTo(
        (close.at(-1) as number) / sma50,
        4,
      );
      checked += 3;
    }
    expect(checked).toBe(48);
    // The debate cites the same numbers as the analysts.
    for (const turn of up.debate.turns) {
      for (const e of turn.evidence) {
        const source = [finding(up, 'technical'), finding(up, 'researcher')].flatMap((f) => f.evidence);
        expect(source.find((x) => x.name === e.name)?.value).toBe(e.value);
      }
    }
  });

  it('runs 2 × rounds debate turns, bull and bear alternating, each rebuttal naming an opponent point', () => {
    for (const rounds of [1, 2, 3]) {
      const result =
        rounds === 2
          ? flat
          : analyze(input(FLAT, { parameters: { ...defaultAnalysisParameters, debateRounds: rounds } }));
      const { turns } = result.debate;
      expect(result.debate.rounds).toBe(rounds);
      expect(turns).toHaveLength(2 * rounds);
      const points = {
        bull: finding(result, 'bull').evidence.map((e) => e.name),
        bear: finding(result, 'bear').evidence.map((e) => e.name),
      };
      turns.forEach((turn, i) => {
        expect(turn.side).toBe(i % 2 === 0 ? 'bull' : 'bear');
        expect(turn.round).toBe(Math.floor(i / 2) + 1);
        expect(turn.strength).toBeGreaterThanOrEqual(0);
        expect(turn.strength).toBeLessThanOrEqual(1);
        expect(turn.rebuts).not.toBeNull();
        expect(points[turn.side === 'bull' ? 'bear' : 'bull']).toContain(turn.rebuts);
        expect(turn.argument).toContain(`"${turn.rebuts}"`);
      });
      // No point is rebutted twice while another is still unanswered.
      const rebutted = turns.map((t) => t.rebuts);
      expect(new Set(rebutted).size).toBe(rebutted.length);
    }
  });

  it('sizes within the caps, on the lot grid, with stop and target at the ATR multiples', () => {
    const result = up;
    const { decision } = result;
    const size = Decimal.from(decision.size);
    const entry = Decimal.from(decision.entryPrice);
    expect(size.isMultipleOf('0.00001')).toBe(true);
    expect(entry.isMultipleOf('0.01')).toBe(true);
    expect(Decimal.from(decision.notional).eq(size.mul(entry))).toBe(true);
    const maxNotional = evidence(result, 'risk', 'max position notional');
    expect(Number(decision.notional)).toBeLessThanOrEqual(Math.min(100000 * 0.25, maxNotional));
    const fraction = evidence(result, 'optimizer', 'position fraction');
    const kelly = evidence(result, 'optimizer', 'kelly fraction taken (capped)');
    const volTarget = evidence(result, 'optimizer', 'volatility target fraction');
    expect(fraction).toBeLessThanOrEqual(Math.min(kelly, volTarget) + 1e-4);
    expect(kelly).toBeLessThanOrEqual(0.25);
    // Rounding down: the size stays within the budget and one more lot would exceed it (the fraction is
    // cited to 4 decimals, hence the tolerance of 0.00005 × capital).
    const budget = Math.min(100000 * fraction, maxNotional);
    expect(Number(decision.notional)).toBeLessThanOrEqual(budget + 5);
    expect(Number(size.add('0.00001').mul(entry).toString())).toBeGreaterThan(budget - 5);
    const a = evidence(result, 'optimizer', 'atr:14 (1h)');
    expect(Number(decision.stopLoss)).toBeCloseTo(Number(decision.entryPrice) - 2 * a, 1);
    expect(Number(decision.takeProfit)).toBeCloseTo(Number(decision.entryPrice) + 3 * a, 1);

    // A small maxPositionFraction binds; a coarse lot size rounds down.
    const capped = analyze(
      input(UPTREND, {
        market: { ...BTC_USD, lotSize: 0.01, minQuantity: 0.01 },
        parameters: { ...defaultAnalysisParameters, maxPositionFraction: 0.02 },
      }),
    );
    expect(capped.decision.action).toBe('buy');
    expect(Decimal.from(capped.decision.size).isMultipleOf('0.01')).toBe(true);
    expect(Number(capped.decision.notional)).toBeLessThanOrEqual(2000);
    expect(Number(capped.decision.notional)).toBeGreaterThan(
      2000 - 0.01 * Number(capped.decision.entryPrice),
    );
  });

  it('is deterministic: the same input gives a deep-equal result and the same hash', () => {
    const again = analyze(input(UPTREND));
    expect(again).toEqual(up);
    expect(up.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(up.inputHash).toBe(analysisInputHash(input(UPTREND)));
    expect(up.inputHash).not.toBe(flat.inputHash);
    // Key order does not matter; any changed number does.
    const i = input(UPTREND);
    const reordered = {
      parameters: i.parameters,
      capital: i.capital,
      news: i.news,
      candles: i.candles,
      market: i.market,
      symbol: i.symbol,
    };
    expect(analysisInputHash(reordered)).toBe(up.inputHash);
    expect(analysisInputHash({ ...i, capital: '100001' })).not.toBe(up.inputHash);
    // The fast candle writer gives exactly the generic canonical JSON.
    const generic = canonicalJson({
      ...i,
      candles: Object.fromEntries(
        Object.entries(i.candles).map(([tf, series]) => [
          tf,
          series?.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]),
        ]),
      ),
    });
    expect(canonicalAnalysisInput(i)).toBe(generic);
    // The hash covers every candle number: nudge one close by 1e-9 and it changes.
    const [timeframe, series] = Object.entries(i.candles)[0] as [string, Candle[]];
    const nudged = series.map((c, n) => (n === 10 ? { ...c, close: c.close + 1e-9 } : c));
    expect(analysisInputHash({ ...i, candles: { ...i.candles, [timeframe]: nudged } })).not.toBe(
      up.inputHash,
    );
    expect(canonicalJson({ b: [1, -0, Number.NaN], a: { d: undefined, c: 'x' } })).toBe(
      '{"a":{"c":"x"},"b":[1,0,null]}',
    );
    expect(up.engineVersion).toBe(pkg.version);
    expect(ENGINE_VERSION).toBe(pkg.version);
  });

  it('reports missing news as a missing input and a warning, not a failure', () => {
    expect(up.missingInputs).toEqual(['news']);
    expect(finding(up, 'researcher').warnings.some((w) => w.includes('news'))).toBe(true);
    const withNews = analyze(input(UPTREND, { news: [] }));
    expect(withNews.missingInputs).toEqual([]);
    expect(evidence(withNews, 'researcher', 'news items')).toBe(0);
  });

  it('throws InsufficientHistoryError naming what each short timeframe needs and has', () => {
    const candles = btcWindow(UPTREND);
    const short = {
      ...candles,
      '4h': candles['4h']?.slice(-40),
      '1d': candles['1d']?.slice(-(ANALYSIS_MIN_CANDLES - 1)),
    };
    let error: unknown;
    try {
      analyze(input(UPTREND, { candles: short }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientHistoryError);
    const e = error as InsufficientHistoryError;
    expect(e.code).toBe('insufficient_history');
    expect(e.needed).toEqual({ '4h': ANALYSIS_MIN_CANDLES, '1d': ANALYSIS_MIN_CANDLES });
    expect(e.available).toEqual({ '4h': 40, '1d': ANALYSIS_MIN_CANDLES - 1 });
    expect(ANALYSIS_MIN_CANDLES).toBe(70);
    // Exactly the minimum is enough.
    const enough = { '1h': candles['1h']?.slice(-ANALYSIS_MIN_CANDLES) };
    expect(analyze(input(UPTREND, { candles: enough })).candles[0]?.count).toBe(ANALYSIS_MIN_CANDLES);
  });
});
