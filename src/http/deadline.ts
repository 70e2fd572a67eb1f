/**
 * Time limits of one request that hold whatever the dispatcher does: a deadline from a timer
 * that is cleared (or paused) rather than left to fire, and a wait for headers that ends when
 * the signal aborts.
 */
import type { Dispatcher } from "undici";

/**
 * Stops waiting for the headers when `signal` aborts. undici does not always give up by itself:
 * a CONNECT that a proxy never answers outlives the request's signal. An answer that still
 * comes is dropped.
 */
export function untilAborted(
  pending: Promise<Dispatcher.ResponseData>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      pending.then(
        (late) => late.body.on("error", () => {}).destroy(),
        () => {},
      );
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** An abort after `ms`, from a timer that is cleared (or paused) rather than left to fire. */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private remaining: number;
  private startedAt = 0;
  readonly signal = this.controller.signal;

  constructor(ms: number) {
    this.remaining = ms;
    this.resume();
  }

  pause(): void {
    if (this.timer === undefined) return;
    this.clear();
    this.remaining -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.timer !== undefined || this.signal.aborted) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(() => this.controller.abort(), Math.max(0, this.remaining));
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
