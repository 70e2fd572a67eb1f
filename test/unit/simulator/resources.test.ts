import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/simulator/index.js";

// The listings of protected instances, replication pairs, DR drills and quotas. Expectations
// come from the OTC API reference (opentelekomcloud-docs/storage-disaster-recovery-service
// api-ref/source/apis/** and appendixes/**) and Huawei's Python SDK models
// (huaweicloudsdksdrs/v1/model), not from the simulator's own tables.

/** querying_protected_instances.rst, Table 1 (HW show_protected_instance_params.py). */
const INSTANCE_FIELDS = [
  "id",
  "name",
  "description",
  "server_group_id",
  "status",
  "progress",
  "source_server",
  "target_server",
  "created_at",
  "updated_at",
  "priority_station",
  "attachment",
  "tags",
  "metadata",
].sort();
/** querying_replication_pairs.rst, Table 1 (HW show_replication_params.py). */
const PAIR_FIELDS = [
  "id",
  "name",
  "description",
  "replication_model",
  "status",
  "progress",
  "replication_status",
  "attachment",
  "server_group_id",
  "volume_ids",
  "priority_station",
  "fault_level",
  "created_at",
  "updated_at",
  "record_metadata",
].sort();
/** querying_dr_drills.rst, Table 1. */
const DRILL_FIELDS = [
  "id",
  "name",
  "status",
  "server_group_id",
  "drill_vpc_id",
  "created_at",
  "updated_at",
  "drill_servers",
].sort();
/** appendixes/protected_instance_status.rst. */
const INSTANCE_STATUSES = [
  "creating",
  "available",
  "deleting",
  "error-deleting",
  "error",
  "nic-creating",
  "nic-deleting",
  "starting",
  "error-starting",
  "protected",
  "reversing",
  "failing-over",
  "failed-over",
  "reprotecting",
  "stopping",
  "error-stopping",
  "error-reversing",
  "error-failing-over",
  "error-reprotecting",
  "resizing",
  "error-resizing",
  "invalid",
  "fault",
];
/** appendixes/replication_pair_status.rst. */
const PAIR_STATUSES = [
  ...INSTANCE_STATUSES.filter((s) => !s.includes("nic-") && !s.includes("resizing")),
  "extending",
  "error-extending",
  "attaching",
  "detaching",
  "error-attaching",
  "error-detaching",
];
const LISTED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
/** The replication example: "2018-05-04T03:43:24.108526". */
const PAIR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** OTC names: ASCII letters, digits, ".", "_" and "-". */
const OTC_NAME = /^[A-Za-z0-9._-]+$/;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Body = any;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

async function get(path: string, query: Record<string, string | number> = {}) {
  const url = new URL(`${sim.url}/v1/${sim.projectId}/${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  const res = await fetch(url, { headers: { "X-Auth-Token": sim.token } });
  return { status: res.status, body: (await res.json()) as Body };
}

async function listAll(path: string, key: string, query: Record<string, string> = {}) {
  const answer = await get(path, query);
  expect(answer.status).toBe(200);
  expect(answer.body.count).toBe(answer.body[key].length);
  return answer.body[key] as Body[];
}

/** "abnormal": failed states and the two the appendixes describe as broken. */
function abnormal(status: string): boolean {
  return (
    status === "error" || status.startsWith("error-") || status === "invalid" || status === "fault"
  );
}

function productionAz(group: Body): string {
  return group.priority_station === "source"
    ? group.source_availability_zone
    : group.target_availability_zone;
}

describe("GET protected-instances", () => {
  it("lists every instance with exactly the documented fields, as many as each group says", async () => {
    const instances = await listAll("protected-instances", "protected_instances");
    const groups = (await listAll("server-groups", "server_groups")) as Body[];
    for (const instance of instances) {
      expect(Object.keys(instance).sort()).toEqual(INSTANCE_FIELDS);
      expect(INSTANCE_STATUSES).toContain(instance.status);
      expect(instance.created_at).toMatch(LISTED_TIME);
      expect(instance.name).toMatch(OTC_NAME);
      expect(instance.metadata).toEqual({});
      const group = groups.find((g) => g.id === instance.server_group_id);
      expect(group?.priority_station).toBe(instance.priority_station);
    }
    for (const group of groups) {
      const mine = instances.filter((i) => i.server_group_id === group.id);
      expect(mine).toHaveLength(group.protected_instance_num);
    }
  });

  it("filters by group, group list, instance list, status, name and abnormal state", async () => {
    const all = await listAll("protected-instances", "protected_instances");
    const [first, second] = sim.data.serverGroups;
    if (!first || !second) throw new Error("two groups expected");
    const inFirst = all.filter((i) => i.server_group_id === first.id);
    expect(
      await listAll("protected-instances", "protected_instances", { server_group_id: first.id }),
    ).toEqual(inFirst);
    // The documented list format, either quote, URL-encoded; the list wins over the single ID.
    for (const list of [`['${first.id}','${second.id}']`, JSON.stringify([first.id, second.id])]) {
      const both = await listAll("protected-instances", "protected_instances", {
        server_group_ids: list,
        server_group_id: second.id,
      });
      expect(both).toEqual(
        all.filter((i) => i.server_group_id === first.id || i.server_group_id === second.id),
      );
    }
    const picked = all.slice(0, 2).map((i) => i.id);
    const ids = { protected_instance_ids: JSON.stringify(picked) };
    expect(
      (await listAll("protected-instances", "protected_instances", ids)).map((i) => i.id),
    ).toEqual(picked);
    // "If server_group_id or server_group_ids is specified, protected_instance_ids is ignored."
    expect(
      await listAll("protected-instances", "protected_instances", {
        ...ids,
        server_group_id: first.id,
      }),
    ).toEqual(inFirst);
    const status = all.find((i) => i.status !== "protected")?.status as string;
    expect(await listAll("protected-instances", "protected_instances", { status })).toEqual(
      all.filter((i) => i.status === status),
    );
    const name = first.name.toUpperCase();
    expect(await listAll("protected-instances", "protected_instances", { name })).toEqual(
      all.filter((i) => i.name.toLowerCase().includes(first.name.toLowerCase())),
    );
    const broken = await listAll("protected-instances", "protected_instances", {
      query_type: "status_abnormal",
    });
    expect(broken).toEqual(all.filter((i) => abnormal(i.status)));
    expect(broken.length).toBeGreaterThan(0);
    expect(
      await listAll("protected-instances", "protected_instances", { query_type: "general" }),
    ).toEqual(all);
  });

  it("filters availability_zone on the group's current production site", async () => {
    const groups = (await listAll("server-groups", "server_groups")) as Body[];
    const all = await listAll("protected-instances", "protected_instances");
    for (const zone of ["eu-de-01", "eu-de-02"]) {
      const here = new Set(groups.filter((g) => productionAz(g) === zone).map((g) => g.id));
      const listed = await listAll("protected-instances", "protected_instances", {
        availability_zone: zone,
      });
      expect(listed).toEqual(all.filter((i) => here.has(i.server_group_id)));
    }
  });

  it("answers bad filters with the documented codes", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ server_group_id: "not-a-uuid" }, "SDRS.0207"],
      [{ server_group_ids: "not-a-list" }, "SDRS.0201"],
      [
        {
          server_group_ids: JSON.stringify(
            Array.from({ length: 31 }, () => sim.data.serverGroups[0]?.id),
          ),
        },
        "SDRS.0226",
      ],
      [{ status: "broken" }, "SDRS.0201"],
      [{ query_type: "stop_protected" }, "SDRS.0201"],
      [{ limit: "0" }, "SDRS.0221"],
      [{ limit: "1001" }, "SDRS.0221"],
      [{ offset: "-1" }, "SDRS.0222"],
    ];
    for (const [query, code] of cases) {
      const answer = await get("protected-instances", query);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).not.toContain("*");
    }
  });
});

describe("GET replications", () => {
  it("lists every pair with the documented fields, failure_detail only in error", async () => {
    const pairs = await listAll("replications", "replications");
    const instances = await listAll("protected-instances", "protected_instances");
    for (const pair of pairs) {
      const fields = PAIR_FIELDS.concat(pair.status === "error" ? ["failure_detail"] : []).sort();
      expect(Object.keys(pair).sort()).toEqual(fields);
      expect(PAIR_STATUSES).toContain(pair.status);
      expect(["active", "inactive", "copying", "active-stopped"]).toContain(
        pair.replication_status,
      );
      expect(["0", "2", "5"]).toContain(pair.fault_level);
      expect(pair.created_at).toMatch(PAIR_TIME);
      expect(pair.replication_model).toBe("hypermetro");
      expect(pair.volume_ids.split(",").every((id: string) => UUID.test(id))).toBe(true);
      expect(Object.keys(pair.record_metadata).sort()).toEqual([
        "bootable",
        "multiattach",
        "volume_size",
        "volume_type",
      ]);
      // Both sides of an attachment name each other.
      for (const { protected_instance, device } of pair.attachment) {
        const owner = instances.find((i) => i.id === protected_instance);
        expect(owner?.attachment).toContainEqual({ replication: pair.id, device });
      }
    }
    for (const group of sim.data.serverGroups) {
      expect(pairs.filter((p) => p.server_group_id === group.id)).toHaveLength(
        group.replication_num,
      );
    }
  });

  it("filters by instance (the list wins), group, name, status and abnormal state", async () => {
    const all = await listAll("replications", "replications");
    const owner = all[0].attachment[0].protected_instance as string;
    const other = all.find((p) => p.attachment[0]?.protected_instance !== owner).attachment[0]
      .protected_instance;
    const ownedBy = (id: string) =>
      all.filter((p) => p.attachment.some((a: Body) => a.protected_instance === id));
    expect(await listAll("replications", "replications", { protected_instance_id: owner })).toEqual(
      ownedBy(owner),
    );
    expect(
      await listAll("replications", "replications", {
        protected_instance_id: owner,
        protected_instance_ids: `['${other}']`,
      }),
    ).toEqual(ownedBy(other));
    const group = sim.data.serverGroups[1]?.id as string;
    expect(await listAll("replications", "replications", { server_group_id: group })).toEqual(
      all.filter((p) => p.server_group_id === group),
    );
    expect(await listAll("replications", "replications", { name: "-VDA" })).toEqual(
      all.filter((p) => p.name.toLowerCase().includes("-vda")),
    );
    const broken = await listAll("replications", "replications", { query_type: "status_abnormal" });
    expect(broken).toEqual(all.filter((p) => abnormal(p.status)));
    expect((await get("replications", { protected_instance_id: "x" })).body.error.code).toBe(
      "SDRS.0208",
    );
  });

  it("pages with limit and offset, count being every match", async () => {
    const all = await listAll("replications", "replications");
    const page = await get("replications", { limit: 5, offset: 3 });
    expect(page.body.replications).toEqual(all.slice(3, 8));
    expect(page.body.count).toBe(all.length);
  });
});

describe("GET disaster-recovery-drills", () => {
  it("lists every drill with the documented fields, as many as each group says", async () => {
    const drills = await listAll("disaster-recovery-drills", "disaster_recovery_drills");
    for (const drill of drills) {
      expect(Object.keys(drill).sort()).toEqual(DRILL_FIELDS);
      expect(["creating", "available", "deleting", "error-deleting", "error"]).toContain(
        drill.status,
      );
      expect(drill.created_at).toMatch(LISTED_TIME);
      for (const server of drill.drill_servers) {
        expect(Object.keys(server).sort()).toEqual(["drill_server_id", "protected_instance"]);
      }
    }
    for (const group of sim.data.serverGroups) {
      expect(drills.filter((d) => d.server_group_id === group.id)).toHaveLength(
        group.disaster_recovery_drill_num,
      );
    }
  });

  it("filters by group, name, status and drill VPC, and pages", async () => {
    const all = await listAll("disaster-recovery-drills", "disaster_recovery_drills");
    const drill = all[0];
    expect(
      await listAll("disaster-recovery-drills", "disaster_recovery_drills", {
        server_group_id: drill.server_group_id,
      }),
    ).toEqual(all.filter((d) => d.server_group_id === drill.server_group_id));
    expect(
      await listAll("disaster-recovery-drills", "disaster_recovery_drills", {
        drill_vpc_id: drill.drill_vpc_id,
      }),
    ).toEqual(all.filter((d) => d.drill_vpc_id === drill.drill_vpc_id));
    expect(
      await listAll("disaster-recovery-drills", "disaster_recovery_drills", { status: "error" }),
    ).toEqual(all.filter((d) => d.status === "error"));
    expect(
      await listAll("disaster-recovery-drills", "disaster_recovery_drills", { name: "DRILL-PROD" }),
    ).toEqual(all.filter((d) => d.name.includes("drill-prod")));
    const page = await get("disaster-recovery-drills", { limit: 2, offset: 1 });
    expect(page.body.disaster_recovery_drills).toEqual(all.slice(1, 3));
    expect((await get("disaster-recovery-drills", { status: "done" })).body.error.code).toBe(
      "SDRS.0201",
    );
  });
});

describe("GET sdrs/quotas", () => {
  it("reports use of both documented resource types, consistent with the listings", async () => {
    const answer = await get("sdrs/quotas");
    expect(answer.status).toBe(200);
    const resources = answer.body.quotas.resources as Body[];
    expect(resources.map((r) => r.type).sort()).toEqual(["replications", "server_groups"]);
    const byType = Object.fromEntries(resources.map((r) => [r.type, r]));
    expect(byType.server_groups.used).toBe(
      (await listAll("server-groups", "server_groups")).length,
    );
    expect(byType.replications.used).toBe((await listAll("replications", "replications")).length);
    for (const r of resources) {
      expect(Object.keys(r).sort()).toEqual(["max", "min", "quota", "type", "used"]);
      expect(r.used).toBeLessThanOrEqual(r.quota);
    }
    // Near its limit: at least one quota is 90% used or more.
    expect(resources.some((r) => r.used >= 0.9 * r.quota)).toBe(true);
  });

  it("is used up where failed tasks say the quota was insufficient", async () => {
    const codes = new Set(sim.data.failureJobs.map((r) => r.job.error_code));
    const byType = Object.fromEntries(
      ((await get("sdrs/quotas")).body.quotas.resources as Body[]).map((r) => [r.type, r]),
    );
    if (codes.has("SDRS.0305")) expect(byType.server_groups.used).toBe(byType.server_groups.quota);
    if (codes.has("SDRS.0306")) expect(byType.replications.used).toBe(byType.replications.quota);
  });
});

describe("a data set that tells one story", () => {
  it("has a broken replication pair in a group whose failover failed", async () => {
    const groups = await listAll("server-groups", "server_groups", {
      status: "error-failing-over",
    });
    expect(groups.length).toBeGreaterThan(0);
    const pairs = await listAll("replications", "replications", {
      server_group_id: groups[0].id,
      query_type: "status_abnormal",
    });
    expect(pairs.some((p) => p.status === "fault" || p.status === "invalid")).toBe(true);
  });

  it("has groups never drilled and groups drilled only more than three months ago", async () => {
    const drills = await listAll("disaster-recovery-drills", "disaster_recovery_drills");
    const groups = await listAll("server-groups", "server_groups");
    const threeMonthsAgo = new Date();
    threeMonthsAgo.setUTCMonth(threeMonthsAgo.getUTCMonth() - 3);
    const newest = (id: string) =>
      drills
        .filter((d) => d.server_group_id === id)
        .map((d) => d.created_at as string)
        .sort()
        .at(-1);
    expect(groups.some((g) => newest(g.id) === undefined)).toBe(true);
    expect(
      groups.some((g) => {
        const last = newest(g.id);
        return (
          last !== undefined && Date.parse(`${last.replace(" ", "T")}Z`) < threeMonthsAgo.getTime()
        );
      }),
    ).toBe(true);
  });

  it("has protected instances in error states", async () => {
    const broken = await listAll("protected-instances", "protected_instances", {
      query_type: "status_abnormal",
    });
    expect(broken.some((i) => i.status.startsWith("error") || i.status === "fault")).toBe(true);
  });
});
