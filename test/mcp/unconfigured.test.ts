/**
 * A server started without a usable configuration: hosts show it as connected, so its
 * instructions say at once that it is not configured and what to set, and where (an MCP
 * Bundle's settings, or the host's configuration); every tool call names the same problems.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createUnconfiguredApp } from "../../src/app/app.js";
import { loadConfig } from "../../src/config/config.js";
import { SERVER_INSTRUCTIONS } from "../../src/mcp/server.js";
import { startHarness } from "../helpers/harness.js";

/** The problems loadConfig finds in `env`, served the way src/main.ts serves them. */
async function connect(env: Record<string, string>) {
  const result = loadConfig(env, []);
  if (result.kind !== "unconfigured") throw new Error(`expected unconfigured, got ${result.kind}`);
  const app = createUnconfiguredApp(result.problems, {
    logger: pino({ level: "silent" }),
    ...result.settings,
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    problems: result.problems,
    close: async () => {
      await client.close();
      await app.close();
    },
  };
}

describe("an unconfigured server", () => {
  it("says so in its instructions, with every problem and where to fix it", async () => {
    const s = await connect({ OS_PROJECT_ID: "not-hex" });
    try {
      const instructions = s.client.getInstructions() ?? "";
      expect(instructions).toMatch(/^sdrs-mcp is NOT CONFIGURED/);
      for (const problem of s.problems) expect(instructions).toContain(`- ${problem}`);
      expect(instructions).toContain("the MCP host's configuration of this server");
      expect(instructions).toContain("sdrs-mcp --check");
      // The usual guide to the tools follows, for when it is fixed.
      expect(instructions).toContain(SERVER_INSTRUCTIONS);
      const call = (await s.client.callTool({ name: "list_failed_sdrs_tasks" })) as CallToolResult;
      expect(call.isError).toBe(true);
      const text = call.content[0]?.type === "text" ? call.content[0].text : "";
      for (const problem of s.problems) expect(text).toContain(problem);
    } finally {
      await s.close();
    }
  });

  it("as an MCP Bundle: points to the extension's settings by their titles, never to --demo", async () => {
    // A field left empty reaches the server as its placeholder, as a host passes it.
    const placeholder = ["$", "{user_config.auth_token}"].join("");
    const s = await connect({ SDRS_MCP_BUNDLE: "1", OS_AUTH_TOKEN: placeholder });
    try {
      const instructions = s.client.getInstructions() ?? "";
      expect(instructions).toContain("in this extension's settings");
      expect(instructions).toContain('(setting "Access key (AK)")');
      expect(instructions).toContain('(setting "Project ID")');
      expect(instructions).not.toContain("--demo");
      expect(instructions).not.toContain("--check");
    } finally {
      await s.close();
    }
  });

  it("has the usual instructions alone once configured", async () => {
    const harness = await startHarness();
    try {
      expect(harness.client.getInstructions()).toBe(SERVER_INSTRUCTIONS);
    } finally {
      await harness.close();
    }
  });
});
