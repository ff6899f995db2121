/** A parsed response body together with the raw `Response` it came from. */
export interface APIResponse<T> {
  /** The parsed body, as `await`ing the call would return it. */
  data: T;
  /** The raw response, for its status and headers; its body has already been read. */
  response: Response;
  /** The server's `X-Request-Id`, to quote when reporting a problem. */
  requestId: string | undefined;
}

/**
 * What every SDK method returns: a `Promise` of the parsed body that can also give the raw
 * response through `.withResponse()`.
 *
 * @example
 * ```ts
 * const health = await sigmax.health();
 * const { data, response, requestId } = await sigmax.health().withResponse();
 * console.log(response.status, requestId, data.status);
 * ```
 */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<APIResponse<T>>;
  #data: Promise<T> | undefined;

  /** @internal */
  constructor(result: Promise<APIResponse<T>>) {
    // The base promise is a placeholder: `then`, `catch` and `finally` below delegate to `result`,
    // so its value is never observed.
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  // Derived promises (`.then()` results) are plain promises, never half-built APIPromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The parsed body with the raw `Response` and the request id. */
  withResponse(): Promise<APIResponse<T>> {
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass must override then() to delegate.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parsed().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }

  #parsed(): Promise<T> {
    this.#data ??= this.#result.then((result) => result.data);
    return this.#data;
  }
}
