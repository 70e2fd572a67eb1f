#!/usr/bin/env node
// Runs the built sdrs-mcp in --demo mode under an MCP client over stdio, as a host would, and
// prints what an assistant would get back. Usage: npm run demo
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const server = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [server, "--demo", "--allow-write"],
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

// The questions an operator asks, answered with the companion tools.
async function tool(name, args) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(result.content[0]?.text);
  return result.structuredContent;
}
out();
// "This week": the demo data is dated relative to today, so the window is too.
const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
out(`== "What failed in DR this week?"  summarize_sdrs_failures {"since":"${weekAgo}"}`);
out(`   ${(await tool("summarize_sdrs_failures", { since: weekAgo })).summary}`);
out();
out(
  '== "Is anything failing in the prod-db group?"  list_sdrs_protection_groups {"name":"prod-db"}, then list_failed_sdrs_tasks',
);
const group = (await tool("list_sdrs_protection_groups", { name: "prod-db" })).groups.find(
  (g) => g.name === "prod-db",
);
out(`   prod-db is ${group.id}: ${group.status}, health ${group.health_status ?? "unknown"}`);
out(`   ${(await tool("list_failed_sdrs_tasks", { server_group_id: group.id })).summary}`);
out();
out('== "What happened to that failover job?"  get_sdrs_job');
const failover = (
  await tool("summarize_sdrs_failures", { failure_status: "failoverFail", newest: 1 })
).newest[0];
out(`   ${(await tool("get_sdrs_job", { job_id: failover.job_id })).summary}`);
out();
out('== "Is our disaster recovery ready?"  assess_sdrs_readiness {}');
out(`   ${(await tool("assess_sdrs_readiness", {})).summary}`);
out();
out('== "Clear the failures we fixed"  delete_failed_sdrs_task (needs --allow-write)');
// Without elicitation in the client, a delete is two calls: a preview with a confirm_token,
// then (after the user agreed) the same call plus that token.
const fixed = { failure_job_id: failover.job_id };
const preview = await tool("delete_failed_sdrs_task", fixed);
out(`   1st call, a preview: ${preview.summary}`);
out("   (the assistant shows the preview to the user, who agrees)");
const confirmed = { ...fixed, confirm_token: preview.confirm_token };
out(
  `   2nd call with confirm_token: ${(await tool("delete_failed_sdrs_task", confirmed)).summary}`,
);
await client.close();
