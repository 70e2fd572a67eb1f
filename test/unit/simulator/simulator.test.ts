import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SDRS_ERROR_CATALOGUE } from "../../../src/simulator/catalogue.js";
import {
  createDataSet,
  type FailureJob,
  type Simulator,
  startSimulator,
} from "../../../src/simulator/index.js";
import { withSimulator } from "../../helpers/helpers.js";

// Expectations below are written from the API documentation, not from the simulator's own
// tables, so that a misreading cannot hide on both sides.

/** The official "Querying Failed Tasks" example response items, verbatim. */
const DOCUMENTED_EXAMPLE = [
  {
    job_status: "FAIL",
    resource_id: "17984002-ad8a-438b-8ba6-b850224634c5",
    resource_name: "Protected-Instance-ab14",
    resource_type: "protectedInstance",
    failure_status: "createFail",
    job_id: "ff808082686f229a0168707beaab014e",
    job_type: "createProtectedInstance",
    begin_time: "2019-01-21T12:56:35.754Z",
    error_code: "EVS.2024",
    fail_reason: "SdrsGenerateNativeServerParamsTask-fail:volume is error!",
  },
  {
    job_status: "FAIL",
    resource_id: "897f57b2-6e94-4179-b414-9532726c59f2",
    resource_name: "Protected-Instance-5e2e",
    resource_type: "protectedInstance",
    failure_status: "createFail",
    job_id: "ff808082686f229a0168707b9be9013e",
    job_type: "createProtectedInstance",
    begin_time: "2019-01-21T12:56:15.591Z",
    error_code: "EVS.2024",
    fail_reason: "SdrsGenerateNativeServerParamsTask-fail:volume is error!",
  },
];

const FAILURE_STATUSES = [
  "createFail",
  "deleteFail",
  "attachFail",
  "detachFail",
  "expandFail",
  "resizeFail",
  "startFail",
  "stopFail",
  "reverseFail",
  "failoverFail",
  "reprotectFail",
];
const RESOURCE_TYPES = [
  "server_groups",
  "protected_instances",
  "replications",
  "disaster_recovery_drills",
];
const FAILURE_JOB_FIELDS = [
  "job_status",
  "resource_id",
  "resource_name",
  "resource_type",
  "failure_status",
  "job_id",
  "job_type",
  "begin_time",
  "error_code",
  "fail_reason",
];
const SERVER_GROUP_FIELDS = [
  "id",
  "name",
  "description",
  "status",
  "progress",
  "source_availability_zone",
  "target_availability_zone",
  "domain_id",
  "domain_name",
  "priority_station",
  "protected_instance_num",
  "replication_num",
  "disaster_recovery_drill_num",
  "protected_status",
  "replication_status",
  "health_status",
  "source_vpc_id",
  "target_vpc_id",
  "test_vpc_id",
  "dr_type",
  "created_at",
  "updated_at",
  "protection_type",
  "replication_model",
  "server_type",
];
const MESSAGES = {
  "SDRS.0005": "No permission for the operation",
  "SDRS.0201": "Invalid request parameters",
  "SDRS.0207": "Invalid protection group ID",
  "SDRS.0221": "limit value must be greater than 0 or less than 1000",
  // The doc prints "**offset**": bold markup of the doc, not part of the service's text.
  "SDRS.0222": "offset value cannot be negative, and must be an integer",
  "SDRS.1013": "Protection group not found",
} as const;

const API_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const GROUP_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_GROUP = "00000000-0000-4000-8000-000000000000";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  body: any;
}

interface CallOptions {
  method?: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  projectId?: string;
}

async function call(sim: Simulator, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(`${sim.url}/v1/${options.projectId ?? sim.projectId}/${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(key, String(value));
  }
  const res = await fetch(url, {
    method: options.method ?? "GET",
    headers: { "X-Auth-Token": sim.token, ...options.headers },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
}

function must<T>(value: T | undefined | null, what = "value"): T {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
}

function firstGroup(sim: Simulator) {
  return must(sim.data.serverGroups[0], "first group");
}

/** Records listed under a group (or group-level when null), newest first. */
function listed(sim: Simulator, serverGroupId: string | null, keep = (_: FailureJob) => true) {
  return sim.data.failureJobs
    .filter((record) => record.serverGroupId === serverGroupId && keep(record.job))
    .map((record) => record.job)
    .sort((a, b) => (a.begin_time < b.begin_time ? 1 : a.begin_time > b.begin_time ? -1 : 0));
}

function expectSdrsError(answer: Answer, code: keyof typeof MESSAGES) {
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({ error: { code, message: MESSAGES[code] } });
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

describe("the data set", () => {
  it("is a pure function of seed and sizes", () => {
    const snapshot = (seed: number) => {
      const data = createDataSet({ seed, groups: 9, groupLevelFailures: 30 });
      return JSON.stringify([data.serverGroups, data.failureJobs, [...data.jobs]]);
    };
    expect(snapshot(7)).toBe(snapshot(7));
    expect(snapshot(7)).not.toBe(snapshot(8));
  });

  it("keeps the groups when only the failure counts change", () => {
    const few = createDataSet({ seed: 3, groupLevelFailures: 2, failuresPerGroup: 1 });
    const many = createDataSet({ seed: 3, groupLevelFailures: 200, failuresPerGroup: 9 });
    expect(many.serverGroups).toEqual(few.serverGroups);
  });

  it("has the documented default sizes", () => {
    const data = sim.data;
    expect(data.serverGroups).toHaveLength(6);
    expect(data.failureJobs.filter((r) => r.serverGroupId === null)).toHaveLength(14);
    data.serverGroups.forEach((group, index) => {
      const inGroup = data.failureJobs.filter((r) => r.serverGroupId === group.id).length;
      const documented = index === 0 ? 2 : 0;
      expect(inGroup - documented).toBeGreaterThanOrEqual(3);
      expect(inGroup - documented).toBeLessThanOrEqual(12);
    });
  });

  it("honours explicit sizes, the documented example on top of the first group", () => {
    const data = createDataSet({ groups: 4, failuresPerGroup: 5, groupLevelFailures: 0 });
    expect(data.serverGroups).toHaveLength(4);
    const counts = data.serverGroups.map(
      (g) => data.failureJobs.filter((r) => r.serverGroupId === g.id).length,
    );
    expect(counts).toEqual([7, 5, 5, 5]);
    expect(data.failureJobs.every((r) => r.serverGroupId !== null)).toBe(true);
    expect(createDataSet({ groups: 0 }).failureJobs.every((r) => r.serverGroupId === null)).toBe(
      true,
    );
  });

  it("rejects sizes that are not non-negative integers", () => {
    expect(() => createDataSet({ groups: -1 })).toThrow(RangeError);
    expect(() => createDataSet({ failuresPerGroup: 1.5 })).toThrow(RangeError);
    expect(() => createDataSet({ groupLevelFailures: Number.NaN })).toThrow(RangeError);
  });

  it("covers every failure status and resource type, and the example's quirks", () => {
    const jobs = sim.data.failureJobs.map((r) => r.job);
    expect(new Set(jobs.map((j) => j.failure_status))).toEqual(new Set(FAILURE_STATUSES));
    expect(new Set(jobs.map((j) => j.resource_type))).toEqual(
      new Set([...RESOURCE_TYPES, "protectedInstance"]),
    );
    const codes = new Set(jobs.map((j) => j.error_code));
    expect([...codes].filter((c) => c.startsWith("SDRS.")).length).toBeGreaterThan(5);
    expect(codes.has("EVS.2024")).toBe(true);
    // OTC names are ASCII letters, digits, ".", "_" and "-" (all of them appear).
    const names = jobs.map((j) => j.resource_name);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(names.some((n) => n.includes(".") && n.includes("_"))).toBe(true);
  });

  it("gives every failure the documented item shape", () => {
    const jobs = createDataSet({ seed: 11, groups: 30, groupLevelFailures: 300 }).failureJobs;
    for (const { job } of jobs) {
      expect(Object.keys(job).sort()).toEqual([...FAILURE_JOB_FIELDS].sort());
      for (const field of FAILURE_JOB_FIELDS)
        expect(typeof job[field as keyof FailureJob]).toBe("string");
      expect(job.job_status).toBe("FAIL");
      expect(job.job_id).toMatch(HEX32);
      expect(job.resource_id).toMatch(UUID);
      expect(job.begin_time).toMatch(API_TIME);
      expect(job.fail_reason).toMatch(/^\w+Task-fail:.+/);
    }
    const times = jobs.map((r) => r.job.begin_time);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(jobs.map((r) => r.job.job_id)).size).toBe(jobs.length);
    expect(new Set(jobs.map((r) => r.job.resource_id)).size).toBe(jobs.length);
  });

  it("gives protection groups unique names and ids and consistent states", () => {
    const groups = createDataSet({ groups: 200 }).serverGroups;
    expect(new Set(groups.map((g) => g.name)).size).toBe(200);
    expect(new Set(groups.map((g) => g.id)).size).toBe(200);
    for (const group of groups) {
      expect(group.id).toMatch(UUID);
      expect(group.created_at).toMatch(GROUP_TIME);
      expect(group.updated_at >= group.created_at).toBe(true);
      expect(group.name).toMatch(/^[A-Za-z0-9._-]+$/);
      // Fields the service no longer fills (post-upgrade), or reserves, are null.
      expect(group.test_vpc_id).toBeNull();
      expect(group.replication_model).toBeNull();
      const postUpgrade = group.protection_type === "replication-pair";
      if (postUpgrade) expect(group.protected_status).toBeNull();
      if (!postUpgrade && group.status.startsWith("error")) {
        expect(group.health_status).toBe("abnormal");
      }
      expect(["eu-de-01", "eu-de-02"]).toContain(group.source_availability_zone);
      expect(group.target_availability_zone).not.toBe(group.source_availability_zone);
    }
  });

  it("leaves most groups' post-upgrade fields null, a few filled, one the string null", () => {
    const groups = createDataSet({ groups: 200 }).serverGroups;
    const nulls = groups.filter((g) => g.health_status === null && g.protected_status === null);
    expect(nulls.length).toBeGreaterThan(groups.length / 2);
    expect(groups.some((g) => g.health_status === "abnormal" && g.protection_type === null)).toBe(
      true,
    );
    expect(groups.filter((g) => g.health_status === "null")).toHaveLength(1);
    // One active-active domain, shaped like the OTC example's.
    expect(new Set(groups.map((g) => `${g.domain_id} ${g.domain_name}`)).size).toBe(1);
    expect(groups[0]?.domain_id).toMatch(UUID);
  });

  it("dates everything before its epoch, by default the start of today (UTC)", () => {
    const epochMs = Date.UTC(2031, 4, 6);
    const data = createDataSet({ epochMs });
    const times = [
      ...data.failureJobs
        .filter((r) => !r.job.begin_time.startsWith("2019-"))
        .map((r) => Date.parse(r.job.begin_time)),
      ...data.serverGroups.map((g) => Date.parse(`${g.created_at.replace(" ", "T")}Z`)),
    ];
    expect(Math.max(...times)).toBeLessThan(epochMs);
    expect(Math.max(...times)).toBeGreaterThan(epochMs - 2 * 86_400_000);
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    expect(createDataSet({}).serverGroups).toEqual(
      createDataSet({ epochMs: today.getTime() }).serverGroups,
    );
  });

  it("generates large data sets", () => {
    // How fast: npm run bench. Here only what it holds.
    const data = createDataSet({ groups: 200, failuresPerGroup: 50, groupLevelFailures: 12_000 });
    expect(data.failureJobs).toHaveLength(200 * 50 + 2 + 12_000);
    expect(data.jobs.size).toBe(data.failureJobs.length + 6);
  });
});

describe("GET task-center/failure-jobs", () => {
  it("lists only group-level failures without server_group_id, newest first", async () => {
    const answer = await call(sim, "task-center/failure-jobs");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(Object.keys(answer.body)).toEqual(["count", "failure_jobs"]);
    expect(answer.body.count).toBe(14);
    expect(answer.body.failure_jobs).toEqual(listed(sim, null));
    expect(
      answer.body.failure_jobs.every((j: FailureJob) => j.resource_type === "server_groups"),
    ).toBe(true);
  });

  it("lists one group's failures with server_group_id", async () => {
    for (const group of sim.data.serverGroups) {
      const answer = await call(sim, "task-center/failure-jobs", {
        query: { server_group_id: group.id },
      });
      expect(answer.body.failure_jobs).toEqual(listed(sim, group.id));
      expect(answer.body.count).toBe(listed(sim, group.id).length);
    }
  });

  it("serves the documented example verbatim", async () => {
    const whole = await call(sim, "task-center/failure-jobs", {
      query: { server_group_id: firstGroup(sim).id },
    });
    expect(whole.body.failure_jobs.slice(-2)).toEqual(DOCUMENTED_EXAMPLE);
  });

  it("filters by failure_status", async () => {
    for (const status of FAILURE_STATUSES) {
      for (const groupId of [null, firstGroup(sim).id]) {
        const query: Record<string, string> = { failure_status: status };
        if (groupId) query.server_group_id = groupId;
        const answer = await call(sim, "task-center/failure-jobs", { query });
        const expected = listed(sim, groupId, (j) => j.failure_status === status);
        expect(answer.body).toEqual({ count: expected.length, failure_jobs: expected });
      }
    }
  });

  it("filters by resource_type, counting protectedInstance as protected_instances", async () => {
    const group = firstGroup(sim);
    const answer = await call(sim, "task-center/failure-jobs", {
      query: { server_group_id: group.id, resource_type: "protected_instances" },
    });
    const types = new Set(answer.body.failure_jobs.map((j: FailureJob) => j.resource_type));
    expect(types).toEqual(new Set(["protected_instances", "protectedInstance"]));
    for (const type of RESOURCE_TYPES) {
      const result = await call(sim, "task-center/failure-jobs", {
        query: { server_group_id: group.id, resource_type: type },
      });
      const expected = listed(
        sim,
        group.id,
        (j) =>
          j.resource_type === type ||
          (type === "protected_instances" && j.resource_type === "protectedInstance"),
      );
      expect(result.body.failure_jobs).toEqual(expected);
    }
    const groupLevel = await call(sim, "task-center/failure-jobs", {
      query: { resource_type: "server_groups" },
    });
    expect(groupLevel.body.count).toBe(14);
  });

  it("reads resource_name as the name of the protection group, exactly", async () => {
    // "Specifies the resource name of a protection group": a group-level failed task is on the
    // group itself; a task inside a group belongs to that group.
    const group = firstGroup(sim);
    const inside = await call(sim, "task-center/failure-jobs", {
      query: { server_group_id: group.id, resource_name: group.name },
    });
    expect(inside.body.failure_jobs).toEqual(listed(sim, group.id));
    const other = await call(sim, "task-center/failure-jobs", {
      query: { server_group_id: group.id, resource_name: "Protected-Instance-ab14" },
    });
    expect(other.body).toEqual({ count: 0, failure_jobs: [] });
    const groupLevel = must(listed(sim, null)[0]);
    const named = await call(sim, "task-center/failure-jobs", {
      query: { resource_name: groupLevel.resource_name },
    });
    expect(named.body.failure_jobs).toEqual(
      listed(sim, null, (j) => j.resource_name === groupLevel.resource_name),
    );
    for (const partial of [
      groupLevel.resource_name.slice(1),
      groupLevel.resource_name.toUpperCase(),
    ]) {
      const none = await call(sim, "task-center/failure-jobs", {
        query: { resource_name: partial },
      });
      expect(none.body.failure_jobs.map((j: FailureJob) => j.resource_name)).not.toContain(
        groupLevel.resource_name,
      );
    }
  });

  it("combines filters", async () => {
    const group = firstGroup(sim);
    const answer = await call(sim, "task-center/failure-jobs", {
      query: {
        server_group_id: group.id,
        failure_status: "createFail",
        resource_type: "protected_instances",
        resource_name: group.name,
      },
    });
    const expected = listed(
      sim,
      group.id,
      (j) =>
        j.failure_status === "createFail" &&
        (j.resource_type === "protected_instances" || j.resource_type === "protectedInstance"),
    );
    expect(answer.body).toEqual({ count: expected.length, failure_jobs: expected });
    expect(answer.body.failure_jobs).toContainEqual(DOCUMENTED_EXAMPLE[1]);
  });

  it("pages with limit and offset, count being the total", async () => {
    await withSimulator({ groupLevelFailures: 23 }, async (s) => {
      const all = listed(s, null);
      const pages: FailureJob[] = [];
      for (let offset = 0; offset < 30; offset += 5) {
        const answer = await call(s, "task-center/failure-jobs", { query: { limit: 5, offset } });
        expect(answer.body.count).toBe(23);
        expect(answer.body.failure_jobs.length).toBe(Math.max(0, Math.min(5, 23 - offset)));
        pages.push(...answer.body.failure_jobs);
      }
      expect(pages).toEqual(all);
    });
  });

  it("reports the page size as count in page mode", async () => {
    await withSimulator({ groupLevelFailures: 23, countMode: "page" }, async (s) => {
      const first = await call(s, "task-center/failure-jobs", { query: { limit: 10 } });
      expect(first.body.count).toBe(10);
      const last = await call(s, "task-center/failure-jobs", { query: { limit: 10, offset: 20 } });
      expect(last.body.count).toBe(3);
      const beyond = await call(s, "task-center/failure-jobs", { query: { offset: 50 } });
      expect(beyond.body).toEqual({ count: 0, failure_jobs: [] });
    });
  });

  it("sends at most maxPageSize rows a page while count still gives every match", async () => {
    await withSimulator({ groupLevelFailures: 350, maxPageSize: 100 }, async (s) => {
      const first = await call(s, "task-center/failure-jobs", { query: { limit: 1000 } });
      expect(first.body.count).toBe(350);
      expect(first.body.failure_jobs.length).toBe(100);
      const last = await call(s, "task-center/failure-jobs", { query: { offset: 300 } });
      expect(last.body.failure_jobs.length).toBe(50);
      const small = await call(s, "task-center/failure-jobs", { query: { limit: 7 } });
      expect(small.body.failure_jobs.length).toBe(7);
    });
  });

  it("answers an offset past the end with an empty page and the total", async () => {
    const answer = await call(sim, "task-center/failure-jobs", { query: { offset: 1000 } });
    expect(answer.body).toEqual({ count: 14, failure_jobs: [] });
  });

  it("defaults limit to 1000 on large data sets", async () => {
    await withSimulator(
      { groups: 200, failuresPerGroup: 50, groupLevelFailures: 12_000 },
      async (s) => {
        const first = await call(s, "task-center/failure-jobs");
        const rest = await call(s, "task-center/failure-jobs", {
          query: { offset: 11_500, limit: 1000, failure_status: "createFail" },
        });
        const filtered = await call(s, "task-center/failure-jobs", {
          query: { failure_status: "deleteFail", resource_name: "prod-db" },
        });
        expect(first.body.count).toBe(12_000);
        expect(first.body.failure_jobs).toHaveLength(1000);
        expect(first.body.failure_jobs).toEqual(listed(s, null).slice(0, 1000));
        expect(rest.body.failure_jobs).toEqual(
          listed(s, null, (j) => j.failure_status === "createFail").slice(11_500),
        );
        expect(filtered.body.failure_jobs).toEqual(
          listed(
            s,
            null,
            (j) => j.failure_status === "deleteFail" && j.resource_name === "prod-db",
          ),
        );
      },
    );
  });

  it.each([
    [{ limit: "0" }, "SDRS.0221"],
    [{ limit: "1001" }, "SDRS.0221"],
    [{ limit: "-1" }, "SDRS.0221"],
    [{ limit: "abc" }, "SDRS.0221"],
    [{ limit: "1.5" }, "SDRS.0221"],
    [{ limit: "" }, "SDRS.0221"],
    [{ offset: "-1" }, "SDRS.0222"],
    [{ offset: "abc" }, "SDRS.0222"],
    [{ offset: "2.5" }, "SDRS.0222"],
    [{ offset: "2147483648" }, "SDRS.0222"],
    [{ limit: "0", offset: "-1" }, "SDRS.0221"],
    [{ failure_status: "bogusFail" }, "SDRS.0201"],
    [{ failure_status: "CREATEFAIL" }, "SDRS.0201"],
    [{ failure_status: "" }, "SDRS.0201"],
    [{ resource_type: "protectedInstance" }, "SDRS.0201"],
    [{ resource_type: "volumes" }, "SDRS.0201"],
    [{ server_group_id: "not-a-uuid" }, "SDRS.0207"],
    [{ server_group_id: MISSING_GROUP }, "SDRS.1013"],
  ] as const)("rejects %o with %s", async (query, code) => {
    expectSdrsError(await call(sim, "task-center/failure-jobs", { query }), code);
  });

  it("accepts the limits at both ends and ignores unknown parameters", async () => {
    const queries: Record<string, string | number>[] = [
      { limit: 1 },
      { limit: 1000 },
      { offset: 0 },
      { marker: "x" },
    ];
    for (const query of queries) {
      expect((await call(sim, "task-center/failure-jobs", { query })).status).toBe(200);
    }
  });
});

describe("GET server-groups", () => {
  it("lists every group with all documented fields", async () => {
    const answer = await call(sim, "server-groups");
    expect(answer.status).toBe(200);
    expect(answer.body.count).toBe(6);
    expect(answer.body.server_groups).toEqual(sim.data.serverGroups);
    for (const group of answer.body.server_groups) {
      expect(Object.keys(group).sort()).toEqual([...SERVER_GROUP_FIELDS].sort());
      expect(group.created_at).toMatch(GROUP_TIME);
      expect(["source", "target"]).toContain(group.priority_station);
      expect([null, "started", "stopped"]).toContain(group.protected_status);
      expect([null, "active", "inactive", "copying", "active-stopped"]).toContain(
        group.replication_status,
      );
      expect([null, "null", "normal", "abnormal"]).toContain(group.health_status);
      expect([null, "replication-pair"]).toContain(group.protection_type);
    }
  });

  it("matches names fuzzily, ignoring case", async () => {
    const answer = await call(sim, "server-groups", { query: { name: "PROD" } });
    expect(answer.body.server_groups.map((g: { name: string }) => g.name)).toEqual(["prod-db"]);
    const none = await call(sim, "server-groups", { query: { name: "zzz" } });
    expect(none.body).toEqual({ server_groups: [], count: 0 });
  });

  it("filters by status", async () => {
    const answer = await call(sim, "server-groups", { query: { status: "protected" } });
    const expected = sim.data.serverGroups.filter((g) => g.status === "protected");
    expect(expected.length).toBeGreaterThan(0);
    expect(answer.body).toEqual({ server_groups: expected, count: expected.length });
  });

  it("filters by query_type, general meaning none", async () => {
    const groups = sim.data.serverGroups;
    type Group = (typeof groups)[number];
    const drilledRecently = (g: Group) => {
      const since = new Date();
      since.setUTCMonth(since.getUTCMonth() - 3);
      return sim.data.drills.some(
        (d) =>
          d.server_group_id === g.id &&
          d.status !== "error" &&
          d.status !== "creating" &&
          Date.parse(`${d.created_at.replace(" ", "T")}Z`) >= since.getTime(),
      );
    };
    const cases: Record<string, (g: Group) => boolean> = {
      status_abnormal: (g) => g.status.startsWith("error") || g.health_status === "abnormal",
      // Protection is off: decided by status, as protected_status is null after the upgrade.
      stop_protected: (g) =>
        ["available", "failed-over", "error-starting", "error-reprotecting"].includes(g.status),
      period_no_dr_drill: (g) => !drilledRecently(g),
    };
    for (const [queryType, keep] of Object.entries(cases)) {
      const answer = await call(sim, "server-groups", { query: { query_type: queryType } });
      const expected = groups.filter(keep);
      expect(expected.length, queryType).toBeGreaterThan(0);
      expect(expected.length, queryType).toBeLessThan(6);
      expect(answer.body.server_groups).toEqual(expected);
    }
    const general = await call(sim, "server-groups", { query: { query_type: "general" } });
    expect(general.body.count).toBe(6);
    // A group with drills, none within three months, is selected too.
    const stale = groups.filter((g) => g.disaster_recovery_drill_num > 0 && !drilledRecently(g));
    expect(stale.length).toBeGreaterThan(0);
  });

  it("filters by availability zone: the current production site's", async () => {
    const current = (g: (typeof sim.data.serverGroups)[number]) =>
      g.priority_station === "source" ? g.source_availability_zone : g.target_availability_zone;
    for (const zone of ["eu-de-01", "eu-de-02"]) {
      const answer = await call(sim, "server-groups", { query: { availability_zone: zone } });
      expect(answer.body.server_groups).toEqual(
        sim.data.serverGroups.filter((g) => current(g) === zone),
      );
    }
    expect(sim.data.serverGroups.some((g) => g.priority_station === "target")).toBe(true);
    const none = await call(sim, "server-groups", { query: { availability_zone: "eu-nl-01" } });
    expect(none.body.count).toBe(0);
  });

  it("pages, count being every matching group", async () => {
    const answer = await call(sim, "server-groups", { query: { limit: 2, offset: 3 } });
    expect(answer.body.count).toBe(6);
    expect(answer.body.server_groups).toEqual(sim.data.serverGroups.slice(3, 5));
  });

  it.each([
    [{ limit: "0" }, "SDRS.0221"],
    [{ limit: "5000" }, "SDRS.0221"],
    [{ offset: "-3" }, "SDRS.0222"],
    [{ status: "broken" }, "SDRS.0201"],
    [{ query_type: "all" }, "SDRS.0201"],
  ] as const)("rejects %o with %s", async (query, code) => {
    expectSdrsError(await call(sim, "server-groups", { query }), code);
  });
});

/** HW SDK job_entities.py / sub_job_entities.py: these IDs (strings), plus sub_jobs on jobs. */
const ENTITY_IDS = [
  "server_group_id",
  "protected_instance_id",
  "replication_pair_id",
  "native_server_id",
  "nic_id",
  "volume_ids",
];

function expectDocumentedEntities(entities: Record<string, unknown>, extra: string[]) {
  for (const [key, value] of Object.entries(entities)) {
    expect([...ENTITY_IDS, ...extra]).toContain(key);
    if (key === "volume_ids") expect(String(value)).toMatch(/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$/);
    else if (key !== "sub_jobs") expect(typeof value).toBe("string");
  }
}

describe("GET jobs/{job_id}", () => {
  it("resolves every failed task to a FAIL job whose failed sub-job carries the error", async () => {
    for (const { serverGroupId, job: failure } of sim.data.failureJobs) {
      const answer = await call(sim, `jobs/${failure.job_id}`);
      expect(answer.status).toBe(200);
      const job = answer.body;
      expect(Object.keys(job).sort()).toEqual(
        [
          "begin_time",
          "end_time",
          "entities",
          "error_code",
          "fail_reason",
          "job_id",
          "job_type",
          "status",
        ].sort(),
      );
      expect(job).toMatchObject({
        status: "FAIL",
        job_id: failure.job_id,
        job_type: failure.job_type,
        begin_time: failure.begin_time,
        error_code: failure.error_code,
        fail_reason: failure.fail_reason,
      });
      expect(job.end_time > job.begin_time).toBe(true);
      expect(job.entities.server_group_id).toBe(serverGroupId ?? failure.resource_id);
      expectDocumentedEntities(job.entities, ["sub_jobs"]);
      // Steps, when the job has any: their own job types, no nesting, one failed with the error.
      const steps: Record<string, unknown>[] = job.entities.sub_jobs ?? [];
      for (const step of steps) {
        expect(step.job_type).not.toBe(job.job_type);
        expectDocumentedEntities(step.entities as Record<string, unknown>, []);
      }
      if (steps.length > 0) {
        const failed = steps.filter((step) => step.status === "FAIL");
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({
          error_code: failure.error_code,
          fail_reason: failure.fail_reason,
        });
      }
      expect(job).toEqual(sim.data.jobs.get(failure.job_id));
    }
  });

  it("runs group-wide jobs as per-pair steps and names what each step touched", async () => {
    // The OTC example: stopProtectionGroupNoCG runs stopProtectionGroupRepNoCG steps.
    const failover = must(
      sim.data.failureJobs.find(
        (r) =>
          r.job.failure_status === "failoverFail" &&
          r.job.resource_id === sim.data.serverGroups[1]?.id,
      ),
      "failover failure of group 1",
    );
    const job = (await call(sim, `jobs/${failover.job.job_id}`)).body;
    const steps = job.entities.sub_jobs as {
      job_type: string;
      status: string;
      entities: Record<string, string>;
    }[];
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.job_type).toBe("failoverProtectionGroupRepNoCG");
    // The failing step names the group's broken pair.
    const failing = must(steps.find((step) => step.status === "FAIL"));
    const pair = sim.data.replications.find((p) => p.id === failing.entities.replication_pair_id);
    expect(pair?.status).toBe("fault");
    const instanceJob = must(
      [...sim.data.jobs.values()].find(
        (j) =>
          j.job_type === "createProtectedInstanceNoCG" && (j.entities.sub_jobs?.length ?? 0) > 1,
      ),
    );
    const named = new Set(
      instanceJob.entities.sub_jobs?.flatMap((step) => Object.keys(step.entities)),
    );
    for (const key of ["protected_instance_id", "replication_pair_id", "volume_ids"]) {
      expect(named.has(key), key).toBe(true);
    }
    expect(instanceJob.entities.native_server_id).toMatch(UUID);
  });

  it("has jobs in every other documented status", async () => {
    const jobs = [...sim.data.jobs.values()];
    for (const status of ["SUCCESS", "RUNNING", "INIT"]) {
      const job = must(
        jobs.find((j) => j.status === status),
        status,
      );
      const answer = await call(sim, `jobs/${job.job_id}`);
      expect(answer.body).toEqual(job);
      expect(answer.body.fail_reason).toBeNull();
      expect(answer.body.end_time === null).toBe(status !== "SUCCESS");
    }
    expect(sim.data.jobs.size).toBe(sim.data.failureJobs.length + 6);
    expect(jobs).toHaveLength(sim.data.jobs.size);
  });

  it("answers an unknown job with 404 itemNotFound", async () => {
    const answer = await call(sim, "jobs/0000000062db92d70162db9d200f000a");
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ itemNotFound: { code: 404, message: expect.any(String) } });
  });

  it.each(["abc_def", "abc%20def", "ab.c", "%C3%A4"])(
    "answers job id %s with 400 badrequest",
    async (jobId) => {
      const answer = await call(sim, `jobs/${jobId}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ badrequest: { code: 400, message: expect.any(String) } });
    },
  );
});

describe("DELETE failed tasks", () => {
  it("deletes one failed task by its resource_id, as the official examples do", async () => {
    await withSimulator({}, async (s) => {
      const [first, second] = listed(s, null);
      const byJob = await call(s, `task-center/failure-jobs/${must(first).job_id}`, {
        method: "DELETE",
      });
      expect(byJob.status).toBe(404);
      expect(byJob.body).toEqual({ itemNotFound: { code: 404, message: expect.any(String) } });
      const byResource = await call(s, `task-center/failure-jobs/${must(second).resource_id}`, {
        method: "DELETE",
      });
      expect(byResource.status).toBe(204);
      expect(byResource.text).toBe("");
      const after = await call(s, "task-center/failure-jobs");
      expect(after.body.count).toBe(13);
      expect(after.body.failure_jobs).toEqual(listed(s, null));
      expect(after.body.failure_jobs).not.toContainEqual(second);
      const again = await call(s, `task-center/failure-jobs/${must(second).resource_id}`, {
        method: "DELETE",
      });
      expect(again.status).toBe(404);
      expect(s.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
        `/v1/${s.projectId}/task-center/failure-jobs/${must(first).job_id}`,
        `/v1/${s.projectId}/task-center/failure-jobs/${must(second).resource_id}`,
        `/v1/${s.projectId}/task-center/failure-jobs/${must(second).resource_id}`,
      ]);
    });
  });

  it("keys by job_id when told to", async () => {
    await withSimulator({ failureJobKey: "job_id" }, async (s) => {
      const [first] = listed(s, null);
      const path = (id: string) => `task-center/failure-jobs/${id}`;
      expect((await call(s, path(must(first).resource_id), { method: "DELETE" })).status).toBe(404);
      expect((await call(s, path(must(first).job_id), { method: "DELETE" })).status).toBe(204);
      expect(listed(s, null)).not.toContainEqual(first);
    });
  });

  it("deletes an in-group failed task too", async () => {
    await withSimulator({}, async (s) => {
      // The OTC delete example's ID, the list example's resource_id.
      const id = "897f57b2-6e94-4179-b414-9532726c59f2";
      expect((await call(s, `task-center/failure-jobs/${id}`, { method: "DELETE" })).status).toBe(
        204,
      );
      expect(s.data.failureJobs.some((r) => r.job.resource_id === id)).toBe(false);
    });
  });

  it("deletes every group-level failed task, leaving those inside groups", async () => {
    await withSimulator({}, async (s) => {
      const inGroups = s.data.failureJobs.filter((r) => r.serverGroupId !== null).length;
      const answer = await call(s, "task-center/failure-jobs/batch", { method: "DELETE" });
      expect(answer.status).toBe(204);
      expect(answer.text).toBe("");
      expect((await call(s, "task-center/failure-jobs")).body).toEqual({
        count: 0,
        failure_jobs: [],
      });
      expect(s.data.failureJobs).toHaveLength(inGroups);
    });
  });

  it("deletes every failed task of one group, leaving the others", async () => {
    await withSimulator({}, async (s) => {
      const [target, other] = s.data.serverGroups;
      const otherBefore = listed(s, must(other).id);
      const answer = await call(s, `task-center/${must(target).id}/failure-jobs/batch`, {
        method: "DELETE",
      });
      expect(answer.status).toBe(204);
      const emptied = await call(s, "task-center/failure-jobs", {
        query: { server_group_id: must(target).id },
      });
      expect(emptied.body.count).toBe(0);
      expect(listed(s, must(other).id)).toEqual(otherBefore);
      expect(listed(s, null)).toHaveLength(14);
    });
  });

  it("lists what the data holds after a delete and an added record leave the count unchanged", async () => {
    await withSimulator({}, async (s) => {
      const [gone] = listed(s, null);
      await call(s, "task-center/failure-jobs"); // a listing before the change
      const deleted = await call(s, `task-center/failure-jobs/${must(gone).resource_id}`, {
        method: "DELETE",
      });
      expect(deleted.status).toBe(204);
      const added = { ...must(gone), job_id: "ab".repeat(16), resource_id: MISSING_GROUP };
      s.data.failureJobs.push({ serverGroupId: null, job: added });
      const ids = (await call(s, "task-center/failure-jobs")).body.failure_jobs.map(
        (j: FailureJob) => j.job_id,
      );
      expect(ids).toContain(added.job_id);
      expect(ids).not.toContain(must(gone).job_id);
    });
  });

  it("rejects a group batch delete for a missing or malformed group", async () => {
    expectSdrsError(
      await call(sim, `task-center/${MISSING_GROUP}/failure-jobs/batch`, { method: "DELETE" }),
      "SDRS.1013",
    );
    expectSdrsError(
      await call(sim, "task-center/not-a-group/failure-jobs/batch", { method: "DELETE" }),
      "SDRS.0207",
    );
  });

  it("answers an unknown failed task with 404 itemNotFound", async () => {
    const answer = await call(sim, "task-center/failure-jobs/ffffffffffffffffffffffffffffffff", {
      method: "DELETE",
    });
    expect(answer.status).toBe(404);
    expect(answer.body.itemNotFound.code).toBe(404);
  });
});

describe("authentication, routing and headers", () => {
  it("requires the X-Auth-Token", async () => {
    const unauthorized = {
      error: {
        code: 401,
        message: "The request you have made requires authentication.",
        title: "Unauthorized",
      },
    };
    for (const headers of [{ "X-Auth-Token": "wrong" }, { "X-Auth-Token": "" }]) {
      const answer = await call(sim, "task-center/failure-jobs", { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(unauthorized);
    }
    const res = await fetch(`${sim.url}/v1/${sim.projectId}/server-groups`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(unauthorized);
    // Authentication comes first, even for paths that do not exist.
    expect((await fetch(`${sim.url}/nowhere`)).status).toBe(401);
  });

  it("refuses another project", async () => {
    const answer = await call(sim, "task-center/failure-jobs", {
      projectId: "ffffffffffffffffffffffffffffffff",
    });
    expectSdrsError(answer, "SDRS.0005");
  });

  it("answers unknown paths with 404 itemNotFound and wrong methods with 405", async () => {
    for (const path of ["nothing", "task-center", "task-center/failure-jobs/x/y", "jobs"]) {
      const answer = await call(sim, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.itemNotFound.code).toBe(404);
    }
    const outside = await fetch(`${sim.url}/v2/${sim.projectId}/server-groups`, {
      headers: { "X-Auth-Token": sim.token },
    });
    expect(outside.status).toBe(404);
    const post = await call(sim, "task-center/failure-jobs", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    const getBatch = await call(sim, "task-center/failure-jobs/batch");
    expect(getBatch.status).toBe(405);
    expect(getBatch.headers.get("allow")).toBe("DELETE");
    expect((await call(sim, "server-groups", { method: "DELETE" })).status).toBe(405);
  });

  it("sends a JSON content type and a fresh X-Request-Id on every answer", async () => {
    const a = await call(sim, "server-groups");
    const b = await call(sim, "jobs/missing");
    for (const answer of [a, b]) {
      expect(answer.headers.get("content-type")).toBe("application/json;charset=UTF-8");
      expect(answer.headers.get("x-request-id")).toMatch(/^\S+$/);
    }
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("records every request with its path, query and headers", async () => {
    const before = sim.requests.length;
    await call(sim, "task-center/failure-jobs", {
      query: { failure_status: "createFail", limit: 7 },
    });
    expect(sim.requests).toHaveLength(before + 1);
    const recorded = must(sim.requests.at(-1));
    expect(recorded.method).toBe("GET");
    expect(recorded.path).toBe(`/v1/${sim.projectId}/task-center/failure-jobs`);
    expect(Object.fromEntries(recorded.query)).toEqual({
      failure_status: "createFail",
      limit: "7",
    });
    expect(recorded.headers["x-auth-token"]).toBe(sim.token);
  });
});

describe("faults", () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await startSimulator();
  });
  afterAll(async () => s.close());
  const url = () => `${s.url}/v1/${s.projectId}/task-center/failure-jobs`;
  const get = (init: RequestInit = {}) =>
    fetch(url(), { ...init, headers: { "X-Auth-Token": s.token } });

  it("delays an answer with latency, then serves it normally", async () => {
    s.faults.add({ fault: { kind: "latency", ms: 150 } });
    const started = performance.now();
    const res = await get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(((await res.json()) as { count: number }).count).toBe(14);
  });

  it("answers with any status, body and headers", async () => {
    s.faults.add({
      fault: {
        kind: "status",
        status: 503,
        body: { error: { code: "SDRS.0013", message: "Internal error" } },
        headers: { "Retry-After": "2" },
      },
    });
    const res = await get();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(await res.json()).toEqual({ error: { code: "SDRS.0013", message: "Internal error" } });

    s.faults.add({ fault: { kind: "status", status: 429, body: "slow down" } });
    const text = await get();
    expect(text.status).toBe(429);
    expect(await text.text()).toBe("slow down");

    s.faults.add({ fault: { kind: "status", status: 500 } });
    const empty = await get();
    expect(empty.status).toBe(500);
    expect(await empty.text()).toBe("");
  });

  it("sends a body that is not JSON under a JSON content type", async () => {
    s.faults.add({ fault: { kind: "malformed" } });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    await expect(res.json()).rejects.toThrow();
  });

  it("cuts a real answer half-way and ends the socket", async () => {
    s.faults.add({ fault: { kind: "truncated" } });
    const res = await get();
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(100);
    await expect(res.text()).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it("sends a proxy's HTML error page", async () => {
    s.faults.sequence([{ kind: "html" }, { kind: "html", status: 504 }]);
    const bad = await get();
    expect(bad.status).toBe(502);
    expect(bad.headers.get("content-type")).toBe("text/html");
    expect(await bad.text()).toContain("<html>");
    expect((await get()).status).toBe(504);
  });

  it("resets the connection without an answer", async () => {
    s.faults.add({ fault: { kind: "reset" } });
    await expect(get()).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it("stalls until the client gives up", async () => {
    s.faults.add({ fault: { kind: "stall" } });
    await expect(get({ signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it("sends headers at once and the body late", async () => {
    // A body held back for ten minutes: the headers that arrive can only have come on their own.
    s.faults.add({ fault: { kind: "slow-body", ms: 600_000 } });
    const held = new AbortController();
    expect((await get({ signal: held.signal })).status).toBe(200);
    held.abort();
    // A body held back for half a second comes no sooner.
    s.faults.add({ fault: { kind: "slow-body", ms: 500 } });
    const started = performance.now();
    const body = (await (await get()).json()) as { count: number };
    expect(body.count).toBe(14);
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
  });

  it("sends any JSON, with status 200 unless told otherwise", async () => {
    s.faults.sequence([
      { kind: "json", body: { count: null, failure_jobs: "none" } },
      { kind: "json", status: 500, body: [1, 2] },
    ]);
    const first = await get();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ count: null, failure_jobs: "none" });
    const second = await get();
    expect(second.status).toBe(500);
    expect(await second.json()).toEqual([1, 2]);
  });

  it("consumes rules in order of addition, for the requests they match", async () => {
    s.faults.add({ fault: { kind: "status", status: 501 }, times: 2 });
    s.faults.add({ fault: { kind: "status", status: 502 } });
    s.faults.add({ fault: { kind: "status", status: 503 }, method: "DELETE" });
    s.faults.add({ fault: { kind: "status", status: 504 }, pathIncludes: "server-groups" });
    expect(s.faults.pending).toBe(5);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([501, 501, 502, 200]);
    const groups = await fetch(`${s.url}/v1/${s.projectId}/server-groups?limit=1`, {
      headers: { "X-Auth-Token": s.token },
    });
    expect(groups.status).toBe(504);
    expect(s.faults.pending).toBe(1);
    s.faults.clear();
    expect(s.faults.pending).toBe(0);
  });

  it("plays a sequence against matching requests only", async () => {
    s.faults.sequence(
      [
        { kind: "status", status: 503 },
        { kind: "status", status: 429 },
      ],
      { method: "get", pathIncludes: "failure-jobs" },
    );
    expect(s.faults.pending).toBe(2);
    expect(
      (
        await fetch(`${s.url}/v1/${s.projectId}/server-groups`, {
          headers: { "X-Auth-Token": s.token },
        })
      ).status,
    ).toBe(200);
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(429);
    expect((await get()).status).toBe(200);
  });

  it("repeats an endless rule until cleared", async () => {
    s.faults.add({ fault: { kind: "status", status: 502 }, times: Number.POSITIVE_INFINITY });
    expect(s.faults.pending).toBe(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(502);
    s.faults.clear();
    expect((await get()).status).toBe(200);
  });

  it("takes effect before authentication, and faulted requests are recorded", async () => {
    const before = s.requests.length;
    s.faults.add({ fault: { kind: "status", status: 503 } });
    expect((await fetch(url())).status).toBe(503);
    expect(s.requests).toHaveLength(before + 1);
  });

  it("rejects a rule that could never fire", () => {
    expect(() => s.faults.add({ fault: { kind: "reset" }, times: 0 })).toThrow(RangeError);
    expect(() => s.faults.add({ fault: { kind: "reset" }, times: 1.5 })).toThrow(RangeError);
  });
});

describe("lifecycle and options", () => {
  // "Promptly": a close that waited for the stall or the 60 s latency would outlast the test's
  // own timeout, so no clock is read here.
  it("closes promptly with a request stalled", async () => {
    const s = await startSimulator();
    s.faults.add({ fault: { kind: "stall" } });
    const arrived = s.nextRequest();
    const pending = fetch(`${s.url}/v1/${s.projectId}/server-groups`, {
      headers: { "X-Auth-Token": s.token },
    });
    const outcome = pending.then(
      () => "answered",
      () => "failed",
    );
    await arrived;
    await s.close();
    expect(await outcome).toBe("failed");
    await s.close(); // a second close is harmless
  });

  it("closes promptly while a latency fault waits", async () => {
    const s = await startSimulator();
    s.faults.add({ fault: { kind: "latency", ms: 60_000 } });
    const arrived = s.nextRequest();
    const outcome = fetch(`${s.url}/v1/${s.projectId}/server-groups`, {
      headers: { "X-Auth-Token": s.token },
    }).then(
      () => "answered",
      () => "failed",
    );
    await arrived;
    await s.close();
    expect(await outcome).toBe("failed");
  });

  it("adds the base latency to every answer", async () => {
    await withSimulator({ latencyMs: 120 }, async (s) => {
      const started = performance.now();
      expect((await call(s, "server-groups")).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    });
  });

  it("takes its project, token, host and port from the options", async () => {
    await withSimulator(
      { projectId: "1234567890abcdef1234567890abcdef", token: "t0k3n", seed: 5 },
      async (s) => {
        expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
        expect(s.projectId).toBe("1234567890abcdef1234567890abcdef");
        expect((await call(s, "server-groups")).status).toBe(200);
        expect(s.data.serverGroups).toEqual(createDataSet({ seed: 5 }).serverGroups);
      },
    );
  });

  it("answers the same for the same seed, and differently for another", async () => {
    const answers = async (seed: number) => {
      let text = "";
      await withSimulator({ seed }, async (s) => {
        text = (await call(s, "task-center/failure-jobs")).text;
      });
      return text;
    };
    expect(await answers(9)).toBe(await answers(9));
    expect(await answers(9)).not.toBe(await answers(10));
  });
});

const TSV = new URL("../../../data/sdrs-error-codes.tsv", import.meta.url);

describe("the error catalogue", () => {
  it("matches the documented sdrs-error-codes.tsv, sent without the doc's bold markup", () => {
    const documented = new Map(
      readFileSync(TSV, "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => {
          const [status, code, message] = line.split("\t");
          return [code, [Number(status), message]] as const;
        }),
    );
    // The TSV is kept without the doc's markup; the simulator's table keeps it verbatim.
    for (const [code, [status, message]] of Object.entries(SDRS_ERROR_CATALOGUE)) {
      expect(documented.get(code), code).toEqual([status, message.replaceAll("**", "")]);
    }
    for (const [code, message] of Object.entries(MESSAGES)) {
      expect(documented.get(code)?.[1]?.replaceAll("**", ""), code).toBe(message);
    }
  });
});
