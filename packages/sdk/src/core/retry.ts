// The retry policy, kept free of I/O so it can be tested without a clock or a network.

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
// A server asking for more than this is better answered by failing now than by hanging the caller.
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * 408, 429 and 5xx may succeed later. 501 means the server will never do this, so it is final;
 * every other 4xx says the request itself is wrong.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}

/** `Retry-After` in milliseconds (delay-seconds or an HTTP date), or `undefined` when absent or unreadable. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its day and month; without this, Date.parse('-3') is the year -3.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (1 for the first). The server's `Retry-After` wins
 * when it is sane; otherwise exponential backoff with full jitter, so that many clients failing at
 * once do not come back in lockstep.
 */
export function retryDelay(retry: number, headers?: Headers, random = Math.random, now = Date.now()): number {
  const retryAfter = parseRetryAfter(headers, now);
  if (retryAfter !== undefined && retryAfter <= MAX_RETRY_AFTER_MS) return retryAfter;
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
