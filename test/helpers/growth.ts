/**
 * How the cost of a piece of work grows with its input, in place of a wall-clock bound. The
 * same hostile input is run at two sizes, SMALL and 32 times SMALL, and the CPU time this
 * process spends on each (process.cpuUsage, user + system) gives the exponent of the growth:
 * cost ~ size^exponent, 1 for linear work, 2 for quadratic (32x the input costs 32x or 1024x).
 * A loaded machine stretches wall time, not the CPU time the work itself takes, and whatever it
 * does to caches and clock speed it does to both sizes; the cheapest of a few tries leaves out
 * a pause for garbage collection. Linear paths measure 1.0 to 1.2 here (caches favour the small
 * input); the limit, 1.5, is far from both.
 *
 * The sizes are small on purpose: a quadratic pattern over 64 KiB costs seconds, so a regression
 * fails here with the exponent in its message, where at 1 MiB it would hold the worker for
 * minutes (a synchronous pattern cannot be interrupted by the test timeout).
 */
import { expect } from "vitest";

export const SMALL = 2 * 1024;
export const LARGE = 32 * SMALL;
export const EXPONENT_LIMIT = 1.5;
/** Below this no further try is needed. */
const CLEARLY_LINEAR = 1.25;
/** A run of the large input that costs this much is no accident of measurement: no more tries. */
const CLEARLY_TOO_SLOW_US = 1_000_000;
const TRIES = 3;
/** A measurement repeats the work until it has cost at least this much CPU time. */
const MIN_MEASURED_US = 5_000;

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** CPU microseconds one run of `work` costs, from as many runs as MIN_MEASURED_US takes. */
async function costOf(work: () => unknown): Promise<number> {
  const started = cpuMicros();
  let runs = 0;
  let spent = 0;
  do {
    await work();
    runs++;
    spent = cpuMicros() - started;
  } while (spent < MIN_MEASURED_US);
  return spent / runs;
}

/**
 * The exponent of the growth of work(input) from inputOf(SMALL) to inputOf(LARGE), from the
 * cheapest run at each size. Tried again unless it is clearly linear (the first large run may
 * include compiling, or a collection of the garbage an earlier test left) or clearly too slow
 * (so that a quadratic regression fails after one large run, not after several).
 */
export async function growthExponent<T>(
  inputOf: (size: number) => T,
  work: (input: T) => unknown,
): Promise<number> {
  const small = inputOf(SMALL);
  const large = inputOf(LARGE);
  await work(small); // compiled and loaded before anything is measured
  let cheapestSmall = Number.POSITIVE_INFINITY;
  let cheapestLarge = Number.POSITIVE_INFINITY;
  const exponent = () => Math.log(cheapestLarge / cheapestSmall) / Math.log(LARGE / SMALL);
  for (let attempt = 0; attempt < TRIES; attempt++) {
    cheapestSmall = Math.min(cheapestSmall, await costOf(() => work(small)));
    cheapestLarge = Math.min(cheapestLarge, await costOf(() => work(large)));
    if (exponent() < CLEARLY_LINEAR || cheapestLarge > CLEARLY_TOO_SLOW_US) break;
  }
  return exponent();
}

/** Fails unless the cost of `work` grows about linearly with the size of its input. */
export async function expectLinearGrowth<T>(
  inputOf: (size: number) => T,
  work: (input: T) => unknown,
  what = "the work",
): Promise<void> {
  const exponent = await growthExponent(inputOf, work);
  const message = `CPU time of ${what} grew as size^${exponent.toFixed(2)} from ${SMALL / 1024} to ${LARGE / 1024} KiB (linear 1, quadratic 2)`;
  expect(exponent, message).toBeLessThan(EXPONENT_LIMIT);
}
