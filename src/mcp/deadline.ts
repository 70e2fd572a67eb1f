/**
 * The deadline of one tool call: a timer that aborts a signal, cleared when the call ends (a
 * pending timeout signal would keep the call's result reachable until it fired), and paused
 * while the call waits for the user (an elicitation form stays open as long as they read it).
 */
export interface CallDeadline {
  signal: AbortSignal;
  /** Runs `work` with the clock stopped; the time left when it started is kept for after. */
  pause<T>(work: () => Promise<T>): Promise<T>;
  /** Ends the deadline for good: no timer survives the call. */
  clear(): void;
}

export function callDeadline(ms: number): CallDeadline {
  const controller = new AbortController();
  let remaining = ms;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined = setTimeout(() => controller.abort(), ms);
  let pauses = 0;
  let ended = false;

  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    signal: controller.signal,
    async pause(work) {
      if (pauses++ === 0 && timer) {
        stop();
        remaining -= Date.now() - startedAt;
      }
      try {
        return await work();
      } finally {
        if (--pauses === 0 && !ended && !controller.signal.aborted) {
          startedAt = Date.now();
          timer = setTimeout(() => controller.abort(), Math.max(0, remaining));
        }
      }
    },
    clear() {
      ended = true;
      stop();
    },
  };
}
