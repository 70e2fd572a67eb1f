/**
 * Runs `task` over `items` with at most `limit` in flight, keeping input order in the output.
 * Stops starting new tasks once `signal` aborts or a task has failed (the answer is decided
 * then: the rest would only send requests nobody reads); tasks already running see `signal`.
 */
export async function concurrencyLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      signal?.throwIfAborted();
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
