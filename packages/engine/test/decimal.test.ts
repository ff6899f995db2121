import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, DecimalError, type RoundingMode } from '../src';

const d = (text: string) => Decimal.from(text);

function errorCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DecimalError ? error.code : `not a DecimalError: ${String(error)}`;
  }
  return undefined;
}

describe('Decimal: parsing and formatting', () => {
  it('formats canonically: no exponent, no trailing zeros, no negative zero', () => {
    expect(d('0.5').toString()).toBe('0.5');
    expect(d('100').toString()).toBe('100');
    expect(d('-0.001').toString()).toBe('-0.001');
    expect(d('65000.10').toString()).toBe('65000.1');
    expect(d('000123.4500').toString()).toBe('123.45');
    expect(d('-0.000').toString()).toBe('0');
    expect(d('0.000000000000000001').toString()).toBe('0.000000000000000001');
    expect(d('123456789012345678901234567890.5').toString()).toBe('123456789012345678901234567890.5');
    expect(d('1.250000000000000000000').toString()).toBe('1.25'); // zeros past the 18th digit are harmless
  });

  it('rejects malformed input with a typed error', () => {
    for (const text of [
      '',
      '-',
      '.5',
      '5.',
      '+1',
      '1e5',
      '1E-7',
      ' 1',
      '1 ',
      '1,5',
      '0x10',
      '1.2.3',
      '--1',
      'NaN',
      'Infinity',
      '١',
    ]) {
      expect(
        errorCode(() => Decimal.parse(text)),
        text,
      ).toBe('invalid_decimal');
    }
    expect(errorCode(() => Decimal.from(Number.NaN))).toBe('invalid_decimal');
    expect(errorCode(() => Decimal.from(Number.POSITIVE_INFINITY))).toBe('invalid_decimal');
    expect(Decimal.tryFrom('abc')).toBeUndefined();
  });

  it('rejects more than 18 significant fractional digits instead of silently rounding', () => {
    expect(errorCode(() => d('0.0000000000000000001'))).toBe('decimal_precision_exceeded');
  });

  it('takes numbers through their shortest form, so 0.1 is exactly 0.1', () => {
    expect(Decimal.from(0.1).toString()).toBe('0.1');
    expect(Decimal.from(0.1).add(Decimal.from(0.2)).toString()).toBe('0.3');
    expect(Decimal.from(1e-7).toString()).toBe('0.0000001');
    expect(Decimal.from(-65000.25).toString()).toBe('-65000.25');
    expect(Decimal.from(1.5e21).toString()).toBe('1500000000000000000000');
    expect(Decimal.from(12n).toString()).toBe('12');
  });

  it('holds each value one way, so deep equality agrees with eq()', () => {
    expect(d('1.50')).toEqual(d('1.5'));
    expect(d('0.1').add('0.2')).toEqual(d('0.3'));
    expect(d('65010.5').mul('0.4')).toEqual(d('26004.2'));
    expect(d('-0')).toEqual(Decimal.ZERO);
    expect(d('123456789012345678901234567890.5').sub('123456789012345678901234567890')).toEqual(d('0.5'));
    expect(d('2')).not.toEqual(d('2.000000000000000001'));
  });

  it('serialises to JSON as a string and exposes its exact units', () => {
    expect(JSON.stringify({ price: d('65000.5') })).toBe('{"price":"65000.5"}');
    expect(d('1.5').units).toBe(1_500_000_000_000_000_000n);
    expect(Decimal.fromUnits(1n).toString()).toBe('0.000000000000000001');
    expect(d('-12.34').toFixed(4)).toBe('-12.3400');
    expect(d('2.5').toFixed(0)).toBe('2');
    expect(d('0.125').scale()).toBe(3);
    expect(d('65000').toNumber()).toBe(65000);
  });
});

describe('Decimal: arithmetic', () => {
  it('adds and subtracts exactly where floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(d('0.1').add('0.2').toString()).toBe('0.3');
    expect(d('65010.5').sub('65011').toString()).toBe('-0.5');
    expect(Decimal.sum(['26004.2', '39006.6']).toString()).toBe('65010.8');
  });

  it('multiplies exactly while the product fits 18 decimals (price × quantity)', () => {
    expect(d('65010.5').mul('0.40').toString()).toBe('26004.2');
    // 6,501,234,567,891 × 12,345 = 80,257,740,740,614,395, with 8 + 8 = 16 decimals
    expect(d('65012.34567891').mul('0.00012345').toString()).toBe('8.0257740740614395');
    expect(d('-3').mul('0.5').toString()).toBe('-1.5');
  });

  it('rounds products to a stated scale with a stated mode (fees to 8 decimals)', () => {
    // 26009.40084 × 0.001 = 26.00940084 exactly; 123.456789 × 0.001 = 0.123456789 needs rounding
    expect(d('26009.40084').mul('0.001', 8).toString()).toBe('26.00940084');
    expect(d('123.456789').mul('0.001', 8, 'half-up').toString()).toBe('0.12345679');
    expect(d('123.456789').mul('0.001', 8, 'down').toString()).toBe('0.12345678');
    // past 18 digits the default is half-even
    expect(d('0.000000000000000005').mul('0.5').toString()).toBe('0.000000000000000002');
    expect(d('0.000000000000000003').mul('0.5').toString()).toBe('0.000000000000000002');
  });

  it('divides to an explicit scale', () => {
    expect(d('1').div('3', 8).toString()).toBe('0.33333333');
    expect(d('2').div('3', 8).toString()).toBe('0.66666667');
    expect(d('182023.2').div('2.8', 18).toString()).toBe('65008.285714285714285714');
    expect(d('-1').div('8', 2).toString()).toBe('-0.12');
    // a pro-rata share rounds once: 301 × 1 / 3
    expect(d('301').mulDiv('1', '3', 8).toString()).toBe('100.33333333');
    expect(d('61000').mulDiv('0.4', '1', 8).toString()).toBe('24400');
    expect(errorCode(() => d('1').div('0', 2))).toBe('division_by_zero');
    expect(errorCode(() => d('1').div('3', 19))).toBe('invalid_scale');
    expect(errorCode(() => d('1').mul('3', -1))).toBe('invalid_scale');
  });

  it.each<[string, RoundingMode, string]>([
    ['2.5', 'half-even', '2'],
    ['3.5', 'half-even', '4'],
    ['-2.5', 'half-even', '-2'],
    ['2.5', 'half-up', '3'],
    ['-2.5', 'half-up', '-3'],
    ['2.4', 'half-up', '2'],
    ['2.6', 'half-even', '3'],
    ['2.1', 'up', '3'],
    ['-2.1', 'up', '-3'],
    ['2.9', 'down', '2'],
    ['-2.9', 'down', '-2'],
    ['-2.1', 'floor', '-3'],
    ['2.1', 'floor', '2'],
    ['-2.9', 'ceil', '-2'],
    ['2.1', 'ceil', '3'],
    ['2', 'up', '2'],
  ])('rounds %s %s to %s', (value, mode, expected) => {
    expect(d(value).round(0, mode).toString()).toBe(expected);
  });

  it('compares, and finds minima and maxima', () => {
    expect(d('65010.5').cmp('65011')).toBe(-1);
    expect(d('1.0').cmp('1')).toBe(0);
    expect(d('1.0').eq('1')).toBe(true);
    expect(d('2').gt('1.999999999999999999')).toBe(true);
    expect(d('2').gte('2') && d('2').lte('2') && d('1').lt('2')).toBe(true);
    expect(Decimal.min('3', '-1', '2').toString()).toBe('-1');
    expect(Decimal.max('3', '-1', '2').toString()).toBe('3');
    expect(d('5').min('4.5').toString()).toBe('4.5');
    expect(d('5').max('4.5').toString()).toBe('5');
    expect(d('0').isZero() && d('-0.1').isNegative() && d('0.1').isPositive()).toBe(true);
    expect(d('-3').abs().toString()).toBe('3');
    expect(d('3').neg().toString()).toBe('-3');
    expect([d('-2').sign(), d('0').sign(), d('2').sign()]).toEqual([-1, 0, 1]);
  });

  it('quantizes to a tick or lot size and tells multiples apart', () => {
    expect(d('65010.37').quantize('0.5').toString()).toBe('65010');
    expect(d('65010.37').quantize('0.5', 'ceil').toString()).toBe('65010.5');
    expect(d('0.123456').quantize('0.0001').toString()).toBe('0.1234');
    expect(d('-0.123456').quantize('0.0001').toString()).toBe('-0.1234');
    expect(d('65010.5').isMultipleOf('0.5')).toBe(true);
    expect(d('65010.25').isMultipleOf('0.5')).toBe(false);
    expect(d('0.00100').isMultipleOf('0.00001')).toBe(true);
    expect(errorCode(() => d('1').quantize('0'))).toBe('invalid_step');
    expect(errorCode(() => d('1').isMultipleOf('-0.1'))).toBe('invalid_step');
  });
});

describe('Decimal: properties', () => {
  /** Mantissas of every size, so both the float fast path and the bigint path get exercised. */
  const mantissa = fc.oneof(
    fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
    fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  );
  const decimalText = fc.tuple(mantissa, fc.integer({ min: 0, max: 18 })).map(([digits, scale]) => {
    const negative = digits < 0n;
    const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
    const body = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
    return negative ? `-${body}` : body;
  });
  const decimal = decimalText.map((text) => Decimal.from(text));
  const scale = fc.integer({ min: 0, max: 18 });
  const mode = fc.constantFrom<RoundingMode>('down', 'up', 'floor', 'ceil', 'half-up', 'half-even');

  /** An independent reference: rational n / d rounded to an integer, on bigints only. */
  function reference(n: bigint, d: bigint, rounding: RoundingMode): bigint {
    const negative = n < 0n !== d < 0n;
    const an = n < 0n ? -n : n;
    const ad = d < 0n ? -d : d;
    const floorAbs = an / ad;
    const rest = an - floorAbs * ad;
    let magnitude = floorAbs;
    if (rest !== 0n) {
      const awayFromZero =
        rounding === 'up' ||
        (rounding === 'floor' && negative) ||
        (rounding === 'ceil' && !negative) ||
        (rounding === 'half-up' && rest * 2n >= ad) ||
        (rounding === 'half-even' && (rest * 2n > ad || (rest * 2n === ad && floorAbs % 2n === 1n)));
      if (awayFromZero) magnitude += 1n;
    }
    return negative ? -magnitude : magnitude;
  }
  const pow = (k: number) => 10n ** BigInt(k);

  it('parse ∘ format is the identity and format is canonical', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const x = Decimal.parse(text);
        expect(Decimal.parse(x.toString()).eq(x)).toBe(true);
        expect(x.toString()).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        expect(x.toString()).toBe(Decimal.fromUnits(x.units).toString());
      }),
    );
  });

  it('adds, subtracts and compares exactly, whatever the size', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(a.add(b).units).toBe(a.units + b.units);
        for (const result of [a.add(b), a.sub(b), a.mul(b), a.neg()]) {
          expect(result).toEqual(Decimal.parse(result.toString())); // one form per value
        }
        expect(a.sub(b).units).toBe(a.units - b.units);
        expect(a.add(b).sub(b).eq(a)).toBe(true);
        expect(a.cmp(b)).toBe(a.units < b.units ? -1 : a.units > b.units ? 1 : 0);
        expect(a.neg().units).toBe(-a.units);
      }),
    );
  });

  it('multiplies and divides like exact rational arithmetic rounded once', () => {
    fc.assert(
      fc.property(decimal, decimal, scale, mode, (a, b, digits, rounding) => {
        const product = reference(a.units * b.units, pow(2 * 18 - digits), rounding) * pow(18 - digits);
        expect(a.mul(b, digits, rounding).units).toBe(product);
        if (!b.isZero()) {
          const quotient = reference(a.units * pow(digits), b.units, rounding) * pow(18 - digits);
          expect(a.div(b, digits, rounding).units).toBe(quotient);
        }
        if (!b.isZero()) {
          const share =
            reference(a.units * a.units * pow(digits), b.units * 10n ** 18n, rounding) * pow(18 - digits);
          expect(a.mulDiv(a, b, digits, rounding).units).toBe(share);
        }
        expect(a.round(digits, rounding).units).toBe(
          reference(a.units, pow(18 - digits), rounding) * pow(18 - digits),
        );
      }),
    );
  });

  it('quantizes onto the step grid and recognises multiples', () => {
    const step = fc.oneof(
      decimal.map((x) => x.abs()),
      fc.constantFrom('0.5', '0.01', '0.00001', '1', '25').map(Decimal.from),
    );
    fc.assert(
      fc.property(decimal, step, mode, (x, s, rounding) => {
        if (!s.isPositive()) return;
        const q = x.quantize(s, rounding);
        expect(q.units).toBe(reference(x.units, s.units, rounding) * s.units);
        expect(q.isMultipleOf(s)).toBe(true);
        expect(x.isMultipleOf(s)).toBe(x.units % s.units === 0n);
      }),
    );
  });

  it('takes a float through its shortest form, and gives the same float back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }), (n) => {
        const text = String(n);
        if (text.includes('e') || (text.split('.')[1]?.length ?? 0) > 18) return;
        expect(Decimal.from(n).toString()).toBe(Decimal.parse(text === '-0' ? '0' : text).toString());
        expect(Decimal.from(n).toNumber()).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
