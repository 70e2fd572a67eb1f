#!/usr/bin/env node
// Packs the MCP Bundle (.mcpb): stages manifest.json, the single-file server as server/index.js
// (with its chunks and the licences of the bundled packages beside it), a package.json that makes
// it ESM, README.md and LICENSE (if present) in dist/mcpb/, then zips that folder with
// packExtension, the function behind `mcpb pack` (it validates the manifest first).
// No node_modules: the bundle carries them all.
//
// Usage: node scripts/pack.mjs [--out sdrs-mcp.mcpb] [--stage dist/mcpb] [--quiet]
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { packExtension } from "@anthropic-ai/mcpb";
import { bundle } from "./bundle.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: "string", default: resolve(ROOT, "sdrs-mcp.mcpb") },
    stage: { type: "string", default: resolve(ROOT, "dist/mcpb") },
    quiet: { type: "boolean" },
  },
});
const stage = resolve(values.stage);
const out = resolve(values.out);

const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
const manifest = JSON.parse(readFileSync(resolve(ROOT, "manifest.json"), "utf8"));
if (manifest.version !== pkg.version) {
  throw new Error(`manifest.json version ${manifest.version} != package.json ${pkg.version}`);
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(resolve(stage, "server"), { recursive: true });
await bundle({ outfile: resolve(stage, manifest.server.entry_point), sourcemap: false });

// $schema points into node_modules for editors; it means nothing inside the bundle.
const { $schema: _editorsOnly, ...shipped } = manifest;
writeFileSync(resolve(stage, "manifest.json"), `${JSON.stringify(shipped, null, 2)}\n`);
const serverPackage = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  private: true,
  type: "module",
  engines: pkg.engines,
};
writeFileSync(resolve(stage, "package.json"), `${JSON.stringify(serverPackage, null, 2)}\n`);
for (const file of ["README.md", "LICENSE"]) {
  if (existsSync(resolve(ROOT, file))) copyFileSync(resolve(ROOT, file), resolve(stage, file));
}

const ok = await packExtension({ extensionPath: stage, outputPath: out, silent: !!values.quiet });
if (!ok) {
  process.stderr.write("pack: mcpb pack failed\n");
  process.exit(1);
}
if (!values.quiet) process.stderr.write(`\nwrote ${relative(process.cwd(), out) || out}\n`);
