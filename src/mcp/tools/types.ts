/** The plain shape every tool module exports; ./index.ts lists them, one loop registers them. */
import type {
  CallToolResult,
  ElicitRequestFormParams,
  ElicitResult,
  ToolAnnotations,
} from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { ServerDeps } from "../deps.js";

export interface ToolContext {
  deps: ServerDeps;
  signal: AbortSignal;
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
