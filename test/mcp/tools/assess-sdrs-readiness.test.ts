import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../../src/format/budget.js";
import { type Readiness, readinessOutput } from "../../../src/readiness/output.js";
import { type Harness, startHarness, textOf } from "../../helpers/harness.js";

const TOOL = "assess_sdrs_readiness";
const unknown = (v: string | null) => v === null || v === "null";

function size(r: CallToolResult): number {
  return JSON.stringify({ content: r.content, structuredContent: r.structuredContent }).length;
}

function readiness(r: CallToolResult): Readiness {
  expect(r.isError, textOf(r)).toBeFalsy();
  return readinessOutput.parse(r.structuredContent);
}

describe("assess_sdrs_readiness on the demo project", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.client.listTools(); // the SDK client then checks every result against outputSchema
  });
  afterAll(() => h.close());

  it("answers ready or not first, with the most urgent problem, inside the budget", async () => {
    const r = await h.call(TOOL);
    const s = readiness(r);
    expect(size(r)).toBeLessThan(OUTPUT_BUDGET);
    const { serverGroups, replications } = h.sim.data;
    expect(s.totals.groups).toBe(serverGroups.length);
    const linkDown = replications.find((p) => p.fault_level === "5");
    expect(linkDown).toBeDefined();
    const group = serverGroups.find((g) => g.id === linkDown?.server_group_id);
    const first = s.summary.split(". ")[0] ?? "";
    expect(first).toMatch(/^Not ready: /);
    expect(first).toContain(`"${group?.name}"`);
    expect(s.abnormal_replication_pairs.map((p) => p.id)).toContain(linkDown?.id);
    expect(textOf(r).startsWith(s.summary)).toBe(true);
  });

  it("says each step once in its text, with every group's verdict; the rows keep theirs", async () => {
    const r = await h.call(TOOL);
    const s = readiness(r);
    const lines = textOf(r).split("\n");
    for (const g of s.groups)
      expect(lines.some((l) => l.includes(`${g.server_group_id}: ${g.verdict}`))).toBe(true);
    // The steps said on group lines ("Next: …"): never the same one twice.
    const said = lines.flatMap((l) => {
      const at = l.indexOf(" Next: ");
      return at < 0 ? [] : [l.slice(at + " Next: ".length).replace(/ Unknown: .*$/, "")];
    });
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said).size).toBe(said.length);
    // Nowhere else: the members' steps stay in their structured rows.
    const rest = lines.filter((l) => !l.includes(" Next: ")).join("\n");
    const steps = [
      ...s.groups.map((g) => g.next_step),
      ...s.abnormal_replication_pairs.map((p) => p.next_step),
      ...s.abnormal_protected_instances.map((i) => i.next_step),
    ].filter((step): step is string => step !== null);
    expect(steps.length).toBeGreaterThan(s.groups.length);
    for (const step of steps) expect(rest, step).not.toContain(step);
  });

  it("counts the failed tasks exactly as summarize_sdrs_failures does", async () => {
    const s = readiness(await h.call(TOOL));
    const summary = (await h.call("summarize_sdrs_failures")).structuredContent as {
      totals: { failures: number; group_level: number; inside_groups: number };
    };
    expect(s.failures).toMatchObject({
      total: summary.totals.failures,
      group_level: summary.totals.group_level,
      inside_groups: summary.totals.inside_groups,
    });
    expect(s.failures.total).toBe(h.sim.data.failureJobs.length);
  });

  it("reports the health SDRS leaves null as unknown, never ready", async () => {
    const s = readiness(await h.call(TOOL));
    const nullHealth = h.sim.data.serverGroups.filter((g) => unknown(g.health_status));
    expect(nullHealth.length).toBeGreaterThan(0);
    for (const g of nullHealth) {
      const row = s.groups.find((x) => x.server_group_id === g.id);
      expect(row?.health_status).toBe("unknown");
      expect(row?.unknown).toContain("health_status");
      expect(row?.verdict).not.toBe("ready");
    }
    expect(s.totals.health_unknown).toBe(nullHealth.length);
  });

  it("asks SDRS for the abnormal members, the groups without a recent drill, drills and quotas", async () => {
    h.sim.requests.length = 0;
    readiness(await h.call(TOOL));
    const sent = h.sim.requests.map((q) => `${q.path.split("/").slice(3).join("/")}?${q.query}`);
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^protected-instances\?.*query_type=status_abnormal/),
        expect.stringMatching(/^replications\?.*query_type=status_abnormal/),
        // Every pair too: replication_status is not part of the abnormal selection.
        expect.stringMatching(/^replications\?(?!.*query_type)/),
        expect.stringMatching(/^server-groups\?.*query_type=period_no_dr_drill/),
        expect.stringMatching(/^server-groups\?.*query_type=status_abnormal/),
        expect.stringMatching(/^disaster-recovery-drills\?/),
        expect.stringMatching(/^sdrs\/quotas\?/),
      ]),
    );
  });

  it("finds a protected pair whose replication is inactive, which the abnormal listing leaves out", async () => {
    const quiet = h.sim.data.replications.find(
      (p) => p.status === "protected" && p.replication_status === "inactive",
    );
    if (!quiet) throw new Error("the demo has a protected pair whose replication is inactive");
    const s = readiness(await h.call(TOOL));
    const row = s.abnormal_replication_pairs.find((p) => p.id === quiet.id);
    expect(row).toMatchObject({ status: "protected", replication_status: "inactive" });
    expect(row?.meaning).toBe(
      "protected, but data is not synchronized (replication_status inactive)",
    );
    expect(row?.next_step).toContain(
      "[API reference: Querying Replication Pairs, replication_status",
    );
    const group = s.groups.find((g) => g.server_group_id === quiet.server_group_id);
    expect(group?.verdict).toBe("not_ready");
    expect(group?.issues).toContain(
      "1 protected replication pair not synchronized (replication_status inactive)",
    );
  });

  it("reports drills whose creation failed as an issue of their group", async () => {
    const failed = h.sim.data.drills.filter((d) => d.status === "error");
    expect(failed.length).toBeGreaterThan(0);
    const s = readiness(await h.call(TOOL));
    for (const d of failed) {
      const group = s.groups.find((g) => g.server_group_id === d.server_group_id);
      expect(group?.drills_failed).toBeGreaterThan(0);
      expect(group?.verdict).not.toBe("ready");
      expect(group?.issues.join(" ")).toContain("whose creation failed (status error)");
    }
    expect(s.totals.drills_failed).toBe(failed.length);
  });

  it("labels its own thresholds as its own, in structuredContent and text", async () => {
    const r = await h.call(TOOL);
    const s = readiness(r);
    expect(s.sdrs_mcp_rules.quota_near_limit).toContain("sdrs-mcp's own threshold");
    expect(s.sdrs_mcp_rules.last_drill_days_ago).toContain("computed by sdrs-mcp");
    expect(textOf(r)).toContain("sdrs-mcp's own rules: a quota is near its limit at 80% used");
  });

  it("looks at one group when given its server_group_id", async () => {
    const target = h.sim.data.serverGroups[1];
    if (!target) throw new Error("the demo has a second group");
    h.sim.requests.length = 0;
    const s = readiness(await h.call(TOOL, { server_group_id: target.id }));
    expect(s.server_group_id).toBe(target.id);
    expect(s.groups.map((g) => g.server_group_id)).toEqual([target.id]);
    for (const p of s.abnormal_replication_pairs) expect(p.server_group_id).toBe(target.id);
    expect(s.summary).toContain(`protection group "${target.name}"`);
    const filtered = h.sim.requests.filter((q) =>
      /protected-instances|replications|drills/.test(q.path),
    );
    for (const q of filtered) expect(q.query.get("server_group_id")).toBe(target.id);
    expect(s.failures.inside_groups).toBe(
      h.sim.data.failureJobs.filter((f) => f.serverGroupId === target.id).length,
    );
  });

  it("refuses bad input and an unknown group, naming the field", async () => {
    const bad = await h.call(TOOL, { server_group_id: "prod-db" });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain("server_group_id");
    const extra = await h.call(TOOL, { name: "prod-db" });
    expect(extra.isError).toBe(true);
    expect(textOf(extra)).toContain("unknown argument");
    const missing = await h.call(TOOL, { server_group_id: "00000000-0000-4000-8000-000000000000" });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain("not a protection group");
  });

  it("sends progress notifications when asked, ending at the total", async () => {
    const updates: { progress: number; total?: number }[] = [];
    const r = (await h.client.callTool({ name: TOOL, arguments: {} }, undefined, {
      onprogress: (p) => updates.push(p),
    })) as CallToolResult;
    readiness(r);
    // One per read: the groups, seven readiness listings, the group-level and each group's failures.
    expect(updates.length).toBe(h.sim.data.serverGroups.length + 9);
    expect(updates.map((u) => u.progress)).toEqual(updates.map((_, i) => i + 1));
    expect(updates.at(-1)).toMatchObject({ progress: updates.length, total: updates.length });
  });
});

/** Every request whose path includes `path` answers 500 SDRS.0013. */
function failEvery(h: Harness, path: string) {
  h.sim.faults.add({
    pathIncludes: path,
    times: Number.POSITIVE_INFINITY,
    fault: {
      kind: "status",
      status: 500,
      body: { error: { code: "SDRS.0013", message: "Internal error" } },
    },
  });
}

describe("assess_sdrs_readiness when reads fail", () => {
  it("keeps a failing listing as incomplete instead of failing the call", async () => {
    const h = await startHarness();
    try {
      failEvery(h, "/replications");
      const s = readiness(await h.call(TOOL));
      expect(s.incomplete.map((x) => x.what)).toEqual([
        "abnormal replication pairs",
        "replication pairs",
      ]);
      expect(s.incomplete[0]?.error).toContain("500");
      expect(s.abnormal_replication_pairs).toEqual([]);
      expect(s.totals.abnormal_replication_pairs).toBeNull();
      for (const g of s.groups) {
        expect(g.verdict).not.toBe("ready");
        expect(g.unknown).toContain("abnormal replication pairs");
      }
    } finally {
      await h.close();
    }
  });

  it("says the failed tasks are unknown, never 0, when their listings answer 500", async () => {
    const h = await startHarness();
    try {
      failEvery(h, "/failure-jobs");
      const r = await h.call(TOOL);
      const s = readiness(r);
      expect(s.failures).toMatchObject({
        total: null,
        group_level: null,
        inside_groups: null,
        groups_with_failures: null,
      });
      expect(s.failures.unknown).toContain("could not be read");
      expect(textOf(r)).toContain("Failed tasks: unknown (could not be read: ");
      expect(textOf(r)).not.toContain("Failed tasks: 0");
      for (const g of s.groups) expect(g.failures).toBeNull();
      expect(s.verdict).not.toBe("ready");
    } finally {
      await h.close();
    }
  });

  it("stops a listing that never ends at the page bound, as incomplete with advice", async () => {
    const h = await startHarness();
    try {
      const full = Array.from({ length: 999 }, (_, i) => ({
        id: `pair-${i}`,
        status: "protected",
      }));
      h.sim.faults.add({
        pathIncludes: "/replications",
        times: Number.POSITIVE_INFINITY,
        fault: { kind: "json", body: { count: 999, replications: full } },
      });
      const s = readiness(await h.call(TOOL));
      const stopped = s.incomplete.find((x) => x.what === "abnormal replication pairs");
      expect(stopped?.error).toContain("SDRS kept sending full pages");
      expect(stopped?.error).toContain("server_group_id");
    } finally {
      await h.close();
    }
  });

  it("fails the call with the error when nothing at all could be read", async () => {
    const h = await startHarness();
    try {
      h.sim.faults.add({
        pathIncludes: "/v1/",
        times: Number.POSITIVE_INFINITY,
        fault: {
          kind: "status",
          status: 401,
          body: { error: { code: 401, message: "Unauthorized" } },
        },
      });
      const r = await h.call(TOOL);
      expect(r.isError).toBe(true);
      expect(textOf(r)).toContain("401");
    } finally {
      await h.close();
    }
  });
});

describe("assess_sdrs_readiness on a 200-group project", () => {
  it("answers within the output budget with a valid result", async () => {
    const big = await startHarness({ groups: 200 });
    try {
      await big.client.listTools();
      const r = await big.call(TOOL);
      const s = readiness(r);
      expect(size(r)).toBeLessThan(OUTPUT_BUDGET);
      expect(s.totals.groups).toBe(200);
      expect(s.groups.length + s.groups_omitted).toBe(200);
      expect(Object.values(s.totals.by_verdict).reduce((a, b) => a + b, 0)).toBe(200);
      expect(s.failures.total).toBe(big.sim.data.failureJobs.length);
      expect(s.incomplete).toEqual([]);
    } finally {
      await big.close();
    }
  });
});
