/**
 * The shipped artefacts, run as hosts run them: the .mcpb built by scripts/pack.mjs (the same
 * code as `npm run pack`), unpacked with the MCPB toolkit and started with the command its
 * manifest yields for a user's settings; and the single-file bin of the npm package.
 * No node_modules sits next to the unpacked bundle: it must carry every dependency.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  getMcpConfigForManifest,
  type McpbManifestAny,
  type McpbUserConfigValues,
  unpackExtension,
} from "@anthropic-ai/mcpb";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_USER,
  type Simulator,
  startSimulator,
} from "../../src/simulator/index.js";
import { VERSION } from "../../src/version.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The tools manifest.json declares (test/meta.test.ts keeps them equal to the registered ones). */
const DECLARED: string[] = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")).tools.map(
  (t: { name: string }) => t.name,
);
const WRITE_TOOLS = DECLARED.filter((name) => name.startsWith("delete_"));
const READ_TOOLS = DECLARED.filter((name) => !WRITE_TOOLS.includes(name));

let work: string;
let unpacked: string;
let manifest: McpbManifestAny;
let sim: Simulator;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sdrs-mcp-bundle-"));
  const mcpb = join(work, "sdrs-mcp.mcpb");
  await promisify(execFile)(process.execPath, [
    join(ROOT, "scripts/pack.mjs"),
    "--out",
    mcpb,
    "--stage",
    join(work, "stage"),
    "--quiet",
  ]);
  unpacked = join(work, "unpacked");
  expect(await unpackExtension({ mcpbPath: mcpb, outputDir: unpacked, silent: true })).toBe(true);
  manifest = JSON.parse(await readFile(join(unpacked, "manifest.json"), "utf8")) as McpbManifestAny;
  sim = await startSimulator();
}, 60_000);

afterAll(async () => {
  await sim?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

/** Starts the bundle the way a host does for these settings; the caller closes the client. */
async function connectAs(userConfig: McpbUserConfigValues): Promise<Client> {
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath: unpacked,
    systemDirs: {},
    userConfig,
    pathSeparator: "/",
  });
  if (!config) throw new Error("no mcp_config");
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    env: { ...config.env, SDRS_MCP_LOG_LEVEL: "warn" },
    cwd: work,
    stderr: "pipe",
  });
  const client = new Client({ name: "bundle-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name).sort();
}

async function listFailures(client: Client) {
  const result = await client.callTool({ name: "list_failed_sdrs_tasks", arguments: { limit: 5 } });
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as { page: { returned: number }; project_id: string };
}

describe("the .mcpb", () => {
  it("holds the manifest, the server with its lazy chunks, package.json, README and licenses: no node_modules", async () => {
    const files = await listFiles(unpacked);
    const license = existsSync(join(ROOT, "LICENSE")) ? ["LICENSE"] : [];
    const chunks = files.filter((f) => f.startsWith("server/chunks/"));
    expect(files).toEqual(
      [
        ...license,
        "README.md",
        "manifest.json",
        "package.json",
        "server/THIRD-PARTY-LICENSES.txt",
        "server/index.js",
        ...chunks,
      ].sort(),
    );
    expect(chunks.every((f) => f.endsWith(".js"))).toBe(true);
    expect(files.some((f) => f.includes("node_modules"))).toBe(false);
    const notices = await readFile(join(unpacked, "server/THIRD-PARTY-LICENSES.txt"), "utf8");
    for (const name of ["@modelcontextprotocol/sdk", "pino", "undici", "yaml", "zod"]) {
      expect(notices).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, "m"));
    }
    expect(notices).toContain("Permission is hereby granted"); // the MIT texts themselves
    const pkg = JSON.parse(await readFile(join(unpacked, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "sdrs-mcp", version: VERSION, type: "module" });
    const server = await readFile(join(unpacked, "server/index.js"), "utf8");
    expect(server.startsWith("#!/usr/bin/env node\n")).toBe(true);
    // The entry imports nothing but its own chunks, each of them inside the bundle.
    const relativeImports = [
      ...server.matchAll(/(?:from\s*|import\s*\(\s*)["'](\.\.?\/[^"']+)["']/g),
    ].map((m) => m[1]);
    expect(relativeImports.length).toBeGreaterThan(0);
    for (const target of relativeImports) {
      expect(files).toContain(
        join("server", target as string)
          .split("\\")
          .join("/"),
      );
    }
  });

  it("(a) every field set: token, project, endpoint, deletions on; lists all tools and answers", async () => {
    const client = await connectAs({
      auth_token: sim.token,
      access_key: "AKIGNOREDBECAUSETOKENWINS",
      secret_key: "ignored-secret",
      security_token: "ignored-security-token",
      username: "ignored-user",
      password: "ignored-password",
      user_domain_name: "OTC-EU-DE-IGNORED",
      project_id: sim.projectId,
      project_name: "eu-de_demo",
      region: "eu-de",
      cloud: "",
      sdrs_endpoint: sim.url,
      auth_url: sim.iamUrl,
      allow_write: true,
    });
    try {
      expect(client.getServerVersion()).toMatchObject({ name: "sdrs-mcp", version: VERSION });
      expect(await toolNames(client)).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
      const before = sim.requests.length;
      const page = await listFailures(client);
      expect(page.project_id).toBe(sim.projectId);
      expect(page.page.returned).toBeGreaterThan(0);
      const sent = sim.requests.slice(before);
      expect(sent.map((r) => r.path)).toContain(`/v1/${sim.projectId}/task-center/failure-jobs`);
      expect(sent.every((r) => r.headers["x-auth-token"] === sim.token)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("(b) only token and project ID: starts read-only with the read tools", async () => {
    const client = await connectAs({ auth_token: sim.token, project_id: sim.projectId });
    try {
      expect(await toolNames(client)).toEqual([...READ_TOOLS].sort());
    } finally {
      await client.close();
    }
  });

  it("AK/SK fields reach the server: signed requests", async () => {
    const client = await connectAs({
      access_key: DEFAULT_ACCESS_KEY.accessKey,
      secret_key: DEFAULT_ACCESS_KEY.secretKey,
      project_id: sim.projectId,
      sdrs_endpoint: sim.url,
    });
    try {
      const before = sim.requests.length;
      expect((await listFailures(client)).page.returned).toBeGreaterThan(0);
      expect(String(sim.requests[before]?.headers.authorization)).toContain("SDK-HMAC-SHA256");
    } finally {
      await client.close();
    }
  });

  it("password fields reach the server: IAM token by project name, SDRS from the catalog", async () => {
    const client = await connectAs({
      username: DEFAULT_USER.name,
      password: DEFAULT_USER.password,
      user_domain_name: DEFAULT_USER.domainName,
      project_name: sim.projectName,
      auth_url: sim.iamUrl,
    });
    try {
      const before = sim.requests.length;
      const page = await listFailures(client);
      expect(page.project_id).toBe(sim.projectId);
      expect(sim.requests.slice(before).map((r) => r.path)).toContain("/v3/auth/tokens");
    } finally {
      await client.close();
    }
  });
});

describe("the single-file server", () => {
  it("carries zod's English messages and none of its other locales", async () => {
    const code = await Promise.all(
      (await listFiles(join(unpacked, "server")))
        .filter((f) => f.endsWith(".js"))
        .map((f) => readFile(join(unpacked, "server", f), "utf8")),
    );
    const all = code.join("\n");
    // From zod's locales/en.js, and from its de.js, which the bundle leaves out (esbuild writes
    // non-ASCII letters as escapes, so the German text is matched on its ASCII part).
    expect(all).toContain("Invalid input: expected ");
    expect(all).not.toContain("Eingabe: erwartet");
  });

  it("serves --demo: the simulator it loads lazily ships in a chunk of the bundle", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(unpacked, "server/index.js"), "--demo"],
      env: { SDRS_MCP_LOG_LEVEL: "warn" },
      cwd: work,
      stderr: "pipe",
    });
    const client = new Client({ name: "bundle-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      expect((await listFailures(client)).page.returned).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it("is the package's bin (dist/sdrs-mcp.js, built by npm run build) and prints its version", async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
    expect(pkg.bin).toEqual({ "sdrs-mcp": "dist/sdrs-mcp.js" });
    expect(pkg.files).toContain("dist/sdrs-mcp.js");
    const run = spawnSync(process.execPath, [join(ROOT, pkg.bin["sdrs-mcp"]), "--version"], {
      encoding: "utf8",
    });
    expect(run.stderr.trim()).toBe(VERSION);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(0);
  });
});
