/**
 * The official SDRS models (test/official/*.json, read from Huawei's SDKs and OpenAPI file and the
 * Open Telekom Cloud API reference) against sdrs-mcp: the client's response schemas accept every
 * documented field and value, the simulator answers only with documented fields and values, and
 * every query parameter a tool sends is one the official request model has.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  drillSchema,
  drillsPageSchema,
  protectedInstanceSchema,
  protectedInstancesPageSchema,
  quotaResourceSchema,
  quotasSchema,
  replicationSchema,
  replicationsPageSchema,
} from "../../src/sdrs/member-schemas.js";
import {
  failureJobSchema,
  failureJobsPageSchema,
  jobSchema,
  serverGroupSchema,
  serverGroupsPageSchema,
} from "../../src/sdrs/schemas.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import {
  at,
  documentedVariants,
  fullItem,
  MODELS,
  missing,
  model,
  type OfficialField,
  strays,
} from "../official/models.js";

interface Parser {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: unknown };
}

/** Official model -> the client schema that parses it at the boundary. */
const CLIENT_SCHEMAS: Array<[string, Parser]> = [
  ["FailureJobParams", failureJobSchema],
  ["ListFailureJobsResponse", failureJobsPageSchema],
  ["ShowJobStatusResponse", jobSchema],
  ["ShowProtectionGroupParams", serverGroupSchema],
  ["ListProtectionGroupsResponse", serverGroupsPageSchema],
  ["ShowProtectedInstanceParams", protectedInstanceSchema],
  ["ListProtectedInstancesResponse", protectedInstancesPageSchema],
  ["ShowReplicationParams", replicationSchema],
  ["ListReplicationsResponse", replicationsPageSchema],
  ["ShowDisasterRecoveryDrillParams", drillSchema],
  ["ListDisasterRecoveryDrillsResponse", drillsPageSchema],
  ["QuotaResourceParams", quotaResourceSchema],
  ["ShowQuotaResponse", quotasSchema],
];

describe("the official models kept as test data", () => {
  it("name their source file and commit, and every nested model they refer to exists", () => {
    expect(MODELS.size).toBeGreaterThanOrEqual(30);
    for (const official of MODELS.values()) {
      for (const source of [official.source, ...official.checked_against]) {
        expect(source.repo, official.model).toMatch(/^[\w.-]+\/[\w.-]+$/);
        expect(source.commit, official.model).toMatch(/^[0-9a-f]{40}$/);
      }
      for (const field of Object.values(official.fields)) {
        if (field.ref) expect(MODELS.has(field.ref), field.ref).toBe(true);
        if (field.items && !["string", "integer", "boolean"].includes(field.items)) {
          expect(MODELS.has(field.items), field.items).toBe(true);
        }
      }
    }
  });
});

describe("the checks against the official models", () => {
  it("flag an undocumented key, a value outside an enum, a null never documented, a wrong type", () => {
    const group = fullItem("ShowProtectionGroupParams") as Record<string, unknown>;
    expect(strays("ShowProtectionGroupParams", group)).toEqual([]);
    const findings = strays("ShowProtectionGroupParams", {
      ...group,
      health: "ok",
      status: "broken",
      id: null,
      progress: "50",
      health_status: null,
    });
    // In the item's key order: the overridden keys keep their place, the new one comes last.
    expect(findings).toEqual([
      expect.stringContaining(".id: null, but never documented as null"),
      expect.stringContaining('.status: "broken" is not one of'),
      expect.stringContaining(".progress: expected an integer"),
      expect.stringContaining(".health: not a documented field"),
    ]);
    const { name: _, ...nameless } = group;
    expect(missing("ShowProtectionGroupParams", nameless)).toEqual([
      "ShowProtectionGroupParams.name: documented field missing",
    ]);
  });
});

describe("client schemas accept every documented field and value", () => {
  for (const [name, schema] of CLIENT_SCHEMAS) {
    it(`${name}: an item with every field keeps every field`, () => {
      const item = fullItem(name);
      const parsed = schema.safeParse(item);
      expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
      for (const path of leafPaths(item))
        expect(at(parsed.data, path), path).toEqual(at(item, path));
    });

    it(`${name}: every documented enum value, spelling and null is accepted`, () => {
      for (const [path, value] of documentedVariants(name)) {
        const parsed = schema.safeParse(fullItem(name, { [path]: value }));
        expect(
          parsed.success,
          `${path}=${JSON.stringify(value)}: ${JSON.stringify(parsed.error)}`,
        ).toBe(true);
        const kept = at(parsed.data, path);
        // null and Huawei's literal "null" both say nothing: the client reads them as unknown.
        if (value === "null") expect(kept, path).toBeNull();
        else if (value === null) expect([null, ""], path).toContain(kept);
        else expect(kept, path).toEqual(value);
      }
    });
  }
});

describe("the simulator answers with documented fields and values only", () => {
  let sim: Simulator;
  const get = async (path: string) => {
    const response = await fetch(`${sim.url}/v1/${sim.projectId}/${path}`, {
      headers: { "X-Auth-Token": sim.token },
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    sim = await startSimulator({ groups: 8 });
  });
  afterAll(async () => {
    await sim.close();
  });

  const groupIds = async () =>
    ((await get("server-groups")).server_groups as Array<{ id: string }>).map((g) => g.id);

  it("server-groups", async () => {
    const body = await get("server-groups");
    expect(strays("ListProtectionGroupsResponse", body)).toEqual([]);
    expect(missing("ListProtectionGroupsResponse", body)).toEqual([]);
  });

  it("failure-jobs, group level and inside every group", async () => {
    const pages = [await get("task-center/failure-jobs")];
    for (const id of await groupIds())
      pages.push(await get(`task-center/failure-jobs?server_group_id=${id}`));
    for (const page of pages) {
      expect(strays("ListFailureJobsResponse", page)).toEqual([]);
      expect(missing("ListFailureJobsResponse", page)).toEqual([]);
    }
  });

  const LISTINGS: Array<[string, string]> = [
    ["protected-instances", "ListProtectedInstancesResponse"],
    ["replications", "ListReplicationsResponse"],
    ["disaster-recovery-drills", "ListDisasterRecoveryDrillsResponse"],
  ];
  for (const [path, name] of LISTINGS) {
    it(`${path}: the project, every group, and query_type=status_abnormal where documented`, async () => {
      const queries = ["", ...(await groupIds()).map((id) => `?server_group_id=${id}`)];
      if (model(name.replace("Response", "Request")).fields.query_type)
        queries.push("?query_type=status_abnormal");
      for (const query of queries) {
        const body = await get(`${path}${query}`);
        expect(strays(name, body), `${path}${query}`).toEqual([]);
        expect(missing(name, body), `${path}${query}`).toEqual([]);
      }
    });
  }

  it("sdrs/quotas", async () => {
    const body = await get("sdrs/quotas");
    expect(strays("ShowQuotaResponse", body)).toEqual([]);
    expect(missing("ShowQuotaResponse", body)).toEqual([]);
  });

  it("the job of every failed task", async () => {
    const jobIds = new Set<string>();
    const pages = [await get("task-center/failure-jobs")];
    for (const id of await groupIds())
      pages.push(await get(`task-center/failure-jobs?server_group_id=${id}`));
    for (const page of pages) {
      for (const job of page.failure_jobs as Array<{ job_id: string }>) jobIds.add(job.job_id);
    }
    expect(jobIds.size).toBeGreaterThan(0);
    for (const jobId of jobIds) {
      const job = await get(`jobs/${jobId}`);
      expect(strays("ShowJobStatusResponse", job)).toEqual([]);
    }
  });
});

describe("every query parameter a tool sends is in the official request model", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ groups: 4, allowWrite: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  /** Request model of each GET the tools make; reads without a query model take no query. */
  const REQUEST_MODELS: Array<[RegExp, string | null]> = [
    [/\/task-center\/failure-jobs$/, "ListFailureJobsRequest"],
    [/\/server-groups$/, "ListProtectionGroupsRequest"],
    [/\/protected-instances$/, "ListProtectedInstancesRequest"],
    [/\/replications$/, "ListReplicationsRequest"],
    [/\/disaster-recovery-drills$/, "ListDisasterRecoveryDrillsRequest"],
    [/\/jobs\/[^/]+$/, null],
    // "Querying the Details of a Protection Group" (sdrs_05_0403): a path parameter, no query.
    [/\/server-groups\/[^/]+$/, null],
    [/\/sdrs\/quotas$/, null],
  ];

  function queryFindings(from: number): string[] {
    const findings: string[] = [];
    for (const request of harness.sim.requests.slice(from)) {
      if (!request.path.startsWith("/v1/")) continue;
      const match = REQUEST_MODELS.find(([pattern]) => pattern.test(request.path));
      if (request.method !== "GET") {
        if ([...request.query.keys()].length > 0)
          findings.push(`${request.method} ${request.path}: sends a query`);
        continue;
      }
      if (!match) {
        findings.push(`GET ${request.path}: no official request model listed for this path`);
        continue;
      }
      const fields = match[1] ? model(match[1]).fields : {};
      for (const [key, value] of request.query) {
        const field = fields[key];
        if (!field)
          findings.push(
            `GET ${request.path}: query ${key} is not in ${match[1] ?? "the operation"}`,
          );
        else if (field.enum && !field.enum.includes(value))
          findings.push(`${key}=${value}: not a documented value`);
        else if (field.type === "integer" && !/^\d+$/.test(value))
          findings.push(`${key}=${value}: not an integer`);
        else if (field.type === "integer" && outOfRange(key, Number(value), field))
          findings.push(`${key}=${value}: outside the documented range`);
      }
    }
    return findings;
  }

  async function callAndCheck(tool: string, args: Record<string, unknown>) {
    const from = harness.sim.requests.length;
    const result = await harness.call(tool, args);
    expect(
      result.isError ?? false,
      `${tool} ${JSON.stringify(args)}: ${JSON.stringify(result.content)}`,
    ).toBe(false);
    expect(harness.sim.requests.length, `${tool} made no request`).toBeGreaterThan(from);
    expect(queryFindings(from), `${tool} ${JSON.stringify(args)}`).toEqual([]);
  }

  async function someGroup(): Promise<{ id: string; name: string }> {
    const group = harness.sim.data.serverGroups[0];
    if (!group) throw new Error("the simulator has no protection group");
    return group;
  }

  it("list_failed_sdrs_tasks with every filter, and each documented enum value", async () => {
    const group = await someGroup();
    await callAndCheck("list_failed_sdrs_tasks", {
      failure_status: "failoverFail",
      resource_name: group.name,
      server_group_id: group.id,
      resource_type: "protected_instances",
      limit: 5,
      offset: 1,
    });
    const request = model("ListFailureJobsRequest").fields;
    for (const value of request.failure_status?.enum ?? []) {
      await callAndCheck("list_failed_sdrs_tasks", { failure_status: value });
    }
    for (const value of request.resource_type?.enum ?? []) {
      await callAndCheck("list_failed_sdrs_tasks", {
        server_group_id: group.id,
        resource_type: value,
      });
    }
  });

  it("list_sdrs_protection_groups with every filter, and each documented enum value", async () => {
    const group = await someGroup();
    await callAndCheck("list_sdrs_protection_groups", {
      name: group.name.slice(0, 4),
      status: "available",
      query_type: "status_abnormal",
      availability_zone: "eu-de-01",
      limit: 10,
      offset: 0,
    });
    const request = model("ListProtectionGroupsRequest").fields;
    for (const value of request.query_type?.enum ?? []) {
      const sent = await harness.call("list_sdrs_protection_groups", { query_type: value });
      // The tool may offer fewer query types than the API; a value it refuses never goes out.
      if (!sent.isError) await callAndCheck("list_sdrs_protection_groups", { query_type: value });
    }
    for (const value of request.status?.enum ?? []) {
      await callAndCheck("list_sdrs_protection_groups", { status: value });
    }
  });

  it("summarize_sdrs_failures and get_sdrs_job", async () => {
    await callAndCheck("summarize_sdrs_failures", {});
    await callAndCheck("summarize_sdrs_failures", {
      failure_status: "failoverFail",
      resource_type: "protected_instances",
      since: "2020-01-01",
      newest: 5,
    });
    const job = harness.sim.data.failureJobs[0]?.job;
    if (!job) throw new Error("the simulator has no failure job");
    await callAndCheck("get_sdrs_job", { job_id: job.job_id });
  });

  it("assess_sdrs_readiness for the project and for one group", async () => {
    const group = await someGroup();
    await callAndCheck("assess_sdrs_readiness", {});
    await callAndCheck("assess_sdrs_readiness", { server_group_id: group.id });
  });

  it("the delete tools' previews", async () => {
    const record = harness.sim.data.failureJobs.find((r) => r.serverGroupId !== null);
    if (!record) throw new Error("the simulator has no failure inside a group");
    await callAndCheck("delete_all_failed_sdrs_tasks", { server_group_id: record.serverGroupId });
    await callAndCheck("delete_all_failed_sdrs_tasks", {});
    await callAndCheck("delete_failed_sdrs_task", {
      failure_job_id: record.job.resource_id,
      server_group_id: record.serverGroupId,
    });
  });
});

/** limit: 1..maximum (SDRS.0221 refuses 0 although the range says [0,1000]); others their range. */
function outOfRange(key: string, value: number, field: OfficialField): boolean {
  const lowest = key === "limit" ? 1 : (field.minimum ?? Number.NEGATIVE_INFINITY);
  return value < lowest || value > (field.maximum ?? Number.POSITIVE_INFINITY);
}

/** Dotted paths of every primitive leaf of a JSON value. */
function leafPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix.slice(0, -1)];
  return Object.entries(value).flatMap(([key, item]) => leafPaths(item, `${prefix}${key}.`));
}
