/**
 * How many bytes of upstream bodies the process holds at once, across every concurrent call.
 * A response reserves its size before its body is read (the declared Content-Length, or the
 * body cap when none is declared) and releases it once the body has been parsed; responses that
 * do not fit wait in arrival order, their bytes left unread in the socket. A burst of large
 * pages therefore queues instead of taking the machine's memory.
 */

/** 64 MiB: three bodies at the 20 MiB cap, or a few dozen ordinary pages, at once. */
const DEFAULT_BODY_BUDGET_BYTES = 64 * 1024 * 1024;

interface Waiter {
  bytes: number;
  grant: () => void;
}

export class ByteBudget {
  private used = 0;
  private readonly queue: Waiter[] = [];
  /** Highest number of bytes reserved at once, for tests and benchmarks. */
  peak = 0;

  constructor(readonly capacity: number) {}

  /**
   * Resolves with a release function once `bytes` fit. A request larger than the whole budget
   * takes all of it (it runs alone) rather than waiting forever.
   */
  async reserve(wanted: number, signal?: AbortSignal): Promise<() => void> {
    const bytes = Math.min(Math.max(0, wanted), this.capacity);
    if (this.queue.length === 0 && this.used + bytes <= this.capacity) this.take(bytes);
    else await this.wait(bytes, signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.admit();
    };
  }

  private take(bytes: number): void {
    this.used += bytes;
    this.peak = Math.max(this.peak, this.used);
  }

  private wait(bytes: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        this.admit();
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** First come, first served: a large waiter at the head is not overtaken by small ones. */
  private admit(): void {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (this.used + head.bytes > this.capacity) return;
      this.queue.shift();
      this.take(head.bytes);
      head.grant();
    }
  }
}

/** The one budget the whole process shares unless a caller brings its own (tests do). */
export const sharedBodyBudget = new ByteBudget(DEFAULT_BODY_BUDGET_BYTES);
