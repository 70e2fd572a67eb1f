/**
 * More evidence of trouble never gives a more positive verdict or headline: for random projects
 * (group statuses and health, members, drills, failed tasks, quotas, failed reads) and any one
 * piece of trouble added to one group's evidence, no group's verdict, the scope's verdict nor
 * the headline ranks higher than before, for the whole project and for that group alone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Readiness } from "../../src/readiness/output.js";
import { VERDICTS, type Verdict } from "../../src/readiness/verdicts.js";
import { GROUP_STATUSES } from "../../src/sdrs/vocabulary.js";
import {
  answer,
  broken,
  drill,
  failure,
  group,
  instance,
  ok,
  type Parts,
  pair,
  quota,
  uuid,
} from "../helpers/readiness.js";

const rank = (v: Verdict) => VERDICTS.indexOf(v);

/**
 * The headline's rank on the verdict scale. "Ready with caveats" ranks just below "Ready": it
 * says more than "No problem found, but the health is unknown", however the verdicts order.
 */
function headlineRank(summary: string): number {
  const starts: [string, number][] = [
    ["Not ready right now", rank("in_progress")],
    ["Not ready", rank("not_ready")],
    ["Needs attention", rank("needs_attention")],
    ["Ready with caveats", rank("ready") - 0.5],
    ["Readiness unknown", rank("unknown")],
    ["No problem found", rank("no_problem_found")],
    ["Ready:", rank("ready")],
  ];
  const found = starts.find(([prefix]) => summary.startsWith(prefix));
  if (!found) throw new Error(`headline of no known kind: ${summary}`);
  return found[1];
}

const GROUPS = 3;
const ids = Array.from({ length: GROUPS }, (_, i) => uuid(i + 1));
const groupIndex = fc.nat({ max: GROUPS - 1 });
const pairStatus = fc.constantFrom("protected", "fault", "invalid", "error-extending", "odd");
const replicationStatus = fc.constantFrom("active", "inactive", "active-stopped", "copying", null);
const faultLevel = fc.constantFrom("0", "2", "5", null);
/** The base project's pairs: mostly fine. */
const quietPair = fc.record({
  g: fc.nat({ max: 2 }),
  status: fc.oneof(
    { weight: 6, arbitrary: fc.constant("protected") },
    { weight: 1, arbitrary: pairStatus },
  ),
  replication: fc.oneof(
    { weight: 6, arbitrary: fc.constant("active") },
    { weight: 1, arbitrary: replicationStatus },
  ),
  fault: fc.oneof({ weight: 6, arbitrary: fc.constant("0") }, { weight: 1, arbitrary: faultLevel }),
});

interface Project {
  groups: { status: string; health: string | null }[];
  pairs: { g: number; status: string; replication: string | null; fault: string | null }[];
  listed: number[];
  overdue: number[];
  failedReads: readonly ("drills" | "abnormalInstances" | "quotas")[];
  quotaUsedUp: boolean;
}

const project: fc.Arbitrary<Project> = fc.record({
  groups: fc.array(
    fc.record({
      // Mostly protected, so that scopes of every verdict come up, not only not_ready.
      status: fc.oneof(
        { weight: 8, arbitrary: fc.constant("protected") },
        { weight: 1, arbitrary: fc.constantFrom(...GROUP_STATUSES) },
      ),
      health: fc.constantFrom("normal", "normal", null, "abnormal"),
    }),
    { minLength: GROUPS, maxLength: GROUPS },
  ),
  pairs: fc.array(quietPair, { maxLength: 4 }),
  listed: fc.array(groupIndex, { maxLength: 1 }),
  overdue: fc.array(groupIndex, { maxLength: 1 }),
  failedReads: fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.subarray(["drills", "abnormalInstances", "quotas"] as const) },
  ),
  quotaUsedUp: fc.boolean(),
});

/** One piece of trouble for group `g`. */
type Trouble =
  | { kind: "abnormal pair"; status: string; fault: string | null }
  | { kind: "pair"; status: string; replication: string | null; fault: string | null }
  | { kind: "abnormal instance" | "listed abnormal" | "no recent drill" | "failed drill" }
  | { kind: "failure" | "used-up quota" | "health abnormal" }
  | { kind: "status"; status: string };

const trouble: fc.Arbitrary<Trouble> = fc.oneof(
  fc.record({ kind: fc.constant("abnormal pair" as const), status: pairStatus, fault: faultLevel }),
  fc.record({
    kind: fc.constant("pair" as const),
    status: pairStatus,
    replication: replicationStatus,
    fault: faultLevel,
  }),
  fc.record({
    kind: fc.constantFrom(
      "abnormal instance" as const,
      "listed abnormal" as const,
      "no recent drill" as const,
      "failed drill" as const,
      "failure" as const,
      "used-up quota" as const,
      "health abnormal" as const,
    ),
  }),
  fc.record({
    kind: fc.constant("status" as const),
    status: fc.constantFrom(...GROUP_STATUSES.filter((s) => s !== "protected")),
  }),
);

function partsOf(p: Project, g: number | null, t: Trouble | null): Parts {
  const groups = p.groups.map((x, i) => {
    // A protected group leaving protected is trouble; one status for another is not.
    const status =
      t?.kind === "status" && i === g && x.status === "protected" ? t.status : x.status;
    const health = t?.kind === "health abnormal" && i === g ? "abnormal" : x.health;
    return group(i + 1, { status, health_status: health });
  });
  const id = (i: number) => ids[i] as string;
  const pairs = p.pairs.map((x, n) =>
    pair(n, id(x.g), { status: x.status, replication_status: x.replication, fault_level: x.fault }),
  );
  const added = (kind: Trouble["kind"]) => t !== null && g !== null && t.kind === kind;
  const extraPair =
    t && g !== null && (t.kind === "pair" || t.kind === "abnormal pair")
      ? [
          pair(99, id(g), {
            status: t.status,
            fault_level: t.fault,
            replication_status: t.kind === "pair" ? t.replication : "inactive",
          }),
        ]
      : [];
  const parts: Parts = {
    groups: ok(groups),
    replications: ok([...pairs, ...(t?.kind === "pair" ? extraPair : [])]),
    abnormalReplications: ok([
      ...pairs.filter((x) => x.status !== "protected"),
      ...(t?.kind === "abnormal pair" ? extraPair : []),
    ]),
    abnormalInstances: ok(
      added("abnormal instance") && g !== null ? [instance(1, id(g), { status: "invalid" })] : [],
    ),
    abnormalGroups: ok([
      ...p.listed.map((i) => groups[i] ?? group(1)),
      ...(added("listed abnormal") && g !== null ? [groups[g] ?? group(1)] : []),
    ]),
    noRecentDrill: ok([
      ...p.overdue.map((i) => groups[i] ?? group(1)),
      ...(added("no recent drill") && g !== null ? [groups[g] ?? group(1)] : []),
    ]),
    drills: ok(
      added("failed drill") && g !== null ? [drill(id(g), "2026-11-30 10:00:00.000", "error")] : [],
    ),
    quotas: ok(p.quotaUsedUp || added("used-up quota") ? [quota("server_groups", 10, 10)] : []),
    failures: {
      perGroup: p.groups.map((_, i) => (added("failure") && i === g ? [failure()] : [])),
    },
  };
  const failed = Object.fromEntries(p.failedReads.map((read) => [read, broken("HTTP 500")]));
  return { ...parts, ...failed };
}

function ranks(s: Readiness) {
  return {
    scope: rank(s.verdict),
    headline: headlineRank(s.summary),
    groups: new Map(s.groups.map((x) => [x.server_group_id, rank(x.verdict)])),
  };
}

describe("readiness is monotonic in the evidence", () => {
  it("never ranks a verdict or headline higher after trouble is added", () => {
    fc.assert(
      fc.property(project, groupIndex, trouble, fc.boolean(), (p, g, t, alone) => {
        const scope = alone ? (ids[g] as string) : null;
        const before = ranks(answer(partsOf(p, null, null), scope).s);
        const after = ranks(answer(partsOf(p, g, t), scope).s);
        expect(after.scope).toBeLessThanOrEqual(before.scope);
        expect(after.headline).toBeLessThanOrEqual(before.headline);
        for (const [id, was] of before.groups)
          expect(after.groups.get(id) ?? -1).toBeLessThanOrEqual(was);
      }),
      { numRuns: 1000 },
    );
  });

  it('never says "Ready" for a group whose health SDRS does not report as normal', () => {
    fc.assert(
      fc.property(project, (p) => {
        const { s } = answer(partsOf(p, null, null));
        for (const row of s.groups)
          if (row.health_status !== "normal") expect(row.verdict).not.toBe("ready");
        if (s.summary.startsWith("Ready"))
          expect(s.groups.every((row) => row.health_status === "normal")).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
