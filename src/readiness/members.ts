/**
 * The protected instances and replication pairs a readiness answer lists, as rows with their
 * group, status, documented meaning and step: the ones SDRS selects as abnormal (query_type=
 * status_abnormal, whose rule is not documented) whose own status or fault_level is abnormal
 * too, so an upstream that ignores the filter cannot list every healthy member as broken; and,
 * from the listing of every pair, pairs abnormal by their own status and protected pairs whose
 * replication_status says their data is not synchronized.
 */
import { z } from "zod";
import { clip, clipOrNull } from "../format/fields.js";
import type { ProtectedInstance, Replication } from "../sdrs/member-schemas.js";
import { PROTECTED_INSTANCE_STATUSES, REPLICATION_PAIR_STATUSES } from "../sdrs/vocabulary.js";
import { isFailedStatus, memberMeaning, memberStep, syncProblem, syncStep } from "./steps.js";
import type { PairEvidence } from "./verdicts.js";

const progress = z
  .number()
  .int()
  .nullable()
  .describe("synchronization progress, % (as SDRS reports it); null: not reported");

export const instanceRow = z.object({
  id: z.string(),
  name: z.string(),
  server_group_id: z.string(),
  group_name: z.string(),
  status: z.string(),
  progress,
  meaning: z.string(),
  next_step: z.string(),
});
export type InstanceRow = z.infer<typeof instanceRow>;

export const pairRow = instanceRow.extend({
  fault_level: z.string().nullable(),
  replication_status: z.string(),
  failure_detail: z.string().nullable(),
});
export type PairRow = z.infer<typeof pairRow>;

const DOCUMENTED: Record<"instance" | "pair", ReadonlySet<string>> = {
  instance: new Set(PROTECTED_INSTANCE_STATUSES),
  pair: new Set(REPLICATION_PAIR_STATUSES),
};

export function isAbnormalMember(
  status: string,
  kind: "instance" | "pair",
  faultLevel: string | null = null,
): boolean {
  if (faultLevel === "2" || faultLevel === "5") return true;
  if (isFailedStatus(status) || status === "fault" || status === "invalid") return true;
  return !DOCUMENTED[kind].has(status);
}

/** What a judgement needs of a pair (verdicts.ts). */
export function pairEvidence(p: Replication): PairEvidence {
  return {
    id: p.id,
    status: p.status,
    faultLevel: p.fault_level,
    replicationStatus: p.replication_status,
    progress: p.progress ?? null,
  };
}

/** Severity of a pair row, on the scale of verdicts.ts issues. */
export function pairSeverity(p: PairRow): number {
  if (p.fault_level === "5") return 90;
  if (p.fault_level === "2") return 80;
  // A protected pair is listed only when its data is not synchronized (pairsToList).
  if (p.status === "protected") return p.replication_status === "copying" ? 15 : 55;
  return 65;
}
export const INSTANCE_SEVERITY = 60;

type GroupName = (serverGroupId: string) => string;

type Member = {
  id: string;
  name: string;
  server_group_id: string;
  status: string;
  progress?: number | null | undefined;
};

function memberRow(
  m: Member,
  kind: "instance" | "pair",
  groupName: GroupName,
  faultLevel: string | null = null,
): InstanceRow {
  const groupId = clip("server_group_id", m.server_group_id);
  const status = clip("status", m.status);
  return {
    id: clip("id", m.id),
    name: clip("name", m.name),
    server_group_id: groupId,
    group_name: groupName(m.server_group_id),
    status,
    progress: m.progress ?? null,
    meaning: memberMeaning(status, kind),
    next_step: memberStep(m.status, kind, groupId, faultLevel).text,
  };
}

export function toInstanceRow(i: ProtectedInstance, groupName: GroupName): InstanceRow {
  return memberRow(i, "instance", groupName);
}

export function toPairRow(p: Replication, groupName: GroupName): PairRow {
  const row = memberRow(p, "pair", groupName, p.fault_level);
  const sync = p.status === "protected" ? syncProblem(p.replication_status) : null;
  const step = sync ? syncStep(p.replication_status) : null;
  return {
    ...row,
    ...(sync && step && { meaning: `protected, but ${sync}`, next_step: step.text }),
    fault_level: clipOrNull("fault_level", p.fault_level),
    replication_status: p.replication_status
      ? clip("replication_status", p.replication_status)
      : "unknown",
    failure_detail: p.failure_detail ? clip("error_code", p.failure_detail) : null,
  };
}

/** The members of `scope` (every group when null) that `keep` selects. */
export function inScopeRows<T extends { server_group_id: string }>(
  items: readonly T[],
  scope: string | null,
  keep: (item: T) => boolean,
): T[] {
  const inScope = (id: string) => scope === null || id.toLowerCase() === scope.toLowerCase();
  return items.filter((item) => inScope(item.server_group_id) && keep(item));
}

/** A pair abnormal by its own status or fault_level. */
export function isAbnormalPairRow(p: Replication): boolean {
  return isAbnormalMember(p.status, "pair", p.fault_level);
}

/**
 * The pairs to list: `listed`, SDRS's abnormal ones of the scope (already kept by their own
 * status), then the others of the scope that are abnormal or unsynchronized.
 */
export function pairsToList(
  listed: readonly Replication[],
  all: readonly Replication[],
  scope: string | null,
): Replication[] {
  const unsynchronized = (p: Replication) =>
    p.status === "protected" && syncProblem(p.replication_status) !== null;
  const rows = [...listed];
  const seen = new Set(rows.map((p) => p.id.toLowerCase()));
  for (const p of inScopeRows(all, scope, (p) => isAbnormalPairRow(p) || unsynchronized(p)))
    if (!seen.has(p.id.toLowerCase())) {
      seen.add(p.id.toLowerCase());
      rows.push(p);
    }
  return rows;
}
