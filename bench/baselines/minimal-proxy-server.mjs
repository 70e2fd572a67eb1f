#!/usr/bin/env node
// A pass-through MCP server on the SDK: one tool that GETs SDRS_ENDPOINT + path (undici,
// keep-alive Agent, X-Auth-Token) and answers with the body unchanged as text. Between
// bench/baselines/raw-proxy.mjs (no SDK) and sdrs-mcp, it shows what the SDK alone costs per call.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Agent, request } from "undici";
import { z } from "zod";

const endpoint = process.env.SDRS_ENDPOINT;
const headers = { accept: "application/json", "x-auth-token": process.env.OS_AUTH_TOKEN ?? "" };
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

const server = new McpServer({ name: "minimal-proxy", version: "1.0.0" });
server.registerTool(
  "get",
  {
    description: "GETs a path of the SDRS endpoint and returns the body.",
    inputSchema: { path: z.string() },
  },
  async ({ path }) => {
    const { body } = await request(`${endpoint}${path}`, { headers, dispatcher });
    return { content: [{ type: "text", text: await body.text() }] };
  },
);
await server.connect(new StdioServerTransport());
