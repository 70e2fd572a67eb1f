/**
 * The confirmation every delete goes through (CONTRACT "Deletes are confirmed against a
 * preview"): read what would go, show it, and send the DELETE only after an accepted
 * elicitation or with a valid confirm token, the set re-read and unchanged (identity.ts says
 * what unchanged means). The tools say how to read their set and how to send their DELETE; this
 * module decides whether to send it.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  buildPreview,
  type DeleteOutput,
  type DeleteScope,
  deleteAnswer,
  deleteOutput,
  elicitationMessage,
  type FoundRecord,
  GROUPS_NAMED,
  placesOf,
  records,
  refusalSummary,
  soleGroup,
  tokenSummary,
} from "../../format/delete-preview.js";
import { concurrencyLimited } from "../../sdrs/concurrency.js";
import { SdrsError } from "../../sdrs/errors.js";
import type { CallReads } from "../../sdrs/paging.js";
import type { ToolContext } from "../deps.js";
import { describeError, textError } from "../errors.js";
import { askUser } from "./elicit.js";
import { setDigest } from "./identity.js";
import type { ConfirmedSet, Refusal, TokenBinding } from "./tokens.js";

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
  /** The records the call would delete, each with where it is listed. */
  found: FoundRecord[];
  /** Where the read looked, for the answer when it found nothing or something else. */
  searched: string;
  /** Protection group names the read already learnt (ID -> name), for the preview. */
  names?: ReadonlyMap<string, string>;
}

export interface DeletePlan<S extends Scan = Scan> {
  tool: string;
  projectId: string;
  /** The scope arguments a confirm token is bound to, in a fixed order. */
  args: string;
  /**
   * Reads what the call would delete, from the call's arguments alone: the confirmation reads
   * again exactly what the preview read (a token does not say where to look).
   */
  read(call: CallReads): Promise<S>;
  /** The answer when nothing is there; `afterPreview` when it went after the user saw it. */
  nothing(scan: S, afterPreview: boolean): CallToolResult;
  /**
   * Why this set must not go as it is (the answer saying so), or undefined: checked on the
   * preview (then no one is asked) and again on the re-read before the DELETE.
   */
  blocked?(scan: S, scope: DeleteScope): CallToolResult | undefined;
  /** A sentence and fields the preview adds about this set (e.g. IDs no listing holds). */
  extras?(scan: S): { note: string; fields: Partial<DeleteOutput> } | undefined;
  /**
   * Sends the DELETE (once) for the records the user confirmed and says what happened. Runs
   * with the tool deadline paused: a DELETE cut by it could not say "may have been applied".
   */
  send(scan: S, scope: DeleteScope, signal: AbortSignal): Promise<CallToolResult>;
}

export async function confirmThenDelete<S extends Scan>(
  plan: DeletePlan<S>,
  confirmToken: string | undefined,
  ctx: ToolContext,
): Promise<CallToolResult> {
  const binding: TokenBinding = {
    subject: ctx.subject,
    tool: plan.tool,
    projectId: plan.projectId,
    args: plan.args,
  };
  // With elicitation the user is always asked: a token cannot stand in for them.
  if (confirmToken !== undefined && !ctx.elicit) {
    const checked = ctx.deps.confirmTokens.check(confirmToken, binding);
    if (!checked.ok) {
      if (checked.reason === "other-user") ctx.audit?.denied();
      return refused(`${TOKEN_REFUSED[checked.reason]}: nothing was deleted`, plan);
    }
    return deleteIfUnchanged(plan, checked.set, checked.spend, ctx);
  }
  const scan = await plan.read(reads(ctx));
  if (scan.found.length === 0) return plan.nothing(scan, false);
  const scope = await scopeOf(plan.projectId, scan, ctx);
  const blocked = plan.blocked?.(scan, scope);
  if (blocked) return blocked;
  const preview = buildPreview(scan.found);
  const extras = plan.extras?.(scan);
  const note = extras ? ` ${extras.note}` : "";
  const base = {
    project_id: plan.projectId,
    server_group_id: soleGroup(scope.where),
    preview,
    ...extras?.fields,
  };
  const set = confirmedSet(scan);
  if (ctx.elicit) {
    const message = `${elicitationMessage(scope, preview)}${
      extras
        ? `
${extras.note}`
        : ""
    }`;
    const answer = await askUser(ctx, ctx.elicit, message);
    // The user's yes is for the set shown: the same identities, statuses and names, or nothing.
    // The places were read for the question; an unchanged set is in the same places.
    if (answer.kind === "confirmed") return deleteIfUnchanged(plan, set, () => true, ctx, scope);
    if (answer.kind === "failed") {
      return refused(`Asking the user failed (${answer.reason}): nothing was deleted`, plan);
    }
    return deleteAnswer({
      ...base,
      summary: `${refusalSummary(answer.kind, scope, preview)}${note}`,
      outcome: answer.kind,
    });
  }
  const { token, expiresAt } = ctx.deps.confirmTokens.issue(binding, set);
  const expires = new Date(expiresAt).toISOString();
  return deleteAnswer({
    ...base,
    summary: `${tokenSummary(plan.tool, scope, preview, token, expires)}${note}`,
    outcome: "preview",
    confirm_token: token,
    confirm_token_expires_at: expires,
  });
}

/**
 * The user confirmed a set: delete only if a re-read finds exactly that set. Finding it changed
 * (or gone) spends the token, as deleting does; `spend` is false when a concurrent call spent it.
 * `shown` is the scope the user was shown, when this call showed it (the set's digest covers
 * where each record is listed, so an unchanged set has the same places).
 */
async function deleteIfUnchanged<S extends Scan>(
  plan: DeletePlan<S>,
  confirmed: ConfirmedSet,
  spend: () => boolean,
  ctx: ToolContext,
  shown?: DeleteScope,
): Promise<CallToolResult> {
  const scan = await plan.read(reads(ctx));
  if (scan.found.length === 0) {
    spend();
    return plan.nothing(scan, true);
  }
  if (!setDigest(scan.found).equals(confirmed.digest)) {
    spend();
    const now = scan.found.length;
    const how =
      now === confirmed.count
        ? `as many, but not the same: another ID, status or name`
        : `now ${records(now)}`;
    return refused(
      `The failed-task records ${scan.searched} changed since the user saw them (${records(confirmed.count)} confirmed; ${how}): nothing was deleted`,
      plan,
    );
  }
  const scope = shown ?? (await scopeOf(plan.projectId, scan, ctx));
  const blocked = plan.blocked?.(scan, scope);
  if (blocked) {
    spend();
    return blocked;
  }
  if (!spend()) return refused(`${TOKEN_REFUSED.used}: nothing was deleted`, plan);
  return ctx.pauseDeadline(() => plan.send(scan, scope, ctx.signal));
}

/** The IDs the audit line names for deleted records: job_id, else resource_id. */
export function deletedIds(found: readonly FoundRecord[]): string[] {
  return found.map(({ job }) => job.job_id || job.resource_id || "(a record without ID)");
}

function confirmedSet(scan: Scan): ConfirmedSet {
  return { count: scan.found.length, digest: setDigest(scan.found) };
}

const TOKEN_REFUSED: Record<Refusal, string> = {
  foreign:
    "confirm_token is not a confirm token of this server: it was altered, comes from another server, or from before a restart",
  expired: "confirm_token has expired (a token is valid for 5 minutes)",
  used: "confirm_token was already used (a token works once)",
  "other-user": "confirm_token was issued to another user",
  "other-arguments":
    "confirm_token was issued for other arguments (another project, scope or record); it is still valid for the call it was issued for",
};

/** Nothing was deleted; the way on is a fresh preview the user sees (and a fresh token). */
function refused(what: string, plan: { tool: string }): CallToolResult {
  const text = `${what}. Call ${plan.tool} again without confirm_token to preview what it would delete now, and ask the user again.`;
  return textError(text);
}

/**
 * The places of a set, with the names of its protection groups for the preview. A group's name
 * is one more read (the failed-task listing gives IDs only); when that read fails the preview
 * names the group by its ID alone, as deleting does not depend on it.
 */
async function scopeOf(projectId: string, scan: Scan, ctx: ToolContext): Promise<DeleteScope> {
  const where = placesOf(scan.found);
  const names = new Map(scan.names);
  const unnamed = where
    .filter((w): w is string => w !== null)
    .slice(0, GROUPS_NAMED)
    .filter((id) => !names.has(id));
  await concurrencyLimited(
    unnamed,
    ctx.deps.concurrency,
    async (id) => {
      try {
        const { data } = await ctx.deps.client.getServerGroup(projectId, id, ctx.signal);
        if (data.server_group.name) names.set(id, data.server_group.name);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
      }
    },
    ctx.signal,
  );
  return { projectId, where, names };
}

/**
 * A DELETE that failed. A 4xx was refused; no answer, a broken connection or a 5xx may hide a
 * delete that happened, so the answer says so (and the DELETE is never sent again).
 */
export function deleteFailed(error: unknown, request: string): CallToolResult {
  return textError(deleteFailure(error, request).text);
}

/** deleteFailed's words, and whether the DELETE may have been applied. */
export function deleteFailure(
  error: unknown,
  request: string,
): { text: string; uncertain: boolean } {
  const uncertain =
    error instanceof SdrsError && (error.kind !== "http" || (error.status ?? 0) >= 500);
  // The generic advice ("try again") is wrong here: the next step is to look, not to resend.
  const text = uncertain
    ? `${(error as SdrsError).message}. ${request} was sent once and may have been applied: list again to see (list_failed_sdrs_tasks); it is not resent.`
    : `${describeError(error)} Nothing was deleted.`;
  return { text, uncertain };
}

/** The reads of a delete call: its signal and its page budget. */
function reads(ctx: ToolContext): CallReads {
  return { signal: ctx.signal, pages: ctx.pages };
}
