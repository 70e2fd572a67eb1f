#!/usr/bin/env node
// Builds the single-file server: src/index.ts and every dependency in one ESM file that needs no
// node_modules (bin of the package, server/index.js of the .mcpb). One file starts faster than
// ~200 modules resolved one by one, and a bundle carries nothing it does not import.
//
// Usage: node scripts/bundle.mjs [--outfile dist/sdrs-mcp.js] [--entry src/index.ts]
//          [--no-minify] [--split] [--no-sourcemap] [--quiet]
// --split (needs --outdir) writes every dynamic import() as its own chunk, read only when first
// imported. Today only the --demo simulator (36 KiB) is imported so, and one file starts as fast
// (bench/cold-start.mjs); splitting pays once more of what start-up does not need is lazy.
import { mkdirSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_ENTRY = resolve(ROOT, "src/index.ts");
export const DEFAULT_OUTFILE = resolve(ROOT, "dist/sdrs-mcp.js");

// pino and undici are CommonJS and require() Node built-ins; in an ESM bundle esbuild's require
// shim throws for those, so the bundle gets a real require.
const REQUIRE_BANNER = [
  'import { createRequire as __bundleCreateRequire } from "node:module";',
  "const require = __bundleCreateRequire(import.meta.url);",
].join("\n");

/**
 * @param {{ entry?: string, outfile?: string, outdir?: string, minify?: boolean,
 *   split?: boolean, sourcemap?: boolean }} options
 * @returns {Promise<{ files: { path: string, bytes: number }[], packageDirs: string[] }>}
 */
export async function bundle(options = {}) {
  const {
    entry = DEFAULT_ENTRY,
    outfile = DEFAULT_OUTFILE,
    outdir,
    minify = true,
    split = false,
    sourcemap = true,
  } = options;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The entry's own `#!/usr/bin/env node` line is kept on top; the banner follows it.
    banner: { js: REQUIRE_BANNER },
    ...(split ? { outdir: outdir ?? dirname(outfile), splitting: true } : { outfile }),
    // Halves the file and the .mcpb (cold start measured the same either way). Names may go:
    // error classes set `name` themselves.
    minify,
    sourcemap: sourcemap ? "linked" : false,
    legalComments: "eof",
    metafile: true,
    logLevel: "warning",
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([p]) => !p.endsWith(".map"));
  const files = outputs.map(([path, output]) => ({ path: resolve(path), bytes: output.bytes }));
  // Every package with code in the output, for the third-party notices of the .mcpb.
  const packages = new Set();
  for (const [, output] of outputs) {
    for (const input of Object.keys(output.inputs)) {
      const dir = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//)?.[1];
      if (dir) packages.add(resolve(dir));
    }
  }
  return { files, packageDirs: [...packages].sort() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      entry: { type: "string" },
      outfile: { type: "string" },
      outdir: { type: "string" },
      "no-minify": { type: "boolean" },
      "no-sourcemap": { type: "boolean" },
      split: { type: "boolean" },
      quiet: { type: "boolean" },
    },
  });
  const outfile = values.outfile ? resolve(values.outfile) : DEFAULT_OUTFILE;
  mkdirSync(values.outdir ?? dirname(outfile), { recursive: true });
  const started = performance.now();
  const { files } = await bundle({
    ...(values.entry && { entry: resolve(values.entry) }),
    outfile,
    ...(values.outdir && { outdir: resolve(values.outdir) }),
    minify: !values["no-minify"],
    sourcemap: !values["no-sourcemap"],
    split: !!values.split,
  });
  if (!values.quiet) {
    const ms = Math.round(performance.now() - started);
    for (const f of files) {
      process.stderr.write(
        `${relative(process.cwd(), f.path)}  ${(f.bytes / 1024).toFixed(0)} KiB  (${ms} ms)\n`,
      );
    }
  }
}
