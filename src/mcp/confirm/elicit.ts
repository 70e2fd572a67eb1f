/**
 * Asking the user through MCP elicitation (form mode): the preview as the message and one
 * required boolean. The wait is bounded at 45 s and does not count against the tool deadline:
 * hosts show the form while the call is open, and a person takes longer than an API.
 */
import {
  type ElicitRequestFormParams,
  ErrorCode,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import type { Refusal } from "../../format/delete-preview.js";
import { cleanText } from "../../text/clean.js";
import type { ToolContext } from "../deps.js";

const ELICIT_TIMEOUT_MS = 45_000;

export type UserAnswer =
  | { kind: "confirmed" }
  | { kind: Refusal }
  | { kind: "failed"; reason: string };

const CONFIRM_SCHEMA: ElicitRequestFormParams["requestedSchema"] = {
  type: "object",
  properties: {
    confirm: {
      type: "boolean",
      title: "Delete these records",
      description: "Turn on to delete the records listed above; leave off to keep them.",
      default: false,
    },
  },
  required: ["confirm"],
};

/** Only `accept` with `confirm: true` is a yes; everything else says which no it was. */
export async function askUser(
  ctx: ToolContext,
  elicit: NonNullable<ToolContext["elicit"]>,
  message: string,
): Promise<UserAnswer> {
  try {
    const result = await ctx.pauseDeadline(() =>
      elicit({ mode: "form", message, requestedSchema: CONFIRM_SCHEMA }, ELICIT_TIMEOUT_MS),
    );
    if (result.action === "decline") return { kind: "declined" };
    if (result.action === "cancel") return { kind: "cancelled" };
    return result.content?.confirm === true ? { kind: "confirmed" } : { kind: "not_confirmed" };
  } catch (error) {
    // The caller's cancel also surfaces as RequestTimeout: the wrapper reports it as cancelled.
    if (ctx.signal.aborted) throw error;
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return { kind: "no_answer" };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "failed", reason: cleanText(reason, 200) };
  }
}
