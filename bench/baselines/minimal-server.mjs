#!/usr/bin/env node
// The smallest useful MCP server on the same SDK and zod: one tool over stdio. The cold-start
// baseline for sdrs-mcp (bench/cold-start.mjs runs it as is and bundled like sdrs-mcp).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "minimal", version: "1.0.0" });
server.registerTool(
  "echo",
  {
    title: "Echo",
    description: "Returns its input.",
    inputSchema: { text: z.string().describe("Text to return") },
    outputSchema: { text: z.string() },
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
  async ({ text }) => ({ content: [{ type: "text", text }], structuredContent: { text } }),
);
await server.connect(new StdioServerTransport());
