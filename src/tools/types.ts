/** The plain shape every tool module exports; src/tools/index.ts lists them, one loop registers them. */
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "pino";
import type { z } from "zod";
import type { RawResponseStore } from "../resources/raw-store.js";
import type { SdrsClient } from "../sdrs/client.js";

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
}

export interface ToolContext {
  deps: ServerDeps;
  signal: AbortSignal;
  /** Sends notifications/progress when the caller asked for it (sent a progress token). */
  progress?: (progress: number, total: number, message: string) => Promise<void>;
}

export type Annotations = Required<
  Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint">
>;

export interface ToolDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodObject<Shape>;
  outputSchema: z.ZodObject<z.ZodRawShape>;
  annotations: Annotations;
  /** Registered only with --allow-write. */
  write?: boolean;
  handler(args: z.infer<z.ZodObject<Shape>>, ctx: ToolContext): Promise<CallToolResult>;
}

/** Keeps each tool's argument types while the table holds them all. */
export function defineTool<Shape extends z.ZodRawShape>(
  tool: ToolDefinition<Shape>,
): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/** What every read tool declares: it changes nothing, repeats safely, and talks to the cloud. */
export const READ_ONLY: Annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
