/**
 * What a delete would remove, and what it did, said the same way to the user (the elicitation
 * message), to the model (the preview with its confirm token) and in the result afterwards.
 * Pure: failure jobs in, text and JSON out. Upstream names are cleaned, cut and quoted, so a
 * record's name cannot pose as part of the question.
 */
import { z } from "zod";
import type { FailureJob } from "../sdrs/schemas.js";
import { countBy } from "./breakdown.js";
import type { ToolAnswer } from "./budget.js";
import { clip, project } from "./fields.js";
import { countsOutput } from "./outputs.js";
import { DATA_NOTE, describeCounts, quoted, token } from "./render.js";

/** Rows a preview shows by name; the counts cover all of them. */
const FIRST_SHOWN = 5;
/** Every failure status fits (there are 11); more distinct ones fold into "(other)". */
const MAX_STATUSES = 12;

export interface DeleteScope {
  projectId: string;
  /** null: protection-group level (the failures listed without server_group_id). */
  serverGroupId: string | null;
}

const previewOutput = z.object({
  count: z.number().int(),
  by_failure_status: countsOutput,
  first: z.array(
    z.object({
      job_id: z.string(),
      resource_id: z.string(),
      resource_name: z.string(),
      failure_status: z.string(),
      begin_time: z.string(),
    }),
  ),
  not_shown: z.number().int(),
});
export type Preview = z.infer<typeof previewOutput>;

/** What the user decided (or did not) when asked through elicitation. */
const REFUSALS = ["declined", "cancelled", "not_confirmed", "no_answer"] as const;
export type Refusal = (typeof REFUSALS)[number];

export const deleteOutput = z.object({
  summary: z.string(),
  outcome: z.enum(["preview", "deleted", "already_gone", "nothing_to_delete", ...REFUSALS]),
  project_id: z.string(),
  /** Where the records are: a protection group, or null for protection-group level. */
  server_group_id: z.string().nullable(),
  preview: previewOutput.optional(),
  confirm_token: z.string().optional(),
  confirm_token_expires_at: z.string().optional(),
  deleted: z.object({ count: z.number().int(), by_failure_status: countsOutput }).optional(),
  /** The single delete's DELETE requests in order: which ID went out and what SDRS answered. */
  sent: z
    .array(
      z.object({
        id: z.string(),
        id_kind: z.enum(["resource_id", "job_id"]),
        answer: z.enum(["deleted", "does not exist"]),
      }),
    )
    .optional(),
  /** The batch deletes: records a re-read found in the scope afterwards (null: re-read failed). */
  left: z.number().int().nullable().optional(),
});
export type DeleteOutput = z.infer<typeof deleteOutput>;

export function buildPreview(jobs: readonly FailureJob[]): Preview {
  const newestFirst = [...jobs].sort((a, b) => b.begin_time.localeCompare(a.begin_time));
  return {
    count: jobs.length,
    by_failure_status: countBy(jobs, (j) => j.failure_status, MAX_STATUSES),
    first: newestFirst.slice(0, FIRST_SHOWN).map((j) => ({
      ...project(j, ["job_id", "resource_id"]),
      resource_name: clip("summary_name", j.resource_name),
      ...project(j, ["failure_status", "begin_time"]),
    })),
    not_shown: Math.max(0, jobs.length - FIRST_SHOWN),
  };
}

export function scopeText(scope: DeleteScope): string {
  const where = scope.serverGroupId
    ? `inside protection group ${scope.serverGroupId}`
    : "at protection-group level";
  return `${where} in project ${scope.projectId}`;
}

export function records(n: number): string {
  return n === 1 ? "1 failed-task record" : `${n} failed-task records`;
}

/** "14 failed-task records at protection-group level in project …: 3 createFail, 2 stopFail" */
export function previewSentence(scope: DeleteScope, preview: Preview): string {
  return `${records(preview.count)} ${scopeText(scope)}: ${describeCounts(preview.by_failure_status, MAX_STATUSES)}`;
}

/** One line per record shown, newest first, and how many more there are. */
function previewLines(preview: Preview): string[] {
  const lines = preview.first.map((row) => `- ${describeRow(row)}`);
  if (preview.not_shown > 0) lines.push(`- … and ${preview.not_shown} more`);
  return lines;
}

/** `createFail of "prod-db", begun 2026-11-29T10:00:00.000Z`: the name quoted, as data. */
export function describeRow(row: Preview["first"][number]): string {
  return `${token(row.failure_status, "(no status)")} of ${quoted(row.resource_name)}, begun ${token(row.begin_time, "(no time)")}`;
}

function untouched(count: number): string {
  return count === 1
    ? "The resource itself is not touched."
    : "The resources themselves are not touched.";
}

/** The question the user sees in the host's confirmation form. */
export function elicitationMessage(scope: DeleteScope, preview: Preview): string {
  return [
    `Delete ${previewSentence(scope, preview)}? ${untouched(preview.count)}`,
    ...previewLines(preview),
  ].join("\n");
}

const REFUSAL_TEXT: Record<Refusal, string> = {
  declined: "The user declined the deletion",
  cancelled: "The user cancelled the confirmation",
  not_confirmed: "The user answered without confirming",
  no_answer: "The user did not answer the confirmation within 45 seconds",
};

export function refusalSummary(refusal: Refusal, scope: DeleteScope, preview: Preview): string {
  const again =
    refusal === "no_answer" ? " Ask the user whether to delete them, then call again." : "";
  return `${REFUSAL_TEXT[refusal]}: nothing was deleted (${previewSentence(scope, preview)}).${again}`;
}

/** The preview a host without elicitation gets: nothing deleted, and how to confirm. */
export function tokenSummary(
  tool: string,
  scope: DeleteScope,
  preview: Preview,
  token: string,
  expiresAt: string,
): string {
  return `Nothing was deleted yet. Calling ${tool} again with the same arguments plus confirm_token "${token}" would delete ${previewSentence(scope, preview)}. ${untouched(preview.count)} Show the user this preview and call again only if they agree; the token works once, until ${expiresAt}.`;
}

/** A structured answer with the summary, then the preview's lines (upstream names), as its text. */
export function deleteAnswer(output: DeleteOutput): ToolAnswer<DeleteOutput> {
  const lines = [
    output.summary,
    ...(output.preview ? [DATA_NOTE, ...previewLines(output.preview)] : []),
  ];
  return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: output };
}
