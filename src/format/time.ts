/**
 * ISO 8601 dates and times as a person types them for a window ("since"): a date
 * (2026-11-20, midnight UTC), or a date and time with optional seconds, fraction and offset
 * (2026-11-20T08:00, 2026-11-20T08:00:00.5Z, 2026-11-20T08:00:00+01:00; no offset is UTC).
 * Only real times pass: 2026-02-30 is refused, not rolled over to March, and the message names
 * the part that is wrong.
 */
const SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))?)?$/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export type ParsedTime = { ms: number } | { problem: string };

export function parseIsoTime(value: string): ParsedTime {
  const m = SHAPE.exec(value);
  if (!m) {
    return {
      problem: "is not an ISO 8601 date or time; use e.g. 2026-11-20 or 2026-11-20T08:00:00Z",
    };
  }
  const num = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const [y, mo, d, hour, minute, second] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  if (mo < 1 || mo > 12) return { problem: `has month ${m[2]}; months are 01 to 12` };
  const days = daysIn(y, mo);
  if (d < 1 || d > days) {
    return { problem: `has day ${m[3]}, but ${MONTHS[mo - 1]} ${y} has days 01 to ${days}` };
  }
  if (hour > 23) return { problem: `has hour ${m[4]}; hours are 00 to 23` };
  if (minute > 59) return { problem: `has minute ${m[5]}; minutes are 00 to 59` };
  if (second > 59) return { problem: `has second ${m[6]}; seconds are 00 to 59` };
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (offsetHours > 14 || offsetMinutes > 59) {
    return { problem: `has offset ${m[9]}${m[10]}:${m[11]}; offsets are -14:00 to +14:00` };
  }
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(hour, minute, second, Math.floor(fraction));
  const local = date.getTime();
  const sign = m[9] === "-" ? -1 : 1;
  return { ms: local - sign * (offsetHours * 60 + offsetMinutes) * 60_000 };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
