import { describe, expect, it } from "vitest";
import { pageInfo } from "../src/sdrs/paging.js";

describe("pageInfo", () => {
  it("uses count as the total when it exceeds the page", () => {
    expect(pageInfo(250, 0, 100, 100)).toMatchObject({ total: 250, next_offset: 100 });
    expect(pageInfo(250, 100, 100, 100)).toMatchObject({ total: 250, next_offset: 200 });
  });

  it("ends on a short page whichever way count is meant", () => {
    expect(pageInfo(250, 200, 100, 50)).toMatchObject({ total: 250, next_offset: null });
    // count as page size on the last page: the total is still known from offset + returned
    expect(pageInfo(50, 200, 100, 50)).toMatchObject({ total: 250, next_offset: null });
    expect(pageInfo(2, 0, 100, 2)).toMatchObject({ total: 2, next_offset: null, returned: 2 });
    expect(pageInfo(0, 0, 100, 0)).toMatchObject({ total: 0, next_offset: null });
  });

  it("keeps paging a full page whose count is only the page size", () => {
    expect(pageInfo(100, 0, 100, 100)).toMatchObject({ total: null, next_offset: 100 });
    expect(pageInfo(100, 100, 100, 100)).toMatchObject({ total: null, next_offset: 200 });
    expect(pageInfo(undefined, 0, 100, 100)).toMatchObject({ total: null, next_offset: 100 });
  });

  it("recognizes a total that ends exactly on a full page", () => {
    expect(pageInfo(200, 100, 100, 100)).toMatchObject({ total: 200, next_offset: null });
  });

  it("handles an empty page past the end", () => {
    expect(pageInfo(100, 100, 100, 0)).toMatchObject({ total: 100, next_offset: null });
    expect(pageInfo(0, 100, 100, 0)).toMatchObject({ total: null, next_offset: null });
    expect(pageInfo(null, 300, 100, 0)).toMatchObject({ total: null, next_offset: null });
  });

  it("walks every page of any total to the end under both readings of count", () => {
    for (const total of [0, 1, 99, 100, 101, 250, 1000]) {
      for (const limit of [1, 7, 100, 1000]) {
        for (const mode of ["total", "page"] as const) {
          let offset: number | null = 0;
          let seen = 0;
          let calls = 0;
          while (offset !== null) {
            const returned = Math.max(0, Math.min(limit, total - offset));
            const count = mode === "total" ? total : returned;
            const info = pageInfo(count, offset, limit, returned);
            seen += returned;
            offset = info.next_offset;
            calls++;
            if (offset === null && (returned > 0 || info.offset === 0))
              expect(info.total).toBe(total);
            expect(calls).toBeLessThanOrEqual(Math.ceil(total / limit) + 1);
          }
          expect(seen).toBe(total);
        }
      }
    }
  });
});
