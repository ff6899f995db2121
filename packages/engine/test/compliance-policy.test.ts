import { describe, expect, it } from 'vitest';
import {
  type ComplianceContext,
  CompliancePolicy,
  CompliancePolicyError,
  Decimal,
  evaluateCompliance,
  validateCompliancePolicy,
} from '../src';

const D = (value: string) => Decimal.from(value);
const ctx = (over: Partial<ComplianceContext> = {}): ComplianceContext => ({
  equity: D('100000'),
  price: D('50000'),
  ...over,
});
const buy = (symbol: string, quantity: string) => ({ symbol, side: 'buy' as const, quantity: D(quantity) });
const sell = (symbol: string, quantity: string) => ({ symbol, side: 'sell' as const, quantity: D(quantity) });

describe('compliance policy validation', () => {
  it('accepts a full policy and an empty one', () => {
    expect(validateCompliancePolicy({})).toEqual([]);
    expect(
      validateCompliancePolicy({
        version: '2024-06-01',
        profile: 'aggressive',
        allowList: ['BTC', 'ETH/USDT'],
        denyList: ['DOGE'],
        profiles: { aggressive: { maxPositionPercent: '30' }, conservative: { maxPositionPercent: 0 } },
      }),
    ).toEqual([]);
  });

  it('names the field of each error', () => {
    const errors = validateCompliancePolicy({
      profile: 'yolo',
      allowList: ['BTC', 'btc/usdt', 'ETH'],
      denyList: ['SOL', 'ETH'],
      profiles: {
        balanced: { maxPositionPercent: '100.01' },
        aggressive: { maxPositionPercent: '-1' },
        degen: { maxPositionPercent: '50' },
        conservative: { maxPositionPercent: 'five', max: 1 },
      },
      extra: true,
    });
    expect(errors.map((e) => e.field)).toEqual([
      'extra',
      'profile',
      'allowList[1]',
      'denyList[1]',
      'profiles.balanced.maxPositionPercent',
      'profiles.aggressive.maxPositionPercent',
      'profiles.degen',
      'profiles.conservative.max',
      'profiles.conservative.maxPositionPercent',
    ]);
    expect(errors.find((e) => e.field === 'denyList[1]')?.message).toBe(
      'ETH is also on the allow list (allowList[2])',
    );
    expect(errors.find((e) => e.field === 'profile')?.message).toBe(
      'unknown profile "yolo"; one of conservative, balanced, aggressive',
    );
  });

  it('bounds are inclusive: 0 and 100 are valid percents', () => {
    expect(validateCompliancePolicy({ profiles: { balanced: { maxPositionPercent: '100' } } })).toEqual([]);
    expect(validateCompliancePolicy({ profiles: { balanced: { maxPositionPercent: '0' } } })).toEqual([]);
  });

  it('refuses wrong shapes', () => {
    expect(validateCompliancePolicy(null)).toEqual([
      { field: 'policy', message: 'a policy must be an object' },
    ]);
    expect(
      validateCompliancePolicy({ allowList: 'BTC', version: '', profiles: [] }).map((e) => e.field),
    ).toEqual(['version', 'allowList', 'profiles']);
  });

  it('the constructor throws every error at once', () => {
    try {
      new CompliancePolicy({ profile: 'x' as never, allowList: ['BTC'], denyList: ['BTC'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CompliancePolicyError);
      const e = error as CompliancePolicyError;
      expect(e.code).toBe('invalid_compliance_policy');
      expect(e.errors.map((x) => x.field)).toEqual(['profile', 'denyList[0]']);
    }
  });
});

describe('compliance evaluate', () => {
  it('defaults: balanced, 10 % of equity; every verdict carries its reasons and the policy', () => {
    const policy = new CompliancePolicy();
    const verdict = policy.evaluate(buy('BTC/USDT', '0.2'), ctx()); // 10,000 = 10 %
    expect(verdict).toEqual({
      approved: true,
      reasons: [
        { rule: 'deny_list', passed: true, message: 'BTC/USDT is not denied' },
        { rule: 'allow_list', passed: true, message: 'no allow list: every symbol allowed' },
        {
          rule: 'max_position_percent',
          passed: true,
          message: 'position would be worth 10000, within 10 % of equity (balanced) = 10000',
        },
      ],
      policyVersion: '1',
      policyHash: policy.hash,
      profile: 'balanced',
    });
    expect(policy.hash).toMatch(/^[0-9a-f]{64}$/);
    const over = policy.evaluate(buy('BTC/USDT', '0.20000001'), ctx());
    expect(over.approved).toBe(false);
    expect(over.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['max_position_percent']);
  });

  it('profiles: 5 / 10 / 25 % by default, overridable', () => {
    const cap = (config: ConstructorParameters<typeof CompliancePolicy>[0]) =>
      new CompliancePolicy(config).maxPositionPercent.toString();
    expect([cap({ profile: 'conservative' }), cap({}), cap({ profile: 'aggressive' })]).toEqual([
      '5',
      '10',
      '25',
    ]);
    expect(cap({ profile: 'aggressive', profiles: { aggressive: { maxPositionPercent: '40' } } })).toBe('40');
    const conservative = new CompliancePolicy({ profile: 'conservative' });
    expect(conservative.evaluate(buy('BTC/USDT', '0.1'), ctx()).approved).toBe(true); // 5,000 = 5 %
    expect(
      conservative.evaluate(buy('BTC/USDT', '0.1'), ctx({ positionQuantity: D('0.00000001') })).approved,
    ).toBe(false);
  });

  it('deny list by symbol or base asset; it wins over the allow list', () => {
    const policy = new CompliancePolicy({ allowList: ['DOGE'], denyList: ['DOGE/BTC', 'SHIB'] });
    const small = ctx({ price: D('0.1') });
    expect(policy.evaluate(buy('DOGE/USDT', '10'), small).approved).toBe(true);
    const denied = policy.evaluate(buy('DOGE/BTC', '10'), small);
    expect(denied.approved).toBe(false);
    expect(denied.reasons[0]).toEqual({
      rule: 'deny_list',
      passed: false,
      message: 'DOGE/BTC is denied (DOGE/BTC)',
    });
    expect(policy.evaluate(buy('SHIB/USDT', '10'), small).reasons.map((r) => r.passed)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('allow list by symbol or base asset', () => {
    const policy = new CompliancePolicy({ allowList: ['BTC', 'ETH/USDT'] });
    expect(policy.evaluate(buy('BTC/EUR', '0.01'), ctx()).approved).toBe(true);
    expect(policy.evaluate(buy('ETH/USDT', '0.01'), ctx()).approved).toBe(true);
    const refused = policy.evaluate(buy('ETH/BTC', '0.01'), ctx());
    expect(refused.approved).toBe(false);
    expect(refused.reasons[1]).toEqual({
      rule: 'allow_list',
      passed: false,
      message: 'ETH/BTC is not on the allow list',
    });
  });

  it('an order that reduces a position passes every rule; a flip does not', () => {
    const policy = new CompliancePolicy({ profile: 'conservative', denyList: ['BTC'] });
    const held = ctx({ positionQuantity: D('1') }); // 50 % of equity, on a denied asset
    const close = policy.evaluate(sell('BTC/USDT', '1'), held);
    expect(close.approved).toBe(true);
    expect(close.reasons.every((r) => r.passed)).toBe(true);
    expect(policy.evaluate(sell('BTC/USDT', '1.01'), held).approved).toBe(false);
    expect(policy.evaluate(buy('BTC/USDT', '0.01'), held).approved).toBe(false);
  });

  it('the hash identifies the policy, whatever the order of its lists', () => {
    const a = new CompliancePolicy({ allowList: ['BTC', 'ETH'], version: '7' });
    const b = new CompliancePolicy({ allowList: ['ETH', 'BTC', 'ETH'], version: '7' });
    const c = new CompliancePolicy({ allowList: ['ETH', 'BTC'], version: '7', profile: 'aggressive' });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
    expect(
      evaluateCompliance(buy('BTC/USDT', '0.01'), ctx(), { allowList: ['BTC', 'ETH'], version: '7' }),
    ).toMatchObject({ policyVersion: '7', policyHash: a.hash, approved: true });
  });
});
