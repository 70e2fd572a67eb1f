/**
 * The abnormal protected instances and replication pairs of a readiness answer, as rows with
 * their group, status, documented meaning and step. SDRS selects them (query_type=
 * status_abnormal, whose rule is not documented); a row is kept only if its own status or
 * fault_level is abnormal too, so an upstream that ignores the filter cannot list every healthy
 * member as broken.
 */
import { z } from "zod";
import { clip, clipOrNull } from "../format/fields.js";
import type { ProtectedInstance, Replication } from "../sdrs/member-schemas.js";
import { PROTECTED_INSTANCE_STATUSES, REPLICATION_PAIR_STATUSES } from "../sdrs/vocabulary.js";
import { isFailedStatus, memberMeaning, memberStep } from "./steps.js";

export const instanceRow = z.object({
  id: z.string(),
  name: z.string(),
  server_group_id: z.string(),
  group_name: z.string(),
  status: z.string(),
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

/** Severity of a pair row, on the scale of verdicts.ts issues. */
export function pairSeverity(p: PairRow): number {
  return p.fault_level === "5" ? 90 : p.fault_level === "2" ? 80 : 65;
}
export const INSTANCE_SEVERITY = 60;

type GroupName = (serverGroupId: string) => string;

type Member = { id: string; name: string; server_group_id: string; status: string };

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
    meaning: memberMeaning(status, kind),
    next_step: memberStep(m.status, kind, groupId, faultLevel),
  };
}

export function toInstanceRow(i: ProtectedInstance, groupName: GroupName): InstanceRow {
  return memberRow(i, "instance", groupName);
}

export function toPairRow(p: Replication, groupName: GroupName): PairRow {
  return {
    ...memberRow(p, "pair", groupName, p.fault_level),
    fault_level: clipOrNull("fault_level", p.fault_level),
    replication_status: p.replication_status
      ? clip("replication_status", p.replication_status)
      : "unknown",
    failure_detail: p.failure_detail ? clip("error_code", p.failure_detail) : null,
  };
}

/** The members of `scope` (every group when null) that are abnormal, worst first. */
export function abnormalRows<T extends { server_group_id: string; status: string }>(
  items: readonly T[],
  scope: string | null,
  keep: (item: T) => boolean,
): T[] {
  const inScope = (id: string) => scope === null || id.toLowerCase() === scope.toLowerCase();
  return items.filter((item) => inScope(item.server_group_id) && keep(item));
}
