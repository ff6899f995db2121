/**
 * Privacy redaction: personal data and secrets taken out of free text before it is stored, logged or
 * returned. Each match is replaced by `[redacted:<category>]`. The patterns err on the side of redacting
 * (a 40-character hex string is redacted whether it is a secret or a transaction hash), but leave ordinary
 * prose, prices, percentages, dates and times alone; card and IBAN candidates must pass their checksums.
 */

/** What {@link redact} looks for. */
export type RedactionCategory = 'email' | 'phone' | 'secret' | 'iban' | 'card' | 'ip';

export const REDACTION_CATEGORIES: readonly RedactionCategory[] = [
  'email',
  'phone',
  'secret',
  'iban',
  'card',
  'ip',
];

/** A text with its secrets and personal data replaced, and how many of each were found. */
export interface Redaction {
  text: string;
  /** Redactions made, in all. */
  total: number;
  counts: Record<RedactionCategory, number>;
}

interface Rule {
  category: RedactionCategory;
  pattern: RegExp;
  /** An extra check on the match (checksums, digit counts); the match is kept when it fails. */
  accept?: (match: string) => boolean;
  /** What to keep of the match (a `key=` label), the rest being redacted. */
  keep?: (match: string) => string;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** Luhn checksum, which every payment card number passes. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616 check: the IBAN moved round and read as a number is 1 mod 97. */
function ibanValid(text: string): boolean {
  const iban = text.replace(/\s/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/** In order: the specific secret shapes first, so that a Bearer token is one redaction, not two. */
const RULES: readonly Rule[] = [
  { category: 'secret', pattern: /\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*/g },
  {
    category: 'secret',
    pattern:
      /\b(?:api[_-]?key|api[_-]?secret|secret|token|access[_-]?token|password|passwd|pwd)\b\s*[:=]\s*["']?[^\s"',;]{6,}["']?/gi,
    keep: (match) => (/^[^:=]*[:=]\s*/.exec(match) as RegExpExecArray)[0],
  },
  { category: 'secret', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { category: 'secret', pattern: /\b(?:sk|pk|rk)_(?:[A-Za-z0-9]+_)*[A-Za-z0-9]{12,}\b/g },
  { category: 'secret', pattern: /\bsk-[A-Za-z0-9_-]{20,}/g },
  { category: 'secret', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { category: 'secret', pattern: /\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{30,}\b/g },
  { category: 'secret', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { category: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  {
    category: 'iban',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    accept: ibanValid,
  },
  {
    category: 'card',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    accept: (match) => luhn(digitsOf(match)),
  },
  { category: 'ip', pattern: new RegExp(`\\b${OCTET}(?:\\.${OCTET}){3}\\b(?!\\.\\d)`, 'g') },
  {
    category: 'ip',
    pattern:
      /\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|(?:\b[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{1,4})*::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?\b/g,
    accept: (match) => match.length >= 6 && /[0-9A-Fa-f]/.test(match),
  },
  {
    category: 'phone',
    pattern: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\b\d{2,4}(?:[\s.-]\d{2,4}){1,4}\b/g,
    accept: (match) => {
      const digits = digitsOf(match).length;
      // A phone number has 8 to 15 digits and either a country code, an area code in brackets, or the
      // 3-3-4 grouping; a date (2024-01-01), a time or a list of prices has none of those.
      return (
        digits >= 8 &&
        digits <= 15 &&
        (/^\+/.test(match) || /\(\d+\)/.test(match) || /^\d{3}[\s.-]\d{3}[\s.-]\d{4}$/.test(match))
      );
    },
  },
  { category: 'secret', pattern: /\b(?:0x)?[0-9A-Fa-f]{32,}\b/g },
  {
    category: 'secret',
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_-])/g,
    accept: (match) => /\d/.test(match) && /[A-Za-z]/.test(match) && !/^[a-z-]+$/.test(match),
  },
];

/**
 * Something every match of {@link RULES} contains (an `@`, a keyword, a long run of digits or token
 * characters, …): a text without any is returned untouched without running the rules, which is what most
 * of an analysis's templated prose is.
 */
const MAYBE_SECRET_WORD = /bearer|key|secret|token|pass|pwd/i;
const MAYBE_SENSITIVE =
  /@|eyJ|[spr]k[_-]|AKIA|ASIA|gh[pousr]_|github_pat|xox|[A-Z]{2}\d{2}|\d(?:[ -]?\d){12}|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|::|(?:[0-9A-Fa-f]{1,4}:){7}|\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{2,4}|\(\d{1,4}\)|\d{3}[\s.-]\d{3}[\s.-]\d{4}|[A-Za-z0-9+/_-]{32}/;

/**
 * `text` with its e-mail addresses, phone numbers, API keys and other secrets (`sk_…` keys, Bearer tokens,
 * `password=…`, JWTs, long hex or base64 tokens), IBANs, card numbers and IP addresses replaced, with the
 * count of each.
 *
 * @example
 * redactText('mail bob@example.com, key sk_live_0123456789abcdef').text;
 * // 'mail [redacted:email], key [redacted:secret]'
 */
export function redactText(text: string): Redaction {
  const counts: Record<RedactionCategory, number> = {
    email: 0,
    phone: 0,
    secret: 0,
    iban: 0,
    card: 0,
    ip: 0,
  };
  if (!MAYBE_SENSITIVE.test(text) && !MAYBE_SECRET_WORD.test(text)) return { text, total: 0, counts };
  let out = text;
  let total = 0;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, (match) => {
      if (rule.accept && !rule.accept(match)) return match;
      counts[rule.category]++;
      total++;
      return `${rule.keep ? rule.keep(match) : ''}[redacted:${rule.category}]`;
    });
  }
  return { text: out, total, counts };
}

/**
 * `text` without personal data or secrets (see {@link redactText}); what the server applies to everything
 * it stores and logs from an analysis.
 *
 * @example
 * redact('call +44 20 7946 0958'); // 'call [redacted:phone]'
 */
export function redact(text: string): string {
  return redactText(text).text;
}
