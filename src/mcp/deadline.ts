/**
 * The deadline of one tool call: the request deadline's timer (cleared when the call ends, so
 * nothing of the call waits for it to fire), paused while the call waits for the user (an
 * elicitation form stays open as long as they read it). Pauses may overlap; the clock runs
 * again when the last one ends.
 */
import { Deadline } from "../http/deadline.js";

export interface CallDeadline {
  signal: AbortSignal;
  /** Runs `work` with the clock stopped; the time left when it started is kept for after. */
  pause<T>(work: () => Promise<T>): Promise<T>;
  /** Ends the deadline for good: no timer survives the call. */
  clear(): void;
}

export function callDeadline(ms: number): CallDeadline {
  const deadline = new Deadline(ms);
  let pauses = 0;
  let ended = false;
  return {
    signal: deadline.signal,
    async pause(work) {
      if (pauses++ === 0) deadline.pause();
      try {
        return await work();
      } finally {
        if (--pauses === 0 && !ended) deadline.resume();
      }
    },
    clear() {
      ended = true;
      deadline.clear();
    },
  };
}
