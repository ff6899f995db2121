import { describe, expect, it } from 'vitest';
import {
  Adx,
  adx,
  atr,
  bbands,
  type Candle,
  computeIndicator,
  createIndicator,
  ema,
  IndicatorSpecError,
  indicatorWarmup,
  macd,
  obv,
  parseIndicatorSpec,
  RollingVolumeProfile,
  Rsi,
  rsi,
  Sma,
  Stoch,
  sma,
  stoch,
  trueRange,
  volumeProfile,
  vwap,
  Willr,
  willr,
} from '../src';

// Coinbase BTC-USD, 2017-11-12 04:00–11:00 UTC, hourly (CryptoDataDownload, via the shipped candles).
const HOUR = 3_600_000;
const T0 = Date.parse('2017-11-12T04:00:00Z');
const rows = [
  [6063.17, 6125, 6005, 6005.01, 1450.74],
  [6005.01, 6005.01, 5611, 5850.98, 5477.97],
  [5850.98, 5850.98, 5511.11, 5640, 3799.64],
  [5640, 6240, 5639.98, 6172.93, 6722.79],
  [6172.93, 6300, 6080.01, 6199.99, 3536.81],
  [6199.99, 6243.97, 6064.25, 6119.47, 2011.04],
  [6119.47, 6176.53, 6050, 6158.99, 1599.29],
  [6158.99, 6259.39, 6120.01, 6130.01, 1655.13],
] as const;
const candles: Candle[] = rows.map(([open, high, low, close, volume], i) => ({
  time: T0 + i * HOUR,
  open,
  high,
  low,
  close,
  volume,
}));
const high = candles.map((c) => c.high);
const low = candles.map((c) => c.low);
const close = candles.map((c) => c.close);
const volume = candles.map((c) => c.volume);

describe('period 1', () => {
  it('SMA and EMA are the input itself', () => {
    expect(Array.from(sma(close, 1))).toEqual(close);
    expect(Array.from(ema(close, 1))).toEqual(close);
  });

  it('RSI 1 is 100 after a rise, 0 after a fall', () => {
    const r = rsi(close, 1);
    expect(r[0]).toBeNaN();
    for (let i = 1; i < close.length; i++)
      expect(r[i]).toBe((close[i] as number) > (close[i - 1] as number) ? 100 : 0);
  });

  it('ATR 1 is the true range; Bollinger 1 has no width; %R 1 and stochastic 1/1/1 read one bar', () => {
    expect(Array.from(atr(high, low, close, 1))).toEqual(Array.from(trueRange(high, low, close)));
    const b = bbands(close, 1, 2);
    expect(Array.from(b.upper)).toEqual(close);
    expect(Array.from(b.lower)).toEqual(close);
    const w = willr(high, low, close, 1);
    const k = stoch(high, low, close, 1, 1, 1).k;
    for (let i = 0; i < close.length; i++) {
      expect(w[i]).toBeCloseTo(
        (-100 * ((high[i] as number) - (close[i] as number))) / ((high[i] as number) - (low[i] as number)),
        10,
      );
      expect(k[i]).toBeCloseTo(
        (100 * ((close[i] as number) - (low[i] as number))) / ((high[i] as number) - (low[i] as number)),
        10,
      );
    }
  });

  it('ADX 1 is the DX of each bar from the second on', () => {
    const r = adx(high, low, close, 1);
    expect(r.adx[0]).toBeNaN();
    for (let i = 1; i < close.length; i++) {
      const dx =
        (100 * Math.abs((r.plusDi[i] as number) - (r.minusDi[i] as number))) /
        ((r.plusDi[i] as number) + (r.minusDi[i] as number));
      expect(r.adx[i]).toBeCloseTo(dx, 10);
    }
  });
});

describe('inputs shorter than the warm-up', () => {
  it('give all-NaN outputs of the input length, and empty inputs empty outputs', () => {
    expect(Array.from(sma(close, 9)).every(Number.isNaN)).toBe(true);
    expect(Array.from(ema(close, 9)).every(Number.isNaN)).toBe(true);
    expect(Array.from(rsi(close, 8))).toHaveLength(8);
    expect(Array.from(rsi(close, 8)).every(Number.isNaN)).toBe(true);
    expect(Array.from(atr(high, low, close, 8)).every(Number.isNaN)).toBe(true);
    const m = macd(close, 3, 6, 4); // warm-up 5 + 3 = 8
    expect([...m.macd, ...m.signal, ...m.histogram].every(Number.isNaN)).toBe(true);
    expect(Array.from(adx(high, low, close, 5).adx).every(Number.isNaN)).toBe(true);
    expect(Array.from(stoch(high, low, close, 4, 3, 4).d).every(Number.isNaN)).toBe(true);
    expect(sma([], 5)).toHaveLength(0);
    expect(obv([], [])).toHaveLength(0);
    expect(vwap([], [], [], [])).toHaveLength(0);
    expect(bbands([], 5).middle).toHaveLength(0);
  });

  it('classes report NaN and not ready until the warm-up is over', () => {
    const r = new Rsi(3);
    const s = new Sma(3);
    for (let i = 0; i < 3; i++) {
      expect(r.update(close[i] as number)).toBeNaN();
      expect(r.ready).toBe(false);
    }
    expect(r.update(close[3] as number)).toBeCloseTo(rsi(close, 3)[3] as number, 12);
    expect(r.ready).toBe(true);
    s.update(1);
    s.update(2);
    expect(s.ready).toBe(false);
    expect(s.update(3)).toBe(2);
    expect(s.value).toBe(2);
  });
});

describe('bad parameters', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 100_001])(
    'period %s throws a RangeError',
    (p) => {
      expect(() => sma(close, p)).toThrow(RangeError);
      expect(() => ema(close, p)).toThrow(RangeError);
      expect(() => rsi(close, p)).toThrow(RangeError);
      expect(() => atr(high, low, close, p)).toThrow(RangeError);
      expect(() => adx(high, low, close, p)).toThrow(RangeError);
      expect(() => willr(high, low, close, p)).toThrow(RangeError);
      expect(() => bbands(close, p)).toThrow(RangeError);
      expect(() => stoch(high, low, close, 14, p, 3)).toThrow(RangeError);
      expect(() => macd(close, 12, 26, p)).toThrow(RangeError);
      expect(() => new Rsi(p)).toThrow(RangeError);
      expect(() => new Willr(p)).toThrow(RangeError);
      expect(() => new Adx(p)).toThrow(RangeError);
      expect(() => new Stoch(p)).toThrow(RangeError);
      expect(() => new RollingVolumeProfile(p)).toThrow(RangeError);
      expect(() => volumeProfile(candles, p)).toThrow(RangeError);
    },
  );

  it('MACD needs fast < slow, Bollinger k ≥ 0, series of one length, sessions > 0', () => {
    expect(() => macd(close, 26, 12, 9)).toThrow(/fast \(26\) must be shorter than slow \(12\)/);
    expect(() => macd(close, 12, 12, 9)).toThrow(RangeError);
    expect(() => bbands(close, 20, -1)).toThrow(/k must be/);
    expect(() => atr(high, low, close.slice(1), 3)).toThrow(/differ in length/);
    expect(() => obv(close, volume.slice(2))).toThrow(RangeError);
    expect(() => vwap(high, low, close, volume, { time: volume, length: 0 })).toThrow(RangeError);
    expect(() => volumeProfile([], 24)).toThrow(/at least one candle/);
  });
});

describe('indicator specs', () => {
  it('fill in defaults and normalise the name', () => {
    expect(parseIndicatorSpec('macd')).toEqual({
      name: 'macd:12:26:9',
      indicator: 'macd',
      params: [12, 26, 9],
    });
    expect(parseIndicatorSpec(' RSI:7 ')).toEqual({ name: 'rsi:7', indicator: 'rsi', params: [7] });
    expect(parseIndicatorSpec('bbands:20:2.5').params).toEqual([20, 2.5]);
    expect(parseIndicatorSpec('stoch:5').name).toBe('stoch:5:3:3');
    expect(parseIndicatorSpec('vprofile:24').name).toBe('vprofile:24:100');
    expect(parseIndicatorSpec('obv').name).toBe('obv');
    expect(parseIndicatorSpec('vwap').name).toBe('vwap:0');
  });

  it('know their warm-ups', () => {
    expect(indicatorWarmup('sma:20')).toBe(19);
    expect(indicatorWarmup('ema:20')).toBe(19);
    expect(indicatorWarmup('rsi:14')).toBe(14);
    expect(indicatorWarmup('macd:12:26:9')).toBe(33);
    expect(indicatorWarmup('bbands:20:2')).toBe(19);
    expect(indicatorWarmup('atr:14')).toBe(14);
    expect(indicatorWarmup('adx:14')).toBe(27);
    expect(indicatorWarmup('willr:14')).toBe(13);
    expect(indicatorWarmup('stoch:14:3:3')).toBe(17);
    expect(indicatorWarmup('obv')).toBe(0);
    expect(indicatorWarmup('vwap:24')).toBe(0);
    expect(indicatorWarmup('vprofile:24:50')).toBe(49);
  });

  it.each([
    ['kama:10', 'unknown_indicator', /unknown indicator 'kama'.*known: sma, ema/],
    ['', 'unknown_indicator', /unknown indicator ''/],
    ['rsi:14:3', 'invalid_params', /rsi takes at most 1 parameter\(s\) \(rsi:period\)/],
    ['rsi:abc', 'invalid_params', /period of rsi \(rsi:period\) must be a number, got 'abc'/],
    ['rsi:', 'invalid_params', /must be a number/],
    ['sma:2.5', 'invalid_params', /must be a whole number/],
    ['ema:0', 'invalid_params', /must be from 1 to 100000, got 0/],
    ['bbands:20:-2', 'invalid_params', /k of bbands .* must be from 0/],
    ['macd:26:12:9', 'invalid_params', /fast period \(26\) must be shorter than its slow period \(12\)/],
    ['vwap:-1', 'invalid_params', /sessionHours/],
  ])('%s is refused (%s)', (spec, code, message) => {
    let error: unknown;
    try {
      parseIndicatorSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IndicatorSpecError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as IndicatorSpecError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
    expect(() => computeIndicator(spec, candles)).toThrow(IndicatorSpecError);
    expect(() => createIndicator(spec)).toThrow(IndicatorSpecError);
  });

  it('compute named outputs aligned with the candles', () => {
    const r = computeIndicator('bbands:3:2', candles);
    expect(r).toMatchObject({ name: 'bbands:3:2', indicator: 'bbands', params: [3, 2], warmup: 2 });
    expect(Object.keys(r.outputs)).toEqual(['middle', 'upper', 'lower']);
    expect(r.outputs.middle?.[2]).toBeCloseTo(
      ((close[0] as number) + (close[1] as number) + (close[2] as number)) / 3,
      9,
    );
    expect(Object.keys(computeIndicator('adx:2', candles).outputs)).toEqual(['adx', 'plusDi', 'minusDi']);
    expect(Object.keys(computeIndicator('stoch:3:2:2', candles).outputs)).toEqual(['k', 'd']);
    expect(Object.keys(computeIndicator('vprofile:4:3', candles).outputs)).toEqual([
      'poc',
      'valueAreaHigh',
      'valueAreaLow',
    ]);
  });

  it('refuse candles holding a non-finite number', () => {
    const bad = candles.map((c, i) => (i === 3 ? { ...c, close: Number.NaN } : c));
    expect(() => computeIndicator('sma:2', bad)).toThrow(/candle 3 has a price/);
  });
});

describe('volume profile by hand', () => {
  it('spreads each candle over its range and grows the value area from the point of control', () => {
    // Range 100 … 110 in 10 bins of 1: a candle 100–110 with 10 (1 a bin), one at 105.5 with 30.
    const p = volumeProfile(
      [
        { high: 110, low: 100, close: 105, volume: 10 },
        { high: 105.5, low: 105.5, close: 105.5, volume: 30 },
      ],
      10,
    );
    expect(Array.from(p.volume)).toEqual([1, 1, 1, 1, 1, 31, 1, 1, 1, 1]);
    expect(p.poc).toBe(105.5);
    expect(p.totalVolume).toBe(40);
    // 70 % of 40 = 28 is already inside the POC bin.
    expect([p.valueAreaLow, p.valueAreaHigh]).toEqual([105, 106]);
    const wide = volumeProfile([{ high: 110, low: 100, close: 105, volume: 10 }], 10);
    // 7 of 10 bins: ties grow both sides.
    expect(wide.valueAreaHigh - wide.valueAreaLow).toBeGreaterThanOrEqual(7);
  });
});
