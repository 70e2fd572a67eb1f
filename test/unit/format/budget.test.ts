import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitToBudget, jsonLength, lazyRows, quotedLengths } from "../../../src/format/budget.js";

describe("quotedLengths", () => {
  const lengths = (text: string) => ({
    once: JSON.stringify(text).length,
    twice: JSON.stringify(JSON.stringify(text)).length,
  });

  it("counts what JSON.stringify writes, once and twice over, for any text", () => {
    const texts = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.string({
        unit: fc.constantFrom('"', "\\", "\n", "\u0001", "\uD800", "\uDC00", "é", "😀"),
      }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(quotedLengths(text)).toEqual(lengths(text));
      }),
      { numRuns: 3000 },
    );
    expect(quotedLengths("")).toEqual(lengths(""));
    expect(quotedLengths('a"b\\c\td\u0000e\uD83D\uDE00f\uDBFF')).toEqual(
      lengths('a"b\\c\td\u0000e\uD83D\uDE00f\uDBFF'),
    );
  });
});

describe("fitToBudget", () => {
  /** Rows of `sizes[i]` characters at the longest length, half that at the next, and so on. */
  const plan = (sizes: number[], built: number[] = []) => {
    const lengths = [4000, 2000, 1000, 500];
    const rowAt = lazyRows((i) => (length: number) => {
      built.push(i);
      return "x".repeat(Math.min(sizes[i] ?? 0, length));
    });
    return {
      rows: sizes.length,
      lengths,
      rowCost: (i: number, length: number) => jsonLength(rowAt(i, length)) + 1,
      build: (shown: number, length: number) => ({
        content: [{ type: "text" as const, text: `${shown} rows` }],
        structuredContent: { rows: Array.from({ length: shown }, (_, i) => rowAt(i, length)) },
      }),
    };
  };

  it("keeps the longest texts with which every row fits", () => {
    const answer = fitToBudget(plan([3000, 3000, 3000, 3000, 3000, 3000]), 15_000);
    expect(answer.structuredContent.rows).toHaveLength(6);
    expect(answer.structuredContent.rows.every((r) => r.length === 2000)).toBe(true);
  });

  it("else shows as many rows as fit at the shortest length, never more than the budget", () => {
    const answer = fitToBudget(plan(Array.from({ length: 100 }, () => 3000)), 20_000);
    expect(answer.structuredContent.rows.every((r) => r.length === 500)).toBe(true);
    expect(answer.structuredContent.rows.length).toBeGreaterThan(30);
    expect(jsonLength(answer)).toBeLessThan(20_000);
  });

  it("builds each row once per length, and only the rows the budget reaches", () => {
    const built: number[] = [];
    fitToBudget(
      plan(
        Array.from({ length: 1000 }, () => 3000),
        built,
      ),
      20_000,
    );
    expect(new Set(built).size).toBeLessThan(100);
    expect(built.length).toBeLessThan(4 * 100);
  });
});
