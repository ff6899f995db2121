// A Server-Sent Events parser (the WHATWG "event stream interpretation"), fed text in chunks that
// may split anywhere: inside a line, between CR and LF, inside a multi-byte character.

/** One dispatched event. */
export interface SSEMessage {
  /** The last `id:` seen so far in the stream (ids carry over to later events, as in EventSource). */
  id: string | undefined;
  /** `event:`, or `message` when there was none. */
  event: string;
  /** The `data:` lines, joined with `\n`. */
  data: string;
}

/**
 * Turns chunks of an event stream into messages.
 *
 * @example
 * const parser = new SSEParser();
 * parser.push('id: 1\nevent: fill\ndata: {"a"'); // []
 * parser.push(':1}\n\n'); // [{ id: '1', event: 'fill', data: '{"a":1}' }]
 */
export class SSEParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;
  #started = false;
  /** The last `retry:` the server sent, in milliseconds. */
  retry: number | undefined;
  /** Called for every comment line (`: ping`), without the colon and one leading space. */
  onComment: ((text: string) => void) | undefined;

  /** Parses a chunk; returns the messages it completed. */
  push(chunk: string): SSEMessage[] {
    let text = this.#buffer + chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: SSEMessage[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (c === 13 && i === text.length - 1) break;
      this.#line(text.slice(start, i), out);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.#buffer = text.slice(start);
    return out;
  }

  /** The end of the stream: a last line without its line break still counts; an unfinished event does not. */
  end(): SSEMessage[] {
    const out: SSEMessage[] = [];
    const rest = this.#buffer;
    this.#buffer = '';
    // A CR held back as a possible half of a CRLF ends its line after all.
    if (rest.endsWith('\r')) this.#line(rest.slice(0, -1), out);
    else if (rest.length > 0) this.#line(rest, out);
    this.#data = [];
    this.#event = '';
    return out;
  }

  #line(line: string, out: SSEMessage[]): void {
    if (line === '') {
      if (this.#data.length > 0)
        out.push({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
      this.#data = [];
      this.#event = '';
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) {
      this.onComment?.(line.slice(line.charCodeAt(1) === 32 ? 2 : 1));
      return;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.retry = Number(value);
        break;
      default:
      // Unknown fields are ignored.
    }
  }
}
