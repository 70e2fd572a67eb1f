import { describe, expect, it } from "vitest";
import { matchesQuery, shortTime, sortRows } from "../../../src/view/table-model.js";

const rows = [
  { name: "b", n: 2 },
  { name: "a10", n: null },
  { name: "a9", n: 7 },
  { name: null, n: 2 },
];

describe("sortRows", () => {
  it("sorts numbers either way with unknown values last", () => {
    expect(sortRows(rows, (r) => r.n, "ascending").map((r) => r.n)).toEqual([2, 2, 7, null]);
    expect(sortRows(rows, (r) => r.n, "descending").map((r) => r.n)).toEqual([7, 2, 2, null]);
  });

  it("sorts text naturally (a9 before a10) and keeps ties in their order", () => {
    expect(sortRows(rows, (r) => r.name, "ascending").map((r) => r.name)).toEqual([
      "a9",
      "a10",
      "b",
      null,
    ]);
    const tied = sortRows(rows, (r) => r.n, "ascending");
    expect(tied.slice(0, 2).map((r) => r.name)).toEqual(["b", null]);
  });

  it("leaves its input alone", () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, (r) => r.name, "descending");
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});

describe("matchesQuery", () => {
  it("needs every word somewhere in the row, ignoring case", () => {
    expect(matchesQuery(["erp-app", "not_ready"], "ERP ready")).toBe(true);
    expect(matchesQuery(["erp-app", null], "erp crm")).toBe(false);
    expect(matchesQuery(["x"], "   ")).toBe(true);
  });
});

describe("shortTime", () => {
  it("shortens ISO and SDRS times to the minute and leaves anything else alone", () => {
    expect(shortTime("2026-11-30T07:36:19.825Z")).toBe("2026-11-30 07:36");
    expect(shortTime("2026-08-24 14:44:18.745")).toBe("2026-08-24 14:44");
    expect(shortTime("yesterday")).toBe("yesterday");
  });
});
