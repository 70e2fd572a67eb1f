/** The shape of summarize_sdrs_failures's answer (its outputSchema) and of its rows. */
import { z } from "zod";
import { meaningsOutput } from "./meanings.js";
import { countsOutput } from "./outputs.js";

const groupRow = z.object({
  server_group_id: z.string(),
  name: z.string(),
  status: z.string(),
  health_status: z.string().nullable(),
  failures: z.number().int(),
  by_failure_status: countsOutput,
});
export type GroupRow = z.infer<typeof groupRow>;

const failureRow = z.object({
  server_group_id: z.string().nullable(),
  group_name: z.string().nullable(),
  job_id: z.string(),
  failure_status: z.string(),
  resource_type: z.string(),
  resource_name: z.string(),
  error_code: z.string(),
  fail_reason: z.string(),
  begin_time: z.string(),
});
export type FailureRow = z.infer<typeof failureRow>;

export const summaryOutput = z.object({
  summary: z.string(),
  project_id: z.string(),
  filters: z.record(z.string(), z.string()),
  totals: z.object({
    failures: z.number().int(),
    group_level: z.number().int(),
    inside_groups: z.number().int(),
    groups: z.number().int(),
    groups_with_failures: z.number().int(),
    groups_needing_attention: z.number().int(),
    groups_unreadable: z.number().int(),
  }),
  by_failure_status: countsOutput,
  by_resource_type: countsOutput,
  by_error_code: countsOutput,
  ...meaningsOutput,
  groups: z.array(groupRow),
  groups_omitted: z.number().int(),
  newest: z.array(failureRow),
  /** Newest failures asked for but left out for size. */
  newest_omitted: z.number().int(),
  newest_before_window: failureRow.nullable(),
  incomplete: z.array(
    z.object({ server_group_id: z.string(), name: z.string(), error: z.string() }),
  ),
  next_steps: z.array(z.string()),
});
export type Summary = z.infer<typeof summaryOutput>;
