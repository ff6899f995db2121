import { describe, expect, it } from 'vitest';
import { analyze, defaultAnalysisParameters, type NewsItem, redact, redactText, sentiment } from '../src';
import { BTC_USD, btcWindow } from './support/shipped-candles';

describe('redact()', () => {
  const cases: [category: string, text: string, secret: string][] = [
    ['email', 'write to jane.doe+alerts@example.co.uk today', 'jane.doe+alerts@example.co.uk'],
    ['phone', 'call +44 20 7946 0958 now', '+44 20 7946 0958'],
    ['phone', 'or (212) 555-0199 in NY', '555-0199'],
    ['phone', 'US desk 415-555-0132', '415-555-0132'],
    ['secret', 'key sk_sigmax_0123456789abcdefghijABCDEFGHIJ0123456789 leaked', 'sk_sigmax_0123456789'],
    ['secret', 'openai sk-proj-AbCdEfGhIjKlMnOpQrStUvWx12', 'sk-proj-AbCdEf'],
    ['secret', 'Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9xyz.abcdefghij', 'eyJhbGciOi'],
    ['secret', 'api_key=9f8e7d6c5b4a3f2e1d0c', '9f8e7d6c5b4a3f2e1d0c'],
    [
      'secret',
      'hash 3f786850e387550fdab836ed7e6dc881de23001b in the log',
      '3f786850e387550fdab836ed7e6dc881de23001b',
    ],
    [
      'secret',
      'token dGhpcyBpcyBhIHNlY3JldCB0b2tlbiAxMjM0NTY3ODkw== end',
      'dGhpcyBpcyBhIHNlY3JldCB0b2tlbiAxMjM0NTY3ODkw',
    ],
    ['secret', 'aws AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['iban', 'pay GB82 WEST 1234 5698 7654 32 please', 'GB82 WEST 1234 5698 7654 32'],
    ['iban', 'IBAN DE89370400440532013000', 'DE89370400440532013000'],
    ['card', 'card 4111 1111 1111 1111 exp 12/27', '4111 1111 1111 1111'],
    ['card', 'card 5500-0000-0000-0004', '5500-0000-0000-0004'],
    ['ip', 'from 192.168.1.20 and 10.0.0.1', '192.168.1.20'],
    ['ip', 'v6 2001:db8:85a3::8a2e:370:7334 seen', '2001:db8:85a3::8a2e:370:7334'],
  ];
  for (const [category, text, secret] of cases) {
    it(`redacts ${category}: ${text}`, () => {
      const result = redactText(text);
      expect(result.text).not.toContain(secret);
      expect(result.text).toContain(`[redacted:${category}]`);
      expect(result.counts[category as keyof typeof result.counts]).toBeGreaterThanOrEqual(1);
      expect(redact(text)).toBe(result.text);
    });
  }

  it('keeps the label of a key=value secret', () => {
    expect(redact('password: hunter2hunter2')).toBe('password: [redacted:secret]');
  });

  it('leaves ordinary text, prices, dates, times and numbers alone', () => {
    const ordinary = [
      'rsi:14 (4h) = 63.2; macd:12:26:9.histogram (1h) = -12.3456',
      'Bitcoin trades at 65,010.50 USD, up 3.25 % on 2024-06-01 at 12:30:45 UTC',
      'Buy 0.12345 BTC at about 11755.53 (16977.45 USD); stop 11471.59, target 12181.44.',
      'the 1d closes rise +0.412 % a bar over the last 50 bars (r² 0.83)',
      'Volume 1,234,567 BTC; order 1234567890; ratio 0.5 - 0.7; version 1.2.3',
      'SEC approves spot bitcoin ETFs after a decade-long fight',
      'price vs sma:50 (4h) at 1.0067, bands 6509.95–6633.10',
    ];
    for (const text of ordinary)
      expect(redactText(text)).toEqual({ text, total: 0, counts: expect.any(Object) });
  });
});

describe('sentiment()', () => {
  it('scores bullish and bearish headlines with the lexicon, in (−1, 1)', () => {
    expect(sentiment('Bitcoin surges to a record high as ETF inflows climb').score).toBeGreaterThan(0.5);
    expect(sentiment('Exchange hacked, funds stolen; prices crash').score).toBeLessThan(-0.5);
    expect(sentiment('Bitcoin network upgrade scheduled for Tuesday').score).toBeGreaterThan(0);
    expect(sentiment('Quarterly report published').score).toBe(0);
  });

  it('flips negated words and scales intensified ones', () => {
    expect(sentiment('exchange hacked').score).toBeLessThan(0);
    expect(sentiment('exchange not hacked').score).toBeGreaterThan(0);
    expect(sentiment("regulators won't ban bitcoin").score).toBeGreaterThan(0);
    expect(sentiment('bitcoin rallies sharply').score).toBeGreaterThan(0);
    expect(sentiment('prices rise very').score).toBe(sentiment('prices rise').score);
    expect(sentiment('prices very strong').score).toBeGreaterThan(sentiment('prices strong').score);
    expect(sentiment('prices slightly strong').score).toBeLessThan(sentiment('prices strong').score);
    expect(sentiment('an all-time high').matches).toEqual(['all time high']);
  });
});

describe('the privacy agent in an analysis', () => {
  const until = '2019-06-26T00:00:00Z';
  const asOf = Date.parse(until);
  const news: NewsItem[] = [
    {
      time: asOf - 3_600_000,
      title: 'Bitcoin surges past 11,000 as institutions pile in',
      source: 'fixture',
      assets: ['BTC'],
    },
    {
      time: asOf - 7_200_000,
      title: 'Leak: trader jane@example.com lost keys sk_live_0123456789abcdefXYZ in hack',
      source: 'fixture',
      assets: ['BTC'],
    },
    {
      time: asOf + 3_600_000,
      title: 'Bitcoin crashes (published after the analysis: ignored)',
      source: 'fixture',
      assets: ['BTC'],
    },
    { time: asOf - 3_600_000, title: 'Ether slumps', source: 'fixture', assets: ['ETH'] },
  ];
  const result = analyze({
    symbol: 'BTC/USD',
    market: BTC_USD,
    candles: btcWindow(until),
    news,
    capital: '100000',
    parameters: { ...defaultAnalysisParameters },
  });

  it('redacts the quoted headlines and counts the redactions', () => {
    const text = JSON.stringify(result);
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('sk_live_0123456789');
    expect(text).toContain('[redacted:email]');
    const privacy = result.agents.find((a) => a.agent === 'privacy');
    const count = (name: string) => privacy?.evidence.find((e) => e.name === name)?.value;
    expect(count('redactions: email')).toBe(1);
    expect(count('redactions: secret')).toBe(1);
    expect(count('redactions')).toBe(2);
    expect(privacy?.summary).toContain('2 redaction(s)');
  });

  it('scores only news about the asset published before the analysis', () => {
    const researcher = result.agents.find((a) => a.agent === 'researcher');
    expect(researcher?.evidence.find((e) => e.name === 'news items')?.value).toBe(2);
    expect(result.missingInputs).toEqual([]);
    expect(text(researcher?.evidence.find((e) => e.name === 'most positive headline')?.value)).toContain(
      'surges',
    );
  });
});

const text = (value: unknown) => String(value);
