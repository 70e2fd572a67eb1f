/** The plain shape every tool module exports; ./index.ts lists them, one loop registers them. */
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { ToolContext } from "../deps.js";

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
  /** Tool `_meta`, e.g. {"anthropic/requiresUserInteraction": true} on the deletes. */
  _meta?: Record<string, unknown>;
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
