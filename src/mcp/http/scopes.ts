/**
 * Which scopes a request's JSON-RPC messages need, decided before anything runs: reading SDRS
 * (read tools, resources/read, prompts, completions) needs sdrs:read, a delete needs
 * sdrs:write, and listing what the server offers needs only a valid token. A delete tool the
 * server does not offer (no SDRS_MCP_ALLOW_WRITE) is like any unknown tool: the server answers
 * that it is not there, and no write scope is asked for.
 */
import { WRITE_TOOL_NAMES } from "../tools/index.js";
import { READ_SCOPE, WRITE_SCOPE } from "./oauth.js";

const READ_METHODS = new Set([
  "resources/read",
  "prompts/get",
  "prompts/list",
  "completion/complete",
]);

export interface CallNeed {
  scope: string;
  /** For tools/call: the tool named and its arguments, for a denied call's audit line. */
  tool?: string;
  args?: unknown;
}

/** What each request message needs (notifications and responses need nothing). */
export function needs(messages: readonly unknown[], allowWrite: boolean): CallNeed[] {
  const found: CallNeed[] = [];
  for (const message of messages) {
    const { method, params } = (message ?? {}) as { method?: unknown; params?: unknown };
    if (typeof method !== "string") continue;
    if (method === "tools/call") {
      const { name, arguments: args } = (params ?? {}) as { name?: unknown; arguments?: unknown };
      const tool = typeof name === "string" ? name : "";
      const write = allowWrite && WRITE_TOOL_NAMES.has(tool);
      found.push({
        scope: write ? WRITE_SCOPE : READ_SCOPE,
        tool,
        args,
      });
    } else if (READ_METHODS.has(method)) {
      found.push({ scope: READ_SCOPE });
    }
  }
  return found;
}

/**
 * The scopes to name in a 403: what is missing plus what the token already has of ours, so a
 * client that steps up does not lose the read access it had (MCP spec, "Scope Challenge").
 */
export function challengeScopes(missing: ReadonlySet<string>, granted: ReadonlySet<string>) {
  return [READ_SCOPE, WRITE_SCOPE].filter((s) => missing.has(s) || granted.has(s)).join(" ");
}

/** Whether any request message asks for progress: then the answer is an SSE stream. */
export function wantsProgress(messages: readonly unknown[]): boolean {
  return messages.some((message) => {
    const meta = (message as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params
      ?._meta;
    return meta?.progressToken !== undefined;
  });
}
