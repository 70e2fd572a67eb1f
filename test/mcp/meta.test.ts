/**
 * Keeps what the server registers, what manifest.json declares and what README.md documents in
 * step, and holds every tool to the conventions hosts and models rely on.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { type Harness, startHarness } from "../helpers/harness.js";

/** Every tool sdrs-mcp offers with --allow-write: the one list the three sources must match. */
const EXPECTED_TOOLS = [
  "assess_sdrs_readiness",
  "delete_all_failed_sdrs_tasks",
  "delete_failed_sdrs_task",
  "get_sdrs_job",
  "list_failed_sdrs_tasks",
  "list_sdrs_protection_groups",
  "summarize_sdrs_failures",
];
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const MAX_DESCRIPTION_BYTES = 2048;

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");
const manifest = JSON.parse(read("../../manifest.json")) as {
  version: string;
  tools: { name: string; description?: string }[];
  prompts: { name: string; arguments?: string[] }[];
};
const pkg = JSON.parse(read("../../package.json")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
const readme = read("../../README.md");
const toolReference = read("../../docs/tools.md");
/** The tool reference: one `### \`tool_name\`` heading per tool. */
const referenceTools = [...toolReference.matchAll(/^### `([^`]+)`\s*$/gm)].map((m) => m[1]);

let harness: Harness;
let tools: Tool[];

beforeAll(async () => {
  harness = await startHarness({ allowWrite: true });
  tools = (await harness.client.listTools()).tools;
});
afterAll(async () => {
  await harness?.close();
});

const sorted = (names: (string | undefined)[]) => [...names].sort();

describe("one set of tools everywhere", () => {
  it("the server registers exactly the expected tools (with --allow-write)", () => {
    expect(sorted(tools.map((t) => t.name))).toEqual(EXPECTED_TOOLS);
  });

  it("manifest.json declares the registered tools", () => {
    expect(sorted(manifest.tools.map((t) => t.name))).toEqual(sorted(tools.map((t) => t.name)));
    for (const t of manifest.tools) expect(t.description, t.name).toBeTruthy();
  });

  it("docs/tools.md has a ### `tool_name` reference section for each tool", () => {
    expect(sorted(referenceTools)).toEqual(EXPECTED_TOOLS);
  });

  it("manifest.json declares the registered prompts with their arguments", async () => {
    const { prompts } = await harness.client.listPrompts();
    const registered = prompts.map((p) => ({
      name: p.name,
      arguments: sorted((p.arguments ?? []).map((a) => a.name)),
    }));
    const declared = manifest.prompts.map((p) => ({
      name: p.name,
      arguments: sorted(p.arguments ?? []),
    }));
    expect(declared).toEqual(registered);
  });
});

describe("every tool", () => {
  it("has a snake_case name", () => {
    for (const t of tools) expect(t.name).toMatch(SNAKE_CASE);
  });

  it("has a description under 2 KB, here and in manifest.json", () => {
    for (const t of [...tools, ...manifest.tools]) {
      expect(t.description, t.name).toBeTruthy();
      expect(Buffer.byteLength(t.description ?? "", "utf8"), t.name).toBeLessThan(
        MAX_DESCRIPTION_BYTES,
      );
    }
  });

  it("declares a title, an output schema and all four annotations", () => {
    for (const t of tools) {
      expect(t.title, t.name).toBeTruthy();
      expect(t.outputSchema?.type, t.name).toBe("object");
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]) {
        expect(
          typeof t.annotations?.[hint as keyof typeof t.annotations],
          `${t.name} ${hint}`,
        ).toBe("boolean");
      }
    }
  });

  it("is read-only unless it deletes, and then is destructive", () => {
    for (const t of tools) {
      const deletes = t.name.startsWith("delete_");
      expect(t.annotations?.readOnlyHint, t.name).toBe(!deletes);
      expect(t.annotations?.destructiveHint, t.name).toBe(deletes);
    }
  });
});

describe("README.md ## Install", () => {
  const install = readme.split(/^## /m).find((section) => section.startsWith("Install\n")) ?? "";
  const bin = pkg.bin["sdrs-mcp"] ?? "";

  /** What starts the published package: `npx -y <name>` or node on the built bin. */
  const startsPackage = (command: string, args: readonly string[]) =>
    (command === "npx" && args[0] === "-y" && args[1] === pkg.name) ||
    (command === "node" && args[0] === `/path/to/sdrs-mcp/${bin}`);

  it("has host configurations that are valid JSON and start the package", () => {
    const snippets = [...install.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    for (const snippet of snippets) {
      const config = JSON.parse(snippet) as {
        mcpServers?: Record<string, { command: string; args: string[] }>;
        servers?: Record<string, { type: string; command: string; args: string[] }>;
      };
      const servers = Object.values(config.mcpServers ?? config.servers ?? {});
      expect(servers.length).toBeGreaterThan(0);
      for (const server of servers) {
        if (config.servers) expect(server).toHaveProperty("type", "stdio");
        expect(startsPackage(server.command, server.args), JSON.stringify(server)).toBe(true);
      }
    }
  });

  it("leads with npx and starts the package in every command line", () => {
    expect(install).toContain(`npx -y ${pkg.name}`);
    const commands = [...install.matchAll(/ -- (\S+) (\S+) ?(\S*)/g)];
    expect(commands.length).toBeGreaterThan(0);
    for (const [, command = "", first = "", second = ""] of commands) {
      expect(startsPackage(command, [first, second]), `${command} ${first} ${second}`).toBe(true);
    }
  });
});

it("manifest.json, package.json and src/version.ts carry the same version", () => {
  expect(manifest.version).toBe(pkg.version);
  expect(VERSION).toBe(pkg.version);
});
