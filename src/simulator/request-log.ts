import type { RecordedRequest } from "./server.js";

/**
 * The requests a test can look at: the newest `capacity` of them, so a long-running `--demo`
 * keeps a bounded log (it once grew from 85 to 1,969 MiB RSS over 358,899 calls). 0 keeps
 * none; Infinity keeps every one, for a test that needs the whole history.
 */
export const DEFAULT_REQUEST_LOG = 1000;

export interface RequestLog {
  /** The kept requests, oldest first; tests may read it and empty it (`length = 0`). */
  readonly requests: RecordedRequest[];
  record(request: RecordedRequest): void;
  /** Every request received so far, kept or not. */
  readonly received: number;
  /** Resolves when the next request arrives (before its body is read or it is answered). */
  next(): Promise<RecordedRequest>;
}

export function createRequestLog(capacity = DEFAULT_REQUEST_LOG): RequestLog {
  if (!(capacity >= 0) || (Number.isFinite(capacity) && !Number.isInteger(capacity))) {
    throw new RangeError(`requestLog must be a non-negative integer or Infinity, got ${capacity}`);
  }
  const requests: RecordedRequest[] = [];
  let received = 0;
  let waiting: ((request: RecordedRequest) => void)[] = [];
  return {
    requests,
    record(request) {
      received += 1;
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake(request);
      if (capacity === 0) return;
      requests.push(request);
      // In place: tests hold this very array.
      if (requests.length > capacity) requests.splice(0, requests.length - capacity);
    },
    get received() {
      return received;
    },
    next: () => new Promise((resolve) => waiting.push(resolve)),
  };
}
