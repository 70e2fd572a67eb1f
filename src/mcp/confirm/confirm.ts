/**
 * The confirmation every delete goes through (CONTRACT "Deletes are confirmed against a
 * preview"): read what would go, show it, and send the DELETE only after an accepted
 * elicitation or with a valid confirm token, the scope re-read and unchanged. The tools say how
 * to read their scope and how to send their DELETE; this module decides whether to send it.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  buildPreview,
  deleteAnswer,
  deleteOutput,
  elicitationMessage,
  records,
  refusalSummary,
  scopeText,
  tokenSummary,
} from "../../format/delete-preview.js";
import { SdrsError } from "../../sdrs/errors.js";
import type { CallReads } from "../../sdrs/paging.js";
import type { FailureJob } from "../../sdrs/schemas.js";
import type { ToolContext } from "../deps.js";
import { describeError, textError } from "../errors.js";
import { askUser } from "./elicit.js";
import { type Redeemed, sameIds } from "./tokens.js";

/**
 * What both delete tools declare: destructive and open-world, registered only with
 * --allow-write, and marked so Claude Code asks the user on every call whatever its mode.
 */
export function deleteToolTraits({ idempotent }: { idempotent: boolean }) {
  return {
    outputSchema: deleteOutput,
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: idempotent,
      openWorldHint: true,
    },
    _meta: { "anthropic/requiresUserInteraction": true },
    write: true,
  };
}

/** Said once in each delete tool's description, so the model asks the user between calls. */
export const CONFIRMED_BY_USER =
  "Nothing is deleted on your word alone: if the client supports elicitation the user is asked directly, otherwise the first call deletes nothing and returns a preview with confirm_token, so show that preview to the user and call again with the same arguments plus confirm_token only after they agree.";

export interface Scan {
  records: FailureJob[];
  /** Where the records are: a protection group, or null for protection-group level. */
  where: string | null;
  /** Where the read looked, for the answer when it found nothing. */
  searched: string;
}

export interface DeletePlan<S extends Scan = Scan> {
  tool: string;
  projectId: string;
  /** The scope arguments a confirm token is bound to, in a fixed order. */
  args: string;
  /** Reads what the call would delete; `where` is where an earlier read found it. */
  read(call: CallReads, where?: string | null): Promise<S>;
  /** The answer when nothing is there; `afterPreview` when it went after the user saw it. */
  nothing(scan: S, afterPreview: boolean): CallToolResult;
  /**
   * Sends the DELETE (once) for the records the user confirmed and says what happened. Runs
   * with the tool deadline paused: a DELETE cut by it could not say "may have been applied".
   */
  send(scan: S, signal: AbortSignal): Promise<CallToolResult>;
}

export async function confirmThenDelete<S extends Scan>(
  plan: DeletePlan<S>,
  confirmToken: string | undefined,
  ctx: ToolContext,
): Promise<CallToolResult> {
  // With elicitation the user is always asked: a token cannot stand in for them.
  if (confirmToken !== undefined && !ctx.elicit) {
    const redeemed = ctx.deps.confirmTokens.redeem(
      confirmToken,
      plan.tool,
      plan.projectId,
      plan.args,
    );
    if (!redeemed.ok)
      return refused(`${TOKEN_REFUSED[redeemed.reason]}: nothing was deleted`, plan);
    return deleteIfUnchanged(plan, redeemed.binding.ids, redeemed.binding.where, ctx);
  }
  const scan = await plan.read(reads(ctx));
  if (scan.records.length === 0) return plan.nothing(scan, false);
  const scope = { projectId: plan.projectId, serverGroupId: scan.where };
  const preview = buildPreview(scan.records);
  const base = { project_id: plan.projectId, server_group_id: scan.where, preview };
  if (ctx.elicit) {
    const answer = await askUser(ctx, ctx.elicit, elicitationMessage(scope, preview));
    if (answer.kind === "confirmed") {
      return deleteIfUnchanged(plan, jobIds(scan.records), scan.where, ctx);
    }
    if (answer.kind === "failed") {
      return refused(`Asking the user failed (${answer.reason}): nothing was deleted`, plan);
    }
    return deleteAnswer({
      ...base,
      summary: refusalSummary(answer.kind, scope, preview),
      outcome: answer.kind,
    });
  }
  const { token, expiresAt } = ctx.deps.confirmTokens.issue({
    tool: plan.tool,
    projectId: plan.projectId,
    args: plan.args,
    ids: jobIds(scan.records),
    where: scan.where,
  });
  const expires = new Date(expiresAt).toISOString();
  return deleteAnswer({
    ...base,
    summary: tokenSummary(plan.tool, scope, preview, token, expires),
    outcome: "preview",
    confirm_token: token,
    confirm_token_expires_at: expires,
  });
}

/** The user confirmed a set of records: delete only if the scope still holds exactly that set. */
async function deleteIfUnchanged<S extends Scan>(
  plan: DeletePlan<S>,
  confirmed: readonly string[],
  where: string | null,
  ctx: ToolContext,
): Promise<CallToolResult> {
  const scan = await plan.read(reads(ctx), where);
  if (scan.records.length === 0) return plan.nothing(scan, true);
  const now = jobIds(scan.records);
  if (!sameIds(now, confirmed)) {
    const added = now.filter((id) => !confirmed.includes(id)).length;
    const gone = confirmed.filter((id) => !now.includes(id)).length;
    const scope = scopeText({ projectId: plan.projectId, serverGroupId: where });
    return refused(
      `The failed-task records ${scope} changed since the user saw them (${records(confirmed.length)} confirmed; now ${added} more and ${gone} gone): nothing was deleted`,
      plan,
    );
  }
  return ctx.pauseDeadline(() => plan.send(scan, ctx.signal));
}

const TOKEN_REFUSED: Record<Exclude<Redeemed, { ok: true }>["reason"], string> = {
  unknown:
    "confirm_token is not one this server issued (or it expired long ago, or the server restarted)",
  expired: "confirm_token has expired (a token is valid for 5 minutes)",
  used: "confirm_token was already used (a token works once)",
  "other-arguments":
    "confirm_token was issued for other arguments (another project, scope or record)",
};

/** Nothing was deleted; the way on is a fresh preview the user sees (and a fresh token). */
function refused(what: string, plan: { tool: string }): CallToolResult {
  const text = `${what}. Call ${plan.tool} again without confirm_token to preview what it would delete now, and ask the user again.`;
  return textError(text);
}

/**
 * A DELETE that failed. A 4xx was refused; no answer, a broken connection or a 5xx may hide a
 * delete that happened, so the answer says so (and the DELETE is never sent again).
 */
export function deleteFailed(error: unknown, request: string): CallToolResult {
  const uncertain =
    error instanceof SdrsError && (error.kind !== "http" || (error.status ?? 0) >= 500);
  // The generic advice ("try again") is wrong here: the next step is to look, not to resend.
  const text = uncertain
    ? `${(error as SdrsError).message}. ${request} was sent once and may have been applied: list again to see (list_failed_sdrs_tasks); it is not resent.`
    : `${describeError(error)} Nothing was deleted.`;
  return textError(text);
}

export function jobIds(jobs: readonly FailureJob[]): string[] {
  return jobs.map((j) => j.job_id);
}

/** The reads of a delete call: its signal and its page budget. */
function reads(ctx: ToolContext): CallReads {
  return { signal: ctx.signal, pages: ctx.pages };
}
