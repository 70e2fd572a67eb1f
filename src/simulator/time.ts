export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The default data epoch: the start of the UTC day of `nowMs`. Every generated time lies before
 * the epoch, so demo data is dated relative to today, and every data set built on one day (the
 * demo's and a test's) is the same.
 */
export function dayStart(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS;
}

/** The instant three calendar months before `nowMs` ("no DR drill within three months"). */
export function monthsBefore(nowMs: number, months: number): number {
  const date = new Date(nowMs);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}

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

/** Protection group, protected instance and drill times: `yyyy-MM-dd HH:mm:ss.SSS` (UTC). */
export function groupTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23).replace("T", " ");
}

/**
 * Replication pair times: `yyyy-MM-ddTHH:mm:ss.SSSSSS`, microseconds and no zone, as in the OTC
 * example ("2018-05-04T03:43:24.108526"); `micros` are the three digits past the millisecond.
 */
export function replicationTime(epochMs: number, micros: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}${pad(micros % 1000, 3)}`;
}

/** Parses `yyyy-MM-dd HH:mm:ss.SSS` (UTC) back to ms. */
export function parseGroupTime(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`);
}
