/**
 * The shape of assess_sdrs_readiness's answer (its outputSchema) and of what it is built from:
 * the rows, the whole answer, and the input of the builder (answer.ts).
 */
import { z } from "zod";
import { meaningsOutput } from "../format/meanings.js";
import { countsOutput } from "../format/outputs.js";
import type { ReadinessReadings } from "./collect.js";
import { quotaRow } from "./facts.js";
import { instanceRow, pairRow } from "./members.js";
import { VERDICTS } from "./verdicts.js";

export const groupRow = z.object({
  server_group_id: z.string(),
  name: z.string(),
  verdict: z.enum(VERDICTS),
  status: z.string(),
  health_status: z.string().describe('"unknown" when SDRS leaves it null'),
  replication_status: z.string().describe('"unknown" when SDRS leaves it null'),
  issues: z.array(z.string()),
  next_step: z.string().nullable(),
  last_drill_at: z.string().nullable().describe("newest drill SDRS lists; null: none listed"),
  last_drill_days_ago: z.number().int().nullable(),
  drill_overdue: z.boolean().nullable().describe("listed by query_type=period_no_dr_drill"),
  failures: z.number().int().nullable(),
  unknown: z.array(z.string()).describe("what could not be told: unknown, not fine"),
});
export type GroupRow = z.infer<typeof groupRow>;

export const readinessOutput = z.object({
  summary: z.string(),
  verdict: z.enum(VERDICTS),
  project_id: z.string(),
  server_group_id: z.string().nullable(),
  totals: z.object({
    groups: z.number().int(),
    by_verdict: countsOutput,
    not_protected: z.number().int(),
    health_unknown: z.number().int(),
    abnormal_protected_instances: z.number().int(),
    abnormal_replication_pairs: z.number().int(),
    drills_overdue: z.number().int(),
  }),
  failures: z.object({
    total: z.number().int(),
    group_level: z.number().int(),
    inside_groups: z.number().int(),
    groups_with_failures: z.number().int(),
    by_failure_status: countsOutput,
    by_error_code: countsOutput,
  }),
  quotas: z.array(quotaRow),
  groups: z.array(groupRow),
  groups_omitted: z.number().int(),
  abnormal_replication_pairs: z.array(pairRow),
  replication_pairs_omitted: z.number().int(),
  abnormal_protected_instances: z.array(instanceRow),
  protected_instances_omitted: z.number().int(),
  ...meaningsOutput,
  incomplete: z.array(z.object({ what: z.string(), error: z.string() })),
  next_steps: z.array(z.string()),
});
export type Readiness = z.infer<typeof readinessOutput>;

export interface ReadinessInput {
  projectId: string;
  serverGroupId: string | null;
  readings: ReadinessReadings;
  /** Words an error of a read that failed (the MCP layer's describeError). */
  describe: (error: unknown) => string;
  now: number;
}
