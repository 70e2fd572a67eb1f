/**
 * Readiness readings in the documented shapes (test/official), parsed by the client's own
 * schemas, and the answer buildReadinessAnswer makes of them: for the unit and property tests
 * of assess_sdrs_readiness's judging, without a server.
 */
import { buildReadinessAnswer } from "../../src/readiness/answer.js";
import type { ReadinessReadings } from "../../src/readiness/collect.js";
import { type Readiness, readinessOutput } from "../../src/readiness/output.js";
import type { FailureCollection, Outcome } from "../../src/sdrs/failure-collection.js";
import {
  drillSchema,
  protectedInstanceSchema,
  quotaResourceSchema,
  replicationSchema,
} from "../../src/sdrs/member-schemas.js";
import { type FailureJob, failureJobSchema, serverGroupSchema } from "../../src/sdrs/schemas.js";
import { fullItem, type Overrides } from "../official/models.js";

export const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
export const NOW = Date.parse("2026-12-01T12:00:00Z");
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const group = (n: number, o: Overrides = {}) =>
  serverGroupSchema.parse(
    fullItem("ShowProtectionGroupParams", {
      id: uuid(n),
      name: `group-${n}`,
      status: "protected",
      health_status: null,
      replication_status: null,
      protected_status: null,
      ...o,
    }),
  );
export const pair = (n: number, groupId: string, o: Overrides = {}) =>
  replicationSchema.parse(
    fullItem("ShowReplicationParams", {
      id: uuid(1000 + n),
      name: `pair-${n}`,
      server_group_id: groupId,
      ...o,
    }),
  );
export const instance = (n: number, groupId: string, o: Overrides = {}) =>
  protectedInstanceSchema.parse(
    fullItem("ShowProtectedInstanceParams", {
      id: uuid(2000 + n),
      name: `server-${n}`,
      server_group_id: groupId,
      ...o,
    }),
  );
export const drill = (groupId: string, createdAt: string, status = "available") =>
  drillSchema.parse(
    fullItem("ShowDisasterRecoveryDrillParams", {
      server_group_id: groupId,
      created_at: createdAt,
      status,
    }),
  );
export const quota = (type: string, used: number, limit: number) =>
  quotaResourceSchema.parse({ type, used, quota: limit, min: 0, max: -1 });
export const failure = (o: Overrides = {}): FailureJob =>
  failureJobSchema.parse(fullItem("FailureJobParams", { failure_status: "createFail", ...o }));

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const broken = (message: string): Outcome<never> => ({
  ok: false,
  error: new Error(message),
});

export type Parts = Partial<Omit<ReadinessReadings, "failures">> & {
  failures?: Partial<FailureCollection>;
};

/** The readings of `parts`, every listing not given read and empty. */
export function readings(parts: Parts): ReadinessReadings {
  const groups = parts.groups ?? ok([]);
  const count = groups.ok ? groups.value.length : 0;
  return {
    groups,
    abnormalGroups: ok([]),
    noRecentDrill: ok([]),
    abnormalInstances: ok([]),
    abnormalReplications: ok([]),
    replications: ok([]),
    drills: ok([]),
    quotas: ok([]),
    ...parts,
    failures: {
      groupLevel: [],
      perGroup: Array.from({ length: count }, () => []),
      unreadable: [],
      ...parts.failures,
    },
  };
}

export function answer(parts: Parts, serverGroupId: string | null = null) {
  const result = buildReadinessAnswer({
    projectId: PID,
    serverGroupId,
    readings: readings(parts),
    describe: (e) => `described: ${(e as Error).message}`,
    now: NOW,
  });
  const s = readinessOutput.parse(result.structuredContent) as Readiness;
  return { s, text: result.content.map((c) => ("text" in c ? c.text : "")).join("\n"), result };
}
