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
}

export interface ToolContext {
  deps: ServerDeps;
  signal: AbortSignal;
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
