/** What the MCP layer needs from the rest of sdrs-mcp: built once by createApp (src/app.ts). */
import type { Logger } from "pino";
import type { SdrsClient } from "../sdrs/client.js";
import type { RawResponseStore } from "./raw-store.js";

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
  version: string;
  /** Upstream requests in flight at once for project-wide tools. */
  concurrency: number;
  /** Deadline of one tool call, under the ~60 s after which desktop hosts give up. */
  toolTimeoutMs: number;
  /**
   * Configuration problems found at start (with how to fix each). When set, the server still
   * lists its tools, and every tool call answers isError with these texts.
   */
  unconfigured?: readonly string[];
}
