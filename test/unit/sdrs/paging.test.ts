import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { tokenAuthenticator } from "../../../src/auth/types.js";
import { createSdrsClient, type SdrsClient } from "../../../src/sdrs/client.js";
import { SdrsError } from "../../../src/sdrs/errors.js";
import {
  allFailureJobs,
  allServerGroups,
  failureJobListing,
  MAX_EXTRA_PAGES_PER_CALL,
  MAX_PAGES_PER_LISTING,
  PAGE_SIZE,
  PageBudget,
  PagingLimitError,
  pageInfo,
} from "../../../src/sdrs/paging.js";
import type { FailureJob } from "../../../src/sdrs/schemas.js";
import { type Harness, startHarness } from "../../helpers/harness.js";
import { makeJob } from "../../helpers/helpers.js";

describe("pageInfo", () => {
  it("uses count as the total when it exceeds a full page", () => {
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

  it("reads on after a short page whose count says more remain (SDRS paged by fewer rows)", () => {
    expect(pageInfo(350, 0, 1000, 100)).toEqual({
      offset: 0,
      limit: 1000,
      returned: 100,
      total: 350,
      next_offset: 100,
    });
    expect(pageInfo(350, 300, 1000, 50)).toMatchObject({ total: 350, next_offset: null });
    // A count that is the page size never says more remain.
    expect(pageInfo(100, 0, 1000, 100)).toMatchObject({ total: 100, next_offset: null });
  });

  it("never reads on from an empty page, whatever count says", () => {
    expect(pageInfo(1_000_000, 500, 100, 0)).toMatchObject({ next_offset: null });
    expect(pageInfo(1_000_000, 0, 100, 0)).toMatchObject({ next_offset: null });
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

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";

/**
 * A client over a fixed list of failure jobs, answering with whatever `count` it is told
 * (a hostile upstream's included), recording the limits and offsets asked for.
 */
function fakeClient(
  jobs: FailureJob[],
  options: {
    count?: number;
    rejectLimit1000?: boolean;
    ignoreOffset?: boolean;
    /** Pages of this many records whatever the limit asked for. */
    pageSize?: number;
  } = {},
) {
  const asked: { limit: number; offset: number }[] = [];
  const client = {
    listFailureJobs: async (_projectId: string, filters: { limit?: number; offset?: number }) => {
      const limit = filters.limit ?? 1000;
      const offset = filters.offset ?? 0;
      asked.push({ limit, offset });
      if (options.rejectLimit1000 && limit >= 1000) {
        throw new SdrsError({
          kind: "http",
          method: "GET",
          path: "/x",
          status: 400,
          code: "SDRS.0221",
          upstreamMessage: "limit value must be greater than 0 or less than 1000",
        });
      }
      const start = options.ignoreOffset ? 0 : offset;
      const page = jobs.slice(start, start + (options.pageSize ?? limit));
      return {
        data: { count: options.count ?? jobs.length, failure_jobs: page },
        body: "",
        status: 200,
      };
    },
  } as unknown as SdrsClient;
  return { client, asked };
}

/** The reads of one tool call: a page budget of its own. */
const oneCall = () => ({ pages: new PageBudget() });

const jobs = (n: number) => Array.from({ length: n }, (_, i) => makeJob(i));

describe("reading every page", () => {
  it("reads pages until a short one, and never asks for limit=1000", async () => {
    const { client, asked } = fakeClient(jobs(2500), { rejectLimit1000: true });
    const all = await allFailureJobs(client, PID, {}, oneCall());
    expect(all.map((j) => j.job_id)).toEqual(jobs(2500).map((j) => j.job_id));
    expect(asked).toEqual([
      { limit: PAGE_SIZE, offset: 0 },
      { limit: PAGE_SIZE, offset: PAGE_SIZE },
      { limit: PAGE_SIZE, offset: 2 * PAGE_SIZE },
    ]);
  });

  it("stops on an empty page after full ones", async () => {
    const { client, asked } = fakeClient(jobs(2 * PAGE_SIZE));
    expect(await allFailureJobs(client, PID, {}, oneCall())).toHaveLength(2 * PAGE_SIZE);
    expect(asked).toHaveLength(3);
  });

  it("reads on after short pages while count says more remain", async () => {
    const { client, asked } = fakeClient(jobs(350), { pageSize: 100 });
    const all = await allFailureJobs(client, PID, {}, oneCall());
    expect(all.map((j) => j.job_id)).toEqual(jobs(350).map((j) => j.job_id));
    expect(asked.map((a) => a.offset)).toEqual([0, 100, 200, 300]);
  });

  it("a hostile count costs one read past the records SDRS has, no more", async () => {
    const { client, asked } = fakeClient(jobs(5), { count: 40_000_000 });
    expect(await allFailureJobs(client, PID, {}, oneCall())).toHaveLength(5);
    expect(asked.map((a) => a.offset)).toEqual([0, 5]);
  });

  it("a hostile count with short pages that never end stops at the listing's cap", async () => {
    const { client, asked } = fakeClient(jobs(5), { count: 40_000_000, ignoreOffset: true });
    const error = await allFailureJobs(client, PID, {}, oneCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagingLimitError);
    expect(asked).toHaveLength(MAX_PAGES_PER_LISTING);
  });

  it("untilEmpty reads past a short page with a page-size count, and says how it ended", async () => {
    const pageCount = fakeClient(jobs(350), { pageSize: 100, count: 100 });
    const short = await failureJobListing(pageCount.client, PID, {}, oneCall());
    expect(short).toMatchObject({ end: "short", maxCount: 100 });
    expect(short.items).toHaveLength(100);
    const { client, asked } = fakeClient(jobs(350), { pageSize: 100, count: 100 });
    const full = await failureJobListing(client, PID, {}, oneCall(), { untilEmpty: true });
    expect(full).toMatchObject({ end: "empty", maxCount: 100 });
    expect(full.items).toHaveLength(350);
    expect(asked.map((a) => a.offset)).toEqual([0, 100, 200, 300, 350]);
  });

  it("bounds the pages of one listing when SDRS never sends a short page", async () => {
    const { client, asked } = fakeClient(jobs(PAGE_SIZE), { ignoreOffset: true });
    const error = await allFailureJobs(client, PID, {}, oneCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagingLimitError);
    expect((error as Error).message).toMatch(/it had sent 50 pages \(the limit of one listing\)/);
    expect(asked).toHaveLength(MAX_PAGES_PER_LISTING);
  });

  it("refuses a page longer than it asked for: an upstream that ignores limit is not read on", async () => {
    const { client, asked } = fakeClient(jobs(50_000), { pageSize: 5000 });
    const error = await allFailureJobs(client, PID, {}, oneCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagingLimitError);
    expect((error as Error).message).toMatch(
      /^Stopped reading the group-level failures: SDRS sent 5000 records for a page of at most 999 \(it does not honour limit\)\. /,
    );
    expect(asked).toHaveLength(1);
  });

  it("reads the first page of any number of listings: one short page per group never runs out", async () => {
    const { client, asked } = fakeClient(jobs(3));
    const call = oneCall();
    for (let i = 0; i < 2 * MAX_EXTRA_PAGES_PER_CALL; i++) {
      expect(await allFailureJobs(client, PID, {}, call)).toHaveLength(3);
    }
    expect(asked).toHaveLength(2 * MAX_EXTRA_PAGES_PER_CALL);
  });

  it("bounds the pages of all listings of one call together", async () => {
    const { client, asked } = fakeClient(jobs(PAGE_SIZE), { ignoreOffset: true });
    const call = oneCall();
    const group = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const outcomes = [];
    for (let i = 0; i < 25; i++) {
      const filters = { server_group_id: group(i) };
      outcomes.push(
        await allFailureJobs(client, PID, filters, call).catch((e: Error) => e.message),
      );
    }
    // 20 listings of 50 pages read 20 first pages and 980 more; the 21st reads its first page
    // and 20 more; from then on every listing gets its first page only.
    expect(asked).toHaveLength(25 + MAX_EXTRA_PAGES_PER_CALL);
    expect(outcomes.at(-1)).toMatch(/beyond their first \(the limit of one call\)/);
    // another call starts with a budget of its own
    const other = fakeClient(jobs(5)).client;
    expect(await allFailureJobs(other, PID, {}, oneCall())).toHaveLength(5);
  });
});

describe("against the simulator, whether it accepts limit=1000 or not", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([false, true])("rejectLimit1000: %s", async (rejectLimit1000) => {
    const harness = await startHarness({ rejectLimit1000, groups: 4, groupLevelFailures: 30 });
    h = harness;
    const dispatcher = new Agent();
    const client = createSdrsClient({
      dispatcher,
      endpoint: async () => harness.sim.url,
      auth: tokenAuthenticator(harness.sim.token),
      timeoutMs: 5000,
      userAgent: "test",
    });
    const groups = await allServerGroups(client, harness.sim.projectId, oneCall());
    const groupLevel = await allFailureJobs(client, harness.sim.projectId, {}, oneCall());
    await dispatcher.close();
    expect(groups).toHaveLength(4);
    expect(groupLevel).toHaveLength(30);
    // and the project-wide summary, which pages everything, answers
    const result = await harness.call("summarize_sdrs_failures", {});
    expect(result.isError).toBeFalsy();
  });
});
