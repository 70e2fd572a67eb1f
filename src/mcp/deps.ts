/**
 * What the MCP layer needs from the rest of sdrs-mcp (built once by createApp, src/app/app.ts),
 * and what one tool call gets besides its arguments.
 */
import type { ElicitRequestFormParams, ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "pino";
import type { SdrsClient } from "../sdrs/client.js";
import type { PageBudget } from "../sdrs/paging.js";
import type { ConfirmTokens } from "./confirm/tokens.js";
import type { RawResponseStore } from "./raw-store.js";
import type { StateSeal } from "./seal.js";

export interface ServerDeps {
  client: SdrsClient;
  /**
   * Project of the configuration; a tool call may name another. A function because with a
   * project name it is known only once IAM has issued the first token.
   */
  defaultProjectId: () => Promise<string | undefined>;
  rawStore: RawResponseStore;
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
  /** Confirm tokens (previews of deletes on hosts without elicitation), sealed with `seal`. */
  confirmTokens: ConfirmTokens;
  /** Seals what outlives a request (seal.ts): a random key per process in stdio. */
  seal: StateSeal;
  /**
   * Configuration problems found at start (with how to fix each). When set, the server still
   * lists its tools, and every tool call answers isError with these texts.
   */
  unconfigured?: readonly string[];
  /** Started as an MCP Bundle: settings are fixed in the host's extension settings, not flags. */
  bundle?: boolean;
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
}
