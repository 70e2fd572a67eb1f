/**
 * What a delete would remove, and what it did, said the same way to the user (the elicitation
 * message), to the model (the preview with its confirm token) and in the result afterwards.
 * Pure: failure jobs in, text and JSON out. Upstream names are cleaned, cut and quoted, so a
 * record's or a group's name cannot pose as part of the question.
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
/** Groups a scope sentence names; a set spread wider says how many more. */
export const GROUPS_NAMED = 5;

/** A record a delete found, and where it is listed (a protection group, or null: group level). */
export interface FoundRecord {
  job: FailureJob;
  where: string | null;
}

export interface DeleteScope {
  projectId: string;
  /** Where the records are: protection-group level (null) and/or protection groups (IDs). */
  where: readonly (string | null)[];
  /** Group names known for the previews (ID -> name). */
  names?: ReadonlyMap<string, string>;
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
      server_group_id: z.string().nullable(),
    }),
  ),
  not_shown: z.number().int(),
});
export type Preview = z.infer<typeof previewOutput>;
type PreviewRow = Preview["first"][number];

/** What the user decided (or did not) when asked through elicitation. */
const REFUSALS = ["declined", "cancelled", "not_confirmed", "no_answer"] as const;
export type Refusal = (typeof REFUSALS)[number];

const sentOutput = z.object({
  id: z.string(),
  id_kind: z.enum(["resource_id", "job_id"]),
  answer: z.enum(["deleted", "does not exist"]),
});
export type Sent = z.infer<typeof sentOutput>;

/** What became of one record of delete_failed_sdrs_task's set. */
const RECORD_RESULTS = ["deleted", "already_gone", "failed", "not_sent"] as const;

const recordOutput = z.object({
  job_id: z.string(),
  resource_id: z.string(),
  resource_name: z.string(),
  failure_status: z.string(),
  server_group_id: z.string().nullable(),
  result: z.enum(RECORD_RESULTS),
  /** For "failed": what SDRS (or the network) answered; for "not_sent": why. */
  error: z.string().optional(),
});
export type RecordOutput = z.infer<typeof recordOutput>;

export const deleteOutput = z.object({
  summary: z.string(),
  outcome: z.enum([
    "preview",
    "deleted",
    "partly_deleted",
    "already_gone",
    "nothing_to_delete",
    "batch_refused",
    ...REFUSALS,
  ]),
  project_id: z.string(),
  /** Where the records are: a protection group, or null for protection-group level (or several). */
  server_group_id: z.string().nullable(),
  preview: previewOutput.optional(),
  confirm_token: z.string().optional(),
  confirm_token_expires_at: z.string().optional(),
  deleted: z.object({ count: z.number().int(), by_failure_status: countsOutput }).optional(),
  /** delete_failed_sdrs_task's DELETE requests in order: which ID went out and what SDRS answered. */
  sent: z.array(sentOutput).optional(),
  /** delete_failed_sdrs_task: what became of each record of the set. */
  records: z.array(recordOutput).optional(),
  /** failure_job_ids asked for that no listing holds (already gone, or not of this project). */
  not_found: z.array(z.string()).optional(),
  /** When the batch DELETE was refused: the records' IDs for delete_failed_sdrs_task. */
  failure_job_ids: z.array(z.string()).optional(),
  /** The batch deletes: records a re-read found in the scope afterwards (null: re-read failed). */
  left: z.number().int().nullable().optional(),
});
export type DeleteOutput = z.infer<typeof deleteOutput>;

export function buildPreview(found: readonly FoundRecord[]): Preview {
  const newestFirst = [...found].sort((a, b) => b.job.begin_time.localeCompare(a.job.begin_time));
  return {
    count: found.length,
    by_failure_status: countBy(found, (f) => f.job.failure_status, MAX_STATUSES),
    first: newestFirst.slice(0, FIRST_SHOWN).map(({ job, where }) => ({
      ...project(job, ["job_id", "resource_id"]),
      resource_name: clip("summary_name", job.resource_name),
      ...project(job, ["failure_status", "begin_time"]),
      server_group_id: where === null ? null : clip("server_group_id", where),
    })),
    not_shown: Math.max(0, found.length - FIRST_SHOWN),
  };
}

/** The distinct places of a set of records, group level first, in the order found. */
export function placesOf(found: readonly FoundRecord[]): (string | null)[] {
  const places = [...new Set(found.map((f) => f.where))];
  return places.sort((a, b) => (a === null ? -1 : b === null ? 1 : 0));
}

/** The one group a set is in, or null (group level, or spread over several places). */
export function soleGroup(where: readonly (string | null)[]): string | null {
  return where.length === 1 ? (where[0] ?? null) : null;
}

/** `"prod-db" (d78a10eb-…)`, or the bare ID when the name is not known. */
function groupText(id: string, names?: ReadonlyMap<string, string>): string {
  const name = names?.get(id);
  const shownId = token(clip("server_group_id", id));
  return name ? `${quoted(clip("summary_name", name))} (${shownId})` : shownId;
}

/**
 * "at protection-group level in project …", "inside protection group "prod-db" (…) in project
 * …", or both joined, for a set spread over several places.
 */
export function scopeText(scope: DeleteScope): string {
  const groups = scope.where.filter((w): w is string => w !== null);
  const parts: string[] = [];
  if (scope.where.includes(null) || scope.where.length === 0)
    parts.push("at protection-group level");
  if (groups.length > 0) {
    const named = groups.slice(0, GROUPS_NAMED).map((id) => groupText(id, scope.names));
    const more = groups.length - named.length;
    parts.push(
      `inside protection group${groups.length > 1 ? "s" : ""} ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
    );
  }
  return `${parts.join(" and ")} in project ${scope.projectId}`;
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
export function describeRow(
  row: Pick<PreviewRow, "failure_status" | "resource_name"> & {
    begin_time?: string;
  },
): string {
  const begun = row.begin_time === undefined ? "" : `, begun ${token(row.begin_time, "(no time)")}`;
  return `${token(row.failure_status, "(no status)")} of ${quoted(row.resource_name)}${begun}`;
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
  return `Nothing was deleted yet. Calling ${tool} again with the same arguments plus confirm_token "${token}" would delete ${previewSentence(scope, preview)}. ${untouched(preview.count)} Show the user this preview and call again only if they agree; the token works once, until ${expiresAt}, and only for these arguments.`;
}

/** One line per record of a set's result: what became of it. */
function recordLines(rows: readonly RecordOutput[]): string[] {
  return rows.map((r) => {
    const what = describeRow(r);
    const error = r.error ? `: ${quoted(r.error)}` : "";
    return `- ${r.result.replace("_", " ")}: ${what} (${token(r.job_id || r.resource_id, "no ID")})${error}`;
  });
}

/** A structured answer with the summary, then the preview's lines (upstream names), as its text. */
export function deleteAnswer(output: DeleteOutput): ToolAnswer<DeleteOutput> {
  const rows = output.records ? recordLines(output.records) : [];
  const previewRows = output.preview && rows.length === 0 ? previewLines(output.preview) : [];
  const lines = [
    output.summary,
    ...(rows.length || previewRows.length ? [DATA_NOTE, ...rows, ...previewRows] : []),
  ];
  return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: output };
}
