import { APIPromise } from './api-promise';
import { SigmaxError } from './errors';

/** The query every list operation accepts. */
export interface PageParams {
  /** Page size (1 to 500; the server defaults to 50). */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** A list response as the server sends it. */
export interface PageBody<Item> {
  data: Item[];
  nextCursor: string | null;
}

/**
 * One page of a cursor-paginated list. Iterating it with `for await` walks this page and every
 * page after it.
 *
 * @example
 * ```ts
 * let page = await sigmax.apiKeys.list({ limit: 100 });
 * console.log(page.data.length);
 * while (page.hasNextPage()) page = await page.getNextPage();
 * ```
 */
export class Page<Item> implements PageBody<Item>, AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];
  /** The cursor of the next page, `null` on the last page. */
  readonly nextCursor: string | null;
  readonly #fetchPage: (cursor: string) => Promise<Page<Item>>;

  /** @internal */
  constructor(body: PageBody<Item>, fetchPage: (cursor: string) => Promise<Page<Item>>) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
    this.#fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /** Fetches the next page, with the same query and request options as this one. */
  getNextPage(): Promise<this> {
    if (this.nextCursor === null) return Promise.reject(new SigmaxError('This is the last page.'));
    // Every page of a list is built by the same factory, so the next one has this one's class.
    return this.#fetchPage(this.nextCursor) as Promise<this>;
  }

  /** This page, then each following page, fetched as the loop asks for them. */
  async *iterPages(): AsyncGenerator<this, void, undefined> {
    yield this;
    let cursor = this.nextCursor;
    while (cursor !== null) {
      const page = (await this.#fetchPage(cursor)) as this;
      yield page;
      cursor = page.nextCursor;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What list methods return: `await` it for the first page, or `for await` it for every item of
 * every page. `P` is the page's class, for lists whose pages carry more than `data` (see
 * `EquityHistoryPage`).
 *
 * @example
 * ```ts
 * for await (const key of sigmax.apiKeys.list({ limit: 100 })) console.log(key.prefix);
 * ```
 */
export class PagePromise<Item, P extends Page<Item> = Page<Item>>
  extends APIPromise<P>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this;
  }
}
