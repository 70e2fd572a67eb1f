/**
 * What the MCP layer needs from the rest of sdrs-mcp (built once by createApp, src/app/app.ts),
 * and what one tool call gets besides its arguments.
 */
import type { ElicitRequestFormParams, ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "pino";
import type { SdrsClient } from "../sdrs/client.js";
import type { PageBudget } from "../sdrs/paging.js";
import type { ConfirmTokens } from "./confirm/tokens.js";
import type { RawResources } from "./raw-store.js";

export interface ServerDeps {
  client: SdrsClient;
  /**
   * Project of the configuration; a tool call may name another. A function because with a
   * project name it is known only once IAM has issued the first token.
   */
  defaultProjectId: () => Promise<string | undefined>;
  /** Where raw_resource_uri points: kept bodies (stdio) or sealed queries (team mode). */
  raw: RawResources;
  logger: Logger;
  /** Credential values that must never appear in any output; a function as IAM tokens renew. */
  secrets: () => readonly string[];
  allowWrite: boolean;
  /**
   * Said when SDRS cannot be reached: the region's SDRS host is not in the official endpoint
   * list and no SDRS_ENDPOINT is set (eu-nl).
   */
  endpointNote?: string;
  /** --demo: every answer says it is sample data from the simulator (mcp/demo.ts). */
  demo: boolean;
  version: string;
  /** Upstream requests in flight at once for project-wide tools. */
  concurrency: number;
  /** Deadline of one tool call, under the ~60 s after which desktop hosts give up. */
  toolTimeoutMs: number;
  /**
   * Confirm tokens (previews of deletes on hosts without elicitation), sealed (seal.ts) with a
   * random key per process in stdio, with SDRS_MCP_STATE_KEY in team mode.
   */
  confirmTokens: ConfirmTokens;
  /**
   * Team mode: the projects a call may name (SDRS_MCP_PROJECTS, default the configured one);
   * absent in stdio mode, where a call may name any project the credentials reach.
   */
  projects?: () => Promise<ReadonlySet<string>>;
  /**
   * Team mode: every request gets its own server, so none can ask the client anything
   * (elicitation): deletes are confirmed with the confirm token.
   */
  stateless?: boolean;
  /** Team mode: one audit line per tool call (never dropped, never silenced). */
  audit?: (entry: AuditEntry) => void;
  /**
   * Configuration problems found at start (with how to fix each). When set, the server still
   * lists its tools, and every tool call answers isError with these texts.
   */
  unconfigured?: readonly string[];
  /** Started as an MCP Bundle: settings are fixed in the host's extension settings, not flags. */
  bundle?: boolean;
}

/** Who a request comes from: "local" in stdio and on loopback without OAuth, else the JWT's. */
export interface RequestScope {
  /** The token's `sub`: confirm tokens and raw-resource URIs are bound to it. */
  subject: string;
  /** The token's client_id or azp, for the audit line. */
  client?: string;
}

export const LOCAL_SCOPE: RequestScope = { subject: "local" };

/** What a tool call reports for its audit line besides what the wrapper sees. */
export interface CallAudit {
  /** The records a DELETE removed (their job_id, else resource_id). */
  deleted(ids: readonly string[]): void;
  /** The call was refused by policy (another user's confirm token, say), not by a failure. */
  denied(): void;
}

export interface ToolContext {
  deps: ServerDeps;
  /**
   * Who is calling, what confirm tokens are bound to: "local" in stdio (one user, the one who
   * started the process); in team mode the access token's `sub`.
   */
  subject: string;
  signal: AbortSignal;
  /** The pages this call may still read past its listings' first pages, all listings together. */
  pages: PageBudget;
  /** Sends notifications/progress when the caller asked for it (sent a progress token). */
  progress?: (progress: number, total: number, message: string) => Promise<void>;
  /** Asks the user with a form; present only when the client declared form elicitation. */
  elicit?: (params: ElicitRequestFormParams, timeoutMs: number) => Promise<ElicitResult>;
  /**
   * Runs `work` with the call's deadline stopped (waiting for the user must not be cut by it);
   * the time that was left applies again afterwards. Requests inside keep their own timeouts.
   */
  pauseDeadline: <T>(work: () => Promise<T>) => Promise<T>;
  /** Present in team mode: what goes into the call's audit line. */
  audit?: CallAudit;
}

/** One audit line (team mode): who called which tool on which project, and how it went. */
export type AuditOutcome = "ok" | "error" | "denied";

export interface AuditEntry {
  subject: string;
  client: string | null;
  tool: string;
  project_id: string | null;
  outcome: AuditOutcome;
  /** The highest HTTP status SDRS answered during the call (an error outranks a success). */
  upstream_status: number | null;
  duration_ms: number;
  /** Deletes: the records deleted (job_id, else resource_id). */
  deleted?: { count: number; ids: readonly string[] };
}
