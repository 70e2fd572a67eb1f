/**
 * The npm package as `npx -y sdrs-mcp` gets it: `npm pack` in a copy of the sources (its
 * prepack builds the bundle, as in a fresh clone), then the tarball run by npx under an MCP
 * client and installed into an empty folder. All offline, with an empty npm cache: a package
 * without runtime dependencies has nothing to download.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const npm = "npm";
const npx = "npx";

let work: string;
let tarball: string;
let packed: { path: string; size: number }[];
/** npm without the network, the user's cache or their configuration. */
let npmEnv: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sdrs-mcp-package-"));
  const sources = join(work, "sources");
  await mkdir(sources);
  for (const entry of ["src", "scripts", "package.json", "manifest.json", "README.md", "LICENSE"]) {
    await cp(join(ROOT, entry), join(sources, entry), { recursive: true });
  }
  // The build tools (esbuild) and the libraries it bundles, as `npm ci` would have put them.
  await symlink(join(ROOT, "node_modules"), join(sources, "node_modules"), "junction");
  await mkdir(join(work, "out"));
  npmEnv = {
    PATH: process.env.PATH ?? "",
    HOME: join(work, "home"),
    npm_config_cache: join(work, "npm-cache"),
    npm_config_userconfig: join(work, "npmrc"),
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", join(work, "out")], {
    cwd: sources,
    env: npmEnv,
  });
  const [info] = JSON.parse(stdout) as [{ filename: string; files: typeof packed }];
  tarball = join(work, "out", info.filename);
  packed = info.files;
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("holds the bundled server, its chunks and the bundled packages' licences: no sources, no maps", () => {
    const paths = packed.map((f) => f.path).sort();
    const chunks = paths.filter((p) => p.startsWith("dist/chunks/"));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((p) => /^dist\/chunks\/[\w-]+\.js$/.test(p))).toBe(true);
    expect(paths).toEqual(
      [
        "LICENSE",
        "README.md",
        "dist/THIRD-PARTY-LICENSES.txt",
        "dist/sdrs-mcp.js",
        "package.json",
        ...chunks,
      ].sort(),
    );
  });

  it("declares no runtime dependencies, the bin and the registry name", async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ "sdrs-mcp": "dist/sdrs-mcp.js" });
    expect(pkg.scripts.prepack).toMatch(/scripts\/bundle\.mjs/);
    const serverJson = JSON.parse(await readFile(join(ROOT, "server.json"), "utf8"));
    expect(pkg.mcpName).toBe(serverJson.name);
  });

  it("runs with npx --demo under an MCP client, offline", async () => {
    const transport = new StdioClientTransport({
      command: npx,
      args: ["--yes", "--package", `./${tarball.split(/[\\/]/).pop()}`, "sdrs-mcp", "--demo"],
      cwd: join(work, "out"),
      env: { ...npmEnv, SDRS_MCP_LOG_LEVEL: "warn" },
      stderr: "pipe",
    });
    const client = new Client({ name: "package-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe("sdrs-mcp");
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain("list_failed_sdrs_tasks");
      const result = await client.callTool({
        name: "list_failed_sdrs_tasks",
        arguments: { limit: 3 },
      });
      expect(result.isError ?? false).toBe(false);
      const page = result.structuredContent as { page: { returned: number } };
      expect(page.page.returned).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  }, 60_000);

  it("npm run pack bundles the server once: its prepack hook leaves the work to pack.mjs", async () => {
    const sources = join(work, "sources");
    // dist/ as `npm pack` above left it: a second bundle would rewrite it.
    const before = (await stat(join(sources, "dist/sdrs-mcp.js"))).mtimeMs;
    const mcpb = join(work, "out", "sdrs-mcp.mcpb");
    await run(
      npm,
      ["run", "pack", "--", "--out", mcpb, "--stage", join(work, "stage"), "--quiet"],
      {
        cwd: sources,
        env: npmEnv,
      },
    );
    expect((await stat(mcpb)).size).toBeGreaterThan(0);
    expect((await stat(join(work, "stage", "server", "index.js"))).size).toBeGreaterThan(0);
    expect((await stat(join(sources, "dist/sdrs-mcp.js"))).mtimeMs).toBe(before);
  }, 120_000);

  it("leaves the tarball npm pack writes out of git", async () => {
    const { stdout } = await run("git", ["check-ignore", "sdrs-mcp-0.1.0.tgz"], { cwd: ROOT });
    expect(stdout.trim()).toBe("sdrs-mcp-0.1.0.tgz");
  });

  it("installs into an empty folder as one package, nothing else", async () => {
    const project = join(work, "install");
    await mkdir(project);
    await run(npm, ["init", "-y"], { cwd: project, env: npmEnv });
    await run(npm, ["install", tarball], { cwd: project, env: npmEnv });
    const installed = (await readdir(join(project, "node_modules"))).filter(
      (name) => !name.startsWith("."),
    );
    expect(installed).toEqual(["sdrs-mcp"]);
    const bin = await readFile(join(project, "node_modules/sdrs-mcp/dist/sdrs-mcp.js"), "utf8");
    expect(bin.startsWith("#!/usr/bin/env node\n")).toBe(true);
  }, 60_000);
});
