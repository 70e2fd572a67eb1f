import { describe, expect, it } from "vitest";
import { parseIsoTime } from "../../../src/format/time.js";

const ms = (value: string) => {
  const parsed = parseIsoTime(value);
  if (!("ms" in parsed)) throw new Error(`${value}: ${parsed.problem}`);
  return parsed.ms;
};
const problem = (value: string) => {
  const parsed = parseIsoTime(value);
  return "problem" in parsed ? parsed.problem : undefined;
};

describe("parseIsoTime", () => {
  it("reads dates, times, fractions and offsets; no offset is UTC", () => {
    expect(ms("2026-11-20")).toBe(Date.UTC(2026, 10, 20));
    expect(ms("2026-11-20T08:00")).toBe(Date.UTC(2026, 10, 20, 8));
    expect(ms("2026-11-20T08:00:30.25Z")).toBe(Date.UTC(2026, 10, 20, 8, 0, 30, 250));
    expect(ms("2026-11-20T08:00:00+01:30")).toBe(Date.UTC(2026, 10, 20, 6, 30));
    expect(ms("2026-11-20T08:00:00-02:00")).toBe(Date.UTC(2026, 10, 20, 10));
    expect(ms("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(ms("0050-01-01")).toBe(new Date("0050-01-01T00:00:00Z").getTime());
  });

  it("refuses what is not a real date or time, naming the bad part", () => {
    expect(problem("2026-02-30")).toBe("has day 30, but February 2026 has days 01 to 28");
    expect(problem("2025-02-29")).toBe("has day 29, but February 2025 has days 01 to 28");
    expect(problem("2026-04-31")).toBe("has day 31, but April 2026 has days 01 to 30");
    expect(problem("2026-13-01")).toBe("has month 13; months are 01 to 12");
    expect(problem("2026-00-10")).toBe("has month 00; months are 01 to 12");
    expect(problem("2026-11-20T24:00")).toBe("has hour 24; hours are 00 to 23");
    expect(problem("2026-11-20T08:60")).toBe("has minute 60; minutes are 00 to 59");
    expect(problem("2026-11-20T08:00:61Z")).toBe("has second 61; seconds are 00 to 59");
    expect(problem("2026-11-20T08:00+15:00")).toBe(
      "has offset +15:00; offsets are -14:00 to +14:00",
    );
    for (const bad of [
      "last week",
      "2026-1-5",
      "20261120",
      "2026-11-20 08:00",
      "",
      "2026-11-20T8:00",
    ]) {
      expect(problem(bad), bad).toMatch(/^is not an ISO 8601 date or time/);
    }
  });
});
