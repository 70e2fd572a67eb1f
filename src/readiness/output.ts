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

const count = z.number().int();
/** A count whose listing could not be read is null: unknown, never 0. */
const knownCount = count.nullable().describe("null: could not be read (see incomplete)");

export const groupRow = z.object({
  server_group_id: z.string(),
  name: z.string(),
  verdict: z.enum(VERDICTS),
  status: z.string(),
  health_status: z.string().describe('"unknown" when SDRS leaves it null'),
  replication_status: z.string().describe('"unknown" when SDRS leaves it null'),
  progress: count.nullable().describe("synchronization progress, % (as SDRS reports it)"),
  issues: z.array(z.string()),
  next_step: z.string().nullable().describe("names its source in [brackets]"),
  last_drill_at: z.string().nullable().describe("newest drill performed that SDRS lists"),
  last_drill_days_ago: count
    .nullable()
    .describe("computed by sdrs-mcp from last_drill_at, not read from SDRS"),
  drill_overdue: z
    .boolean()
    .nullable()
    .describe("SDRS lists the group under query_type=period_no_dr_drill (3 months by default)"),
  drills_failed: knownCount.describe("DR drills in status error (creation failed)"),
  failures: knownCount,
  unknown: z.array(z.string()).describe("what could not be told: unknown, not fine"),
});
export type GroupRow = z.infer<typeof groupRow>;

export const readinessOutput = z.object({
  summary: z.string(),
  verdict: z.enum(VERDICTS),
  project_id: z.string(),
  server_group_id: z.string().nullable(),
  totals: z.object({
    groups: knownCount,
    by_verdict: countsOutput,
    not_protected: knownCount,
    health_unknown: knownCount,
    abnormal_protected_instances: knownCount,
    abnormal_replication_pairs: knownCount.describe(
      "abnormal by status or fault_level, or protected with replication_status not active",
    ),
    drills_overdue: knownCount,
    drills_failed: knownCount,
  }),
  failures: z.object({
    total: knownCount,
    group_level: knownCount,
    inside_groups: knownCount,
    groups_with_failures: knownCount,
    by_failure_status: countsOutput,
    by_error_code: countsOutput,
    unknown: z.string().nullable().describe("why a count is null"),
  }),
  quotas: z
    .array(quotaRow)
    .nullable()
    .describe("null: could not be read; quotas block creating more, they change no verdict"),
  sdrs_mcp_rules: z
    .record(z.string(), z.string())
    .describe("thresholds and computations of sdrs-mcp's own, not SDRS values"),
  groups: z.array(groupRow),
  groups_omitted: count,
  abnormal_replication_pairs: z.array(pairRow),
  replication_pairs_omitted: count,
  abnormal_protected_instances: z.array(instanceRow),
  protected_instances_omitted: count,
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
