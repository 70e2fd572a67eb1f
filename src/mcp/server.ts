/**
 * createServer(deps): the MCP server with every tool and resource registered. No side effects:
 * it reads no environment and opens no socket; src/index.ts connects it to stdio.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { scrubDeep } from "../secrets.js";
import type { ServerDeps } from "./deps.js";
import { errorForLog, errorResult, ToolDeadlineError, UnconfiguredError } from "./errors.js";
import { registerTriagePrompt } from "./prompts/triage.js";
import { registerResources } from "./resources.js";
import { TOOLS } from "./tools/index.js";
import type { ToolDefinition } from "./tools/types.js";

export const SERVER_INSTRUCTIONS =
  "sdrs-mcp answers what failed in Open Telekom Cloud Storage Disaster Recovery (SDRS) and why. " +
  "Start with list_failed_sdrs_tasks; failures inside a protection group need its server_group_id.";

export type SdrsMcpServer = McpServer;

export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: "sdrs-mcp", title: "SDRS failed tasks (Open Telekom Cloud)", version: deps.version },
    { instructions: SERVER_INSTRUCTIONS, capabilities: { logging: {} } },
  );
  for (const tool of TOOLS) {
    if (!tool.write || deps.allowWrite) registerTool(server, tool, deps);
  }
  registerResources(server, deps);
  registerTriagePrompt(server, deps);
  return server;
}

function registerTool(server: McpServer, tool: ToolDefinition, deps: ServerDeps): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (args, extra) => {
      if (deps.unconfigured?.length) return errorResult(new UnconfiguredError(deps.unconfigured));
      const started = performance.now();
      // The handler's signal ends on the caller's notifications/cancelled or on the deadline,
      // and reaches undici and every backoff sleep. The deadline is a timer cleared when the
      // call ends: a pending timeout signal would keep the call's result reachable until it
      // fired (bench/memory.mjs saw the heap grow with the calls of the last 30 s).
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), deps.toolTimeoutMs);
      const signal = AbortSignal.any([extra.signal, deadline.signal]);
      const settled = new AbortController();
      const token = extra._meta?.progressToken;
      const progress =
        token === undefined
          ? undefined
          : (done: number, total: number, message: string) =>
              extra
                .sendNotification({
                  method: "notifications/progress",
                  params: { progressToken: token, progress: done, total, message },
                })
                .catch(() => {});
      let result: CallToolResult;
      try {
        result = await Promise.race([
          tool.handler(args, { deps, signal, ...(progress && { progress }) }),
          rejectOnAbort(deadline.signal, settled.signal),
        ]);
      } catch (error) {
        const failure =
          deadline.signal.aborted && !extra.signal.aborted
            ? new ToolDeadlineError(deps.toolTimeoutMs)
            : error;
        result = errorResult(failure);
        deps.logger.info(
          { tool: tool.name, error: errorForLog(failure, deps.secrets()) },
          "tool call failed",
        );
      } finally {
        clearTimeout(timer);
        settled.abort();
      }
      deps.logger.debug(
        { tool: tool.name, ms: Math.round(performance.now() - started), isError: !!result.isError },
        "tool call",
      );
      return scrubDeep(result, deps.secrets());
    },
  );
}

/**
 * Settles the race when the deadline passes, even if a handler ignores its signal. The listener
 * goes away once the call has settled, so nothing of the call outlives it.
 */
function rejectOnAbort(signal: AbortSignal, settled: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true, signal: settled });
  });
}
