/**
 * Runs async tasks one at a time, in the order they were queued: the account's lock. Every change to
 * the in-memory ledger and its write to the database happen inside one task, so the two never
 * diverge and no two changes interleave.
 *
 * @example
 * const queue = new SerialQueue();
 * const order = await queue.run(() => placeOrder(request));
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Queues `task`; resolves or rejects with its result once it has run. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result
      .catch(() => {})
      .finally(() => {
        this.pending--;
      });
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves once every task queued so far (and any they queue meanwhile) has run. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
