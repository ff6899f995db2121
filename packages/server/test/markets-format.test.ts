import { describe, expect, it } from 'vitest';
import { formatDecimal, formatPrice, formatQuantity, formatTime } from '../src/markets/format';
import { parseSymbolParam, symbolFromParam } from '../src/markets/symbols';
import { ApiError } from '../src/problem';

describe('market symbols in a URL path', () => {
  it.each([
    ['BTC-USDT', 'BTC/USDT'],
    ['BTC/USDT', 'BTC/USDT'],
    ['1000PEPE-USDT', '1000PEPE/USDT'],
    ['ETH-BTC', 'ETH/BTC'],
  ])('%s names %s', (param, symbol) => {
    expect(symbolFromParam(param)).toBe(symbol);
    expect(parseSymbolParam(param)).toBe(symbol);
  });

  it.each([
    'BTCUSDT',
    'btc-usdt',
    'BTC-usdt',
    'BTC--USDT',
    'BTC-USDT-PERP',
    'BTC/USDT:USDT',
    '-USDT',
    'BTC-',
    '',
    'BTC%2FUSDT',
    'BTC USDT',
    `${'A'.repeat(21)}-USDT`,
  ])('%j is no market: 404 not_found', (param) => {
    expect(symbolFromParam(param)).toBeUndefined();
    let error: unknown;
    try {
      parseSymbolParam(param);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ httpStatus: 404, code: 'not_found' });
  });

  it('does not echo a long parameter in full', () => {
    const long = `${'X'.repeat(500)}`;
    expect(() => parseSymbolParam(long)).toThrow(/X{64}…"/);
  });
});

describe('market numbers as decimal strings', () => {
  it('drops float noise', () => {
    expect(0.1 + 0.2).toBe(0.30000000000000004);
    expect(formatDecimal(0.1 + 0.2, 2)).toBe('0.3');
    expect(formatDecimal(0.1 + 0.2, 18)).toBe('0.3');
    expect(formatDecimal(1.1 + 2.2, 8)).toBe('3.3');
    expect(formatDecimal(0.1 * 3, 17)).toBe('0.3');
    expect(formatDecimal(29358.3, 2)).toBe('29358.3');
  });

  it('rounds to the precision, half to even unless told otherwise', () => {
    expect(formatDecimal(101.237, 2)).toBe('101.24');
    expect(formatDecimal(0.125, 2)).toBe('0.12');
    expect(formatDecimal(0.135, 2)).toBe('0.14');
    expect(formatDecimal(0.000015, 5, 'ceil')).toBe('0.00002');
    expect(formatDecimal(0.0000149, 5, 'ceil')).toBe('0.00002');
    expect(formatDecimal(1234.5, 0)).toBe('1234');
  });

  it('never writes an exponent, a negative zero or more than 18 decimals', () => {
    expect(formatDecimal(1e-8, 8)).toBe('0.00000001');
    expect(formatDecimal(1e-8, 4)).toBe('0');
    expect(formatDecimal(1e21, 2)).toBe('1000000000000000000000');
    expect(formatDecimal(-0, 2)).toBe('0');
    expect(formatDecimal(-0.001, 2)).toBe('0');
    expect(formatDecimal(1e-20, 30)).toBe('0');
    expect(formatDecimal(1.5e-18, 30)).toBe('0.000000000000000002');
  });

  it('refuses what is not a number', () => {
    expect(() => formatDecimal(Number.NaN, 2)).toThrow(RangeError);
    expect(() => formatDecimal(Number.POSITIVE_INFINITY, 2)).toThrow(RangeError);
  });

  it('formats prices, quantities and times of a market', () => {
    const market = { pricePrecision: 2, amountPrecision: 8 };
    expect(formatPrice(64_000.499999999, market)).toBe('64000.5');
    expect(formatQuantity(0.123456789, market)).toBe('0.12345679');
    expect(formatTime(Date.UTC(2018, 7, 10, 16))).toBe('2018-08-10T16:00:00.000Z');
  });
});
