#!/usr/bin/env node
// Runs the built sdrs-mcp in --demo mode under an MCP client over stdio, as a host would, and
// prints what an assistant would get back. Usage: npm run demo
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const server = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [server, "--demo"],
  env: { ...process.env, SDRS_MCP_LOG_LEVEL: "warn" },
  stderr: "inherit",
});
const client = new Client({ name: "sdrs-mcp-demo", version: "1.0.0" });
await client.connect(transport);

const out = (line = "") => process.stdout.write(`${line}\n`);
const { tools } = await client.listTools();
out(
  `sdrs-mcp ${client.getServerVersion()?.version} (demo data) offers: ${tools.map((t) => t.name).join(", ")}`,
);

async function show(title, args) {
  out();
  out(`== ${title}`);
  out(`   list_failed_sdrs_tasks ${JSON.stringify(args)}`);
  const result = await client.callTool({ name: "list_failed_sdrs_tasks", arguments: args });
  if (result.isError) {
    out(`   error: ${result.content[0]?.text}`);
    return;
  }
  const s = result.structuredContent;
  out(`   ${s.summary}`);
  out(`   by failure status: ${JSON.stringify(s.breakdown.by_failure_status)}`);
  out(`   by error code:     ${JSON.stringify(s.breakdown.by_error_code)}`);
  for (const t of s.tasks.slice(0, 4)) {
    out(
      `   - ${t.begin_time}  ${t.failure_status.padEnd(13)} ${t.resource_name} [${t.error_code}] ${t.fail_reason.slice(0, 70)}`,
    );
  }
  if (s.tasks.length > 4) out(`   … ${s.tasks.length - 4} more rows`);
  out(`   raw upstream JSON: ${s.raw_resource_uri}`);
  return s;
}

const all = await show("Every group-level failure", {});
await show("Only failed failovers", { failure_status: "failoverFail" });

const raw = await client.readResource({ uri: all.raw_resource_uri });
out();
out(
  `== resources/read ${all.raw_resource_uri}: ${raw.contents[0].text.length} characters of upstream JSON, unchanged`,
);
await client.close();
