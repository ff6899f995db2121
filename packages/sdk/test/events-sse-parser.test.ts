import { describe, expect, it } from 'vitest';
import { type SSEMessage, SSEParser } from '../src/core/sse';

/** Parses `chunks` in order; returns the messages and comments. */
function parse(chunks: string[]): { messages: SSEMessage[]; comments: string[]; retry: number | undefined } {
  const parser = new SSEParser();
  const comments: string[] = [];
  parser.onComment = (text) => comments.push(text);
  const messages = chunks.flatMap((chunk) => parser.push(chunk));
  messages.push(...parser.end());
  return { messages, comments, retry: parser.retry };
}

const STREAM = [
  '\uFEFF: connected',
  '',
  'retry: 2500',
  'id: 1',
  'event: order.created',
  'data: {"id":"1",',
  'data:  "type":"order.created"}',
  '',
  ': ping',
  '',
  'id: 2',
  'data: é ünïcödé ✓ 😀',
  '',
  'event: no-data',
  '',
  'data',
  '',
  'data:',
  'data:',
  '',
  'unknown: field',
  'id: 3',
  'data:x',
  '',
];

const EXPECTED: SSEMessage[] = [
  { id: '1', event: 'order.created', data: '{"id":"1",\n "type":"order.created"}' },
  { id: '2', event: 'message', data: 'é ünïcödé ✓ 😀' },
  { id: '2', event: 'message', data: '' },
  { id: '2', event: 'message', data: '\n' },
  { id: '3', event: 'message', data: 'x' },
];

describe('the SSE parser', () => {
  it('reads events, multi-line data, comments, retry, ids that carry over, fields without a colon', () => {
    const { messages, comments, retry } = parse([`${STREAM.join('\n')}\n`]);
    expect(messages).toEqual(EXPECTED);
    expect(comments).toEqual(['connected', 'ping']);
    expect(retry).toBe(2500);
  });

  it('accepts CRLF, CR and LF line endings, mixed', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      expect(parse([`${STREAM.join(eol)}${eol}`]).messages).toEqual(EXPECTED);
    }
    // A CR followed by an empty line ended by LF would read as one CRLF: CR only before a non-empty line.
    const mixed = STREAM.map((line, i) => {
      const eol = ['\r\n', '\r', '\n'][i % 3] as string;
      return line + (eol === '\r' && STREAM[i + 1] === '' ? '\n' : eol);
    }).join('');
    expect(parse([mixed]).messages).toEqual(EXPECTED);
  });

  it('gives the same messages whatever the chunk boundaries, CRLF split included', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const text = `${STREAM.join(eol)}${eol}`;
      // Every split into two chunks
      for (let i = 0; i <= text.length; i++) {
        expect(parse([text.slice(0, i), text.slice(i)]).messages, `${JSON.stringify(eol)} at ${i}`).toEqual(
          EXPECTED,
        );
      }
      // One character (UTF-16 unit) at a time
      expect(parse(text.split('')).messages).toEqual(EXPECTED);
      // Three random splits, many times
      for (let round = 0; round < 200; round++) {
        const cuts = [0, ...Array.from({ length: 3 }, () => Math.floor(Math.random() * text.length))]
          .sort((a, b) => a - b)
          .concat(text.length);
        const chunks = cuts.slice(1).map((end, i) => text.slice(cuts[i], end));
        expect(parse(chunks).messages).toEqual(EXPECTED);
      }
    }
  });

  it('decodes bytes split inside a multi-byte character when fed through a streaming TextDecoder', () => {
    const bytes = new TextEncoder().encode(`${STREAM.join('\n')}\n`);
    for (let i = 0; i <= bytes.length; i += 1) {
      const decoder = new TextDecoder();
      const chunks = [
        decoder.decode(bytes.slice(0, i), { stream: true }),
        decoder.decode(bytes.slice(i), { stream: true }),
      ];
      expect(parse(chunks).messages).toEqual(EXPECTED);
    }
  });

  it('dispatches nothing for an event cut off by the end of the stream; a last line without its break counts', () => {
    expect(parse(['data: a\n\ndata: b']).messages).toEqual([{ id: undefined, event: 'message', data: 'a' }]);
    expect(parse(['data: a\r']).messages).toEqual([]);
    const parser = new SSEParser();
    expect(parser.push('id: 7\r')).toEqual([]);
    expect(parser.push('\ndata: x\r')).toEqual([]);
    // A CR at the end of a chunk may be half of a CRLF: the blank line it ends is known at the next byte
    expect(parser.push('\r')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: '7', event: 'message', data: 'x' }]);
  });
});
