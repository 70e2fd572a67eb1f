/**
 * Upstream requests in flight, bounded per user and for the whole process. One user's
 * project-wide summary may use its share and no more, so it cannot starve the others, and the
 * process as a whole cannot drive SDRS into throttling everyone. A request waits (in order) for
 * a slot of its user first, then for one of the process; its own signal ends the wait.
 */
import { aroundCalls, type SdrsClient } from "../../sdrs/client.js";

class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  get idle(): boolean {
    return this.used === 0 && this.waiting.length === 0;
  }

  async take(signal?: AbortSignal): Promise<() => void> {
    if (this.used < this.size) {
      this.used++;
      return this.releaser();
    }
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener("abort", abort);
        resolve();
      };
      const abort = () => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      this.waiting.push(turn);
      signal?.addEventListener("abort", abort, { once: true });
    });
    return this.releaser();
  }

  /** A slot handed on to the next in line is never freed in between: no one can jump the queue. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    };
  }
}

export class UpstreamLimits {
  private readonly total: Slots;
  /** Only users with requests in flight or waiting have an entry. */
  private readonly perSubject = new Map<string, Slots>();

  constructor(
    private readonly subjectLimit: number,
    totalLimit: number,
  ) {
    this.total = new Slots(totalLimit);
  }

  /** The shared client, each call of it counted against `subject`'s share and the total. */
  forSubject(client: SdrsClient, subject: string): SdrsClient {
    return aroundCalls(client, (call, args) =>
      this.run(
        subject,
        call,
        args.find((a): a is AbortSignal => a instanceof AbortSignal),
      ),
    );
  }

  async run<T>(subject: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let own = this.perSubject.get(subject);
    if (!own) {
      own = new Slots(this.subjectLimit);
      this.perSubject.set(subject, own);
    }
    const slots = own;
    let releaseOwn: (() => void) | undefined;
    let releaseTotal: (() => void) | undefined;
    try {
      releaseOwn = await slots.take(signal);
      releaseTotal = await this.total.take(signal);
      return await work();
    } finally {
      releaseTotal?.();
      releaseOwn?.();
      if (slots.idle && this.perSubject.get(subject) === slots) this.perSubject.delete(subject);
    }
  }

  /** Users with an entry (for tests: the map does not grow with every user ever seen). */
  get subjects(): number {
    return this.perSubject.size;
  }
}
