/**
 * Admission by cost: the operations running in one API process may together cost `budget` points
 * (MAILLAGE_CONCURRENT_COST); a costly operation that does not fit waits its turn, in arrival order,
 * before it runs. A process answers sixteen national maps by computing two or three at a time, not
 * sixteen at once: its memory stays bounded, and the small requests beside them wait behind fewer
 * of them on the event loop.
 *
 * Light operations (at most LIGHT_COST points: a detail page, a list page) never wait. An operation
 * costing more than the whole budget runs alone, when nothing else costly does. A request whose
 * client leaves, or whose deadline passes, while waiting leaves the queue.
 */
export const LIGHT_COST = 1_000;

interface Waiter { cost: number; admit: () => void }

export class CostAdmission {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly budget: number) {}

  /** The points of the costly operations running now. */
  get inFlight(): number {
    return this.running;
  }

  /** How many operations wait. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves when the operation may run, with the function that gives its points back (call it once). */
  async admit(cost: number, signal?: AbortSignal): Promise<() => void> {
    if (cost <= LIGHT_COST) return () => undefined;
    signal?.throwIfAborted();
    if (this.queue.length === 0 && this.fits(cost)) return this.take(cost);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { cost, admit: resolve };
      this.queue.push(waiter);
      signal?.addEventListener('abort', () => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return; // already admitted: its release gives the points back
        this.queue.splice(at, 1);
        this.next();
        reject(signal.reason);
      }, { once: true });
    });
    return this.take(cost, true);
  }

  private fits(cost: number): boolean {
    return this.running === 0 || this.running + cost <= this.budget;
  }

  /** `admitted`: the points were already counted when the waiter was let in (next()). */
  private take(cost: number, admitted = false): () => void {
    if (!admitted) this.running += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= cost;
      this.next();
    };
  }

  /** Lets in the waiters at the head of the queue, in order, while they fit. */
  private next(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0]!.cost)) {
      const waiter = this.queue.shift()!;
      this.running += waiter.cost;
      waiter.admit();
    }
  }
}
