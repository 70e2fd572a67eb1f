/**
 * Every generated time lies in the days before this fixed instant, so the data set never
 * depends on the clock of the machine running it.
 */
export const DATA_EPOCH_MS = Date.UTC(2026, 10, 20);
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** Task and job times: `yyyy-MM-ddTHH:mm:ss.SSSZ`. */
export function apiTime(epochMs: number): string {
  // Date#toISOString costs microseconds and data sets format a hundred thousand times, all within
  // a few dozen days: format each day once, the time of day by arithmetic.
  const whole = Math.floor(epochMs);
  const day = Math.floor(whole / DAY_MS);
  let datePart = DAY_PREFIXES.get(day);
  if (datePart === undefined) {
    datePart = new Date(day * DAY_MS).toISOString().slice(0, 11);
    DAY_PREFIXES.set(day, datePart);
  }
  const ms = whole - day * DAY_MS;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / MINUTE_MS) % 60;
  const seconds = Math.floor(ms / SECOND_MS) % 60;
  return `${datePart}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(ms % 1000, 3)}Z`;
}

const DAY_PREFIXES = new Map<number, string>();

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Protection group times: `yyyy-MM-dd HH:mm:ss.SSS` (UTC, no T, no Z). */
export function groupTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23).replace("T", " ");
}
