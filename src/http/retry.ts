import { setTimeout } from "node:timers/promises";

/**
 * Retry policy for reads: exponential backoff with full jitter, honouring Retry-After.
 * Deletes are never retried here: a delete that timed out may have been applied.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  random: Math.random,
};

export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | undefined,
  now = Date.now(),
): number {
  const hinted = parseRetryAfter(retryAfter, now);
  if (hinted !== undefined) return Math.min(hinted, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const SPENT = Symbol("retries spent");

/**
 * Marks an error that already went through its own retry loop (IAM's token request, inside an
 * SDRS read): an outer loop must not start that inner loop over again, multiplying the
 * requests to a service already in trouble.
 */
export function retriesSpent<E>(error: E): E {
  if (typeof error === "object" && error !== null) {
    Object.defineProperty(error, SPENT, { value: true });
  }
  return error;
}

export interface RetryHooks {
  signal?: AbortSignal | undefined;
  onRetry?: (attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` until it succeeds or fails in a way a retry cannot mend. Retried: network
 * errors, 429, 502, 503, 504, and a timeout at most once, so a stalled upstream ends the call
 * within about three deadlines. Anything without a `kind` (a bug) is never retried, nor is an
 * error whose retries were spent already (see retriesSpent).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: () => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  let timeouts = 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const { kind, status, retryAfter } = error as Retryable;
      if (kind === "timeout") timeouts++;
      const retryable =
        kind === "network" ||
        (kind === "timeout" && timeouts <= 1) ||
        (kind === "http" && status !== undefined && RETRYABLE_STATUS.has(status));
      const spent = typeof error === "object" && error !== null && SPENT in error;
      if (!retryable || spent || n >= policy.retries || hooks.signal?.aborted) throw error;
      const delay = backoffDelay(policy, n + 1, retryAfter);
      hooks.onRetry?.(n + 1, delay);
      await setTimeout(delay, undefined, hooks.signal ? { signal: hooks.signal } : {});
    }
  }
}

/** What the retry decision reads from an error (SdrsError and IAM failures carry it). */
interface Retryable {
  kind?: string;
  status?: number;
  retryAfter?: string;
}
