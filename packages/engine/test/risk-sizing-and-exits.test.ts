import { describe, expect, it } from 'vitest';
import {
  fixedFractionQuantity,
  halfKellyFraction,
  kellyFraction,
  protectiveExits,
  quantityForFraction,
  RiskConfigError,
  roundDownToLot,
  triggeredExit,
  volatilityTargetFraction,
} from '../src';

const text = (value: { toString(): string } | undefined) => value?.toString();

describe('risk sizing helpers', () => {
  it('rounds down to the lot, never up', () => {
    expect(text(roundDownToLot('0.123456', '0.001'))).toBe('0.123');
    expect(text(roundDownToLot('0.0009', '0.001'))).toBe('0');
    expect(text(roundDownToLot('-1', '0.001'))).toBe('0');
    expect(() => roundDownToLot('1', '0')).toThrow(RiskConfigError);
  });

  it('fixed fraction of equity, or of equity at risk to a stop', () => {
    expect(
      text(quantityForFraction({ equity: '10000', fraction: '0.1', price: '65000', lotSize: '0.0001' })),
    ).toBe('0.0153');
    expect(
      text(fixedFractionQuantity({ equity: '10000', fraction: '0.1', price: '65000', lotSize: '0.0001' })),
    ).toBe('0.0153');
    // 1 % at risk = 100; 1,300 a unit to the stop → 0.076923… → 0.0769
    expect(
      text(
        fixedFractionQuantity({
          equity: '10000',
          fraction: '0.01',
          price: '65000',
          stopDistance: '1300',
          lotSize: '0.0001',
        }),
      ),
    ).toBe('0.0769');
    // Exactly on the lot stays.
    expect(text(quantityForFraction({ equity: '1000', fraction: '0.5', price: '100', lotSize: '1' }))).toBe(
      '5',
    );
    expect(text(quantityForFraction({ equity: '-5', fraction: '0.5', price: '100', lotSize: '1' }))).toBe(
      '0',
    );
    expect(() => fixedFractionQuantity({ equity: '1', fraction: '1.1', price: '1', lotSize: '1' })).toThrow(
      RiskConfigError,
    );
  });

  it('half-Kelly from win rate and payoff ratio, clamped at zero', () => {
    expect(text(kellyFraction('0.55', '1.5'))).toBe('0.25');
    expect(text(halfKellyFraction('0.55', '1.5'))).toBe('0.125');
    expect(text(halfKellyFraction('0.5', '1'))).toBe('0'); // no edge
    expect(text(halfKellyFraction('0.4', '1'))).toBe('0'); // negative edge
    expect(text(halfKellyFraction('1', '2'))).toBe('0.5');
    expect(text(halfKellyFraction('0.6', '3'))).toBe('0.233333333333'); // (0.6 − 0.4/3) / 2, rounded down
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof RiskConfigError ? error.field : 'other';
      }
    };
    expect(field(() => kellyFraction('1.01', '1'))).toBe('winRate');
    expect(field(() => kellyFraction('0.5', '0'))).toBe('payoffRatio');
  });

  it('volatility target: target over asset volatility, capped', () => {
    expect(text(volatilityTargetFraction('0.2', '0.8'))).toBe('0.25');
    expect(text(volatilityTargetFraction('0.4', '0.2'))).toBe('1');
    expect(text(volatilityTargetFraction('0.4', '0.2', '3'))).toBe('2');
    expect(() => volatilityTargetFraction('0.2', '0')).toThrow(RiskConfigError);
  });
});

describe('protective exits', () => {
  it('places stop and take-profit from a percentage or an ATR multiple', () => {
    const long = protectiveExits({
      side: 'long',
      entryPrice: '65000',
      stop: { percent: '2' },
      takeProfit: { atr: '900', multiple: '3' },
    });
    expect([text(long.stopPrice), text(long.takeProfitPrice)]).toEqual(['63700', '67700']);
    const short = protectiveExits({
      side: 'short',
      entryPrice: '65000',
      stop: { atr: '900', multiple: '1.5' },
      takeProfit: { percent: '4' },
    });
    expect([text(short.stopPrice), text(short.takeProfitPrice)]).toEqual(['66350', '62400']);
  });

  it('rounds exits to the tick toward the entry', () => {
    const exits = protectiveExits({
      side: 'long',
      entryPrice: '100.03',
      stop: { percent: '1.5' }, // 98.52955
      takeProfit: { percent: '3.3' }, // 103.33099
      tickSize: '0.05',
    });
    expect([text(exits.stopPrice), text(exits.takeProfitPrice)]).toEqual(['98.55', '103.3']);
    const short = protectiveExits({
      side: 'short',
      entryPrice: '100.03',
      stop: { percent: '1.5' },
      tickSize: '0.05',
    });
    expect(text(short.stopPrice)).toBe('101.5'); // 101.53045 down to the tick
  });

  it('refuses exits that make no sense', () => {
    expect(() => protectiveExits({ side: 'long', entryPrice: '100', stop: { percent: '100' } })).toThrow(
      RiskConfigError,
    );
    expect(() =>
      protectiveExits({ side: 'long', entryPrice: '100', stop: { atr: '60', multiple: '2' } }),
    ).toThrow(RiskConfigError);
    expect(() => protectiveExits({ side: 'long', entryPrice: '0' })).toThrow(RiskConfigError);
  });

  const long = protectiveExits({
    side: 'long',
    entryPrice: '100',
    stop: { percent: '5' },
    takeProfit: { percent: '10' },
  });
  const short = protectiveExits({
    side: 'short',
    entryPrice: '100',
    stop: { percent: '5' },
    takeProfit: { percent: '10' },
  });

  it('triggers on a touch, at the exit price', () => {
    expect(triggeredExit(long, '95')).toMatchObject({ kind: 'stop_loss' });
    expect(triggeredExit(long, '95.01')).toBeNull();
    expect(triggeredExit(long, '110')).toMatchObject({ kind: 'take_profit' });
    expect(triggeredExit(long, { high: 109.99, low: 95.01 })).toBeNull();
    expect(triggeredExit(short, '105')).toMatchObject({ kind: 'stop_loss' });
    expect(triggeredExit(short, { high: '104', low: '90' })).toMatchObject({ kind: 'take_profit' });
  });

  it('takes the stop when one candle touches both (the conservative choice)', () => {
    const exit = triggeredExit(long, { open: 100, high: 111, low: 94 });
    expect(exit?.kind).toBe('stop_loss');
    expect(text(exit?.fillPrice)).toBe('95');
    expect(triggeredExit(short, { high: '106', low: '89' })?.kind).toBe('stop_loss');
  });

  it('fills a gap at the open', () => {
    expect(text(triggeredExit(long, { open: 93, high: 96, low: 92 })?.fillPrice)).toBe('93');
    expect(text(triggeredExit(long, { open: 112, high: 113, low: 111 })?.fillPrice)).toBe('112');
    expect(text(triggeredExit(short, { open: 107, high: 108, low: 104 })?.fillPrice)).toBe('107');
  });
});
