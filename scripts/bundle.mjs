#!/usr/bin/env node
// Builds the single-file server: src/index.ts and every dependency in one ESM file that needs no
// node_modules (bin of the package, server/index.js of the .mcpb). One file starts faster than
// ~200 modules resolved one by one, and a bundle carries nothing it does not import.
//
// Usage: node scripts/bundle.mjs [--outfile dist/sdrs-mcp.js] [--entry src/index.ts]
//          [--no-minify] [--no-sourcemap] [--quiet] [--prepack]
// --prepack: npm's prepack hook. npm runs it for `npm pack` and `npm publish` (the tarball needs
// the bundle), but also before a script named `pack`, that is `npm run pack`, which makes the
// .mcpb and bundles into it itself: there it does nothing, so the server is bundled once.
// The entry file is what a host starts. What start-up does not need and src/ imports lazily
// (undici on the first request, yaml with OS_CLOUD, the --demo simulator) goes to chunks/
// beside it, read only when first imported: measured 1.34x -> 1.16x the cold start of a
// bundled minimal SDK server (bench/cold-start.mjs), against one file holding everything.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { viewModulePlugin } from "./view.mjs";
import { packagesOf, zodEnglishOnly } from "./zod-english.mjs";

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
 * Parts of the SDK sdrs-mcp never runs, resolved to stubs in its bundle so that they are not
 * read and compiled before the first `initialize` is answered (~200 KiB of the start-up file):
 * - the default JSON Schema validator (Ajv and its formats), which the SDK's Server imports
 *   statically and builds unless it is given one: sdrs-mcp gives its own (src/mcp/json-schema.ts),
 *   which loads the SDK's validator on demand, from a chunk of its own;
 * - zod 3 and the zod 3 JSON Schema converter, which the SDK's zod helpers import for servers
 *   written with zod 3: every schema of sdrs-mcp is zod 4 (test/mcp/zod-4-only.test.ts).
 * Each stub throws if it is ever called.
 */
const SDK_STUBS = [
  {
    module: /\/validation\/ajv-provider\.js$/,
    importer: /[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]index\.js$/,
    exports: ["class AjvJsonSchemaValidator { constructor() { unused(); } }"],
  },
  {
    module: /^zod\/v3$/,
    importer: /[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]zod-compat\.js$/,
    exports: ["function object() { unused(); }"],
  },
  {
    module: /^zod-to-json-schema$/,
    importer: /[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]zod-json-schema-compat\.js$/,
    exports: ["function zodToJsonSchema() { unused(); }"],
  },
];

/** @type {import("esbuild").Plugin} */
const sdkUnusedParts = {
  name: "sdk-unused-parts",
  setup(build) {
    build.onResolve({ filter: /ajv-provider\.js$|^zod\/v3$|^zod-to-json-schema$/ }, (args) => {
      const stub = SDK_STUBS.findIndex(
        (s) => s.module.test(args.path) && s.importer.test(args.importer),
      );
      return stub < 0 ? undefined : { path: String(stub), namespace: "sdk-unused" };
    });
    build.onLoad({ filter: /.*/, namespace: "sdk-unused" }, (args) => ({
      contents: [
        "function unused() {",
        '  throw new Error("a part of the SDK that sdrs-mcp does not use was called (scripts/bundle.mjs)");',
        "}",
        ...(SDK_STUBS[Number(args.path)]?.exports ?? []).map((e) => `export ${e}`),
      ].join("\n"),
      loader: "js",
    }));
  },
};

/** The licence notices of the bundled packages, beside the entry file (they ship with it). */
const LICENSES_FILE = "THIRD-PARTY-LICENSES.txt";

/**
 * @param {{ entry?: string, outfile?: string, minify?: boolean, sourcemap?: boolean }} options
 * @returns {Promise<{ files: { path: string, bytes: number }[], packageDirs: string[], viewBytes?: number, metafile: import("esbuild").Metafile }>}
 */
export async function bundle(options = {}) {
  const {
    entry = DEFAULT_ENTRY,
    outfile = DEFAULT_OUTFILE,
    minify = true,
    sourcemap = true,
  } = options;
  const outdir = dirname(outfile);
  /** The readiness view, built when the bundle imports it (its own chunk). */
  let view;
  // Chunk names carry a hash: clear the old ones so no stale chunk ships.
  rmSync(resolve(outdir, "chunks"), { recursive: true, force: true });
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The entry's own `#!/usr/bin/env node` line is kept on top; the banner follows it.
    banner: { js: REQUIRE_BANNER },
    outdir,
    splitting: true,
    entryNames: basename(outfile, ".js"),
    chunkNames: "chunks/[name]-[hash]",
    // Halves the file and the .mcpb (cold start measured the same either way). Names may go:
    // error classes set `name` themselves.
    minify,
    sourcemap: sourcemap ? "linked" : false,
    legalComments: "eof",
    metafile: true,
    logLevel: "warning",
    plugins: [
      zodEnglishOnly,
      // Only sdrs-mcp leaves them out (a bundled baseline server is built as it is).
      ...(entry === DEFAULT_ENTRY ? [sdkUnusedParts] : []),
      viewModulePlugin((built) => (view = built)),
    ],
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([p]) => !p.endsWith(".map"));
  const files = outputs.map(([path, output]) => ({ path: resolve(path), bytes: output.bytes }));
  // Every package with code in the output or in the view, for the third-party notices.
  const packages = new Set([...packagesOf(result.metafile), ...(view?.packageDirs ?? [])]);
  const packageDirs = [...packages].sort();
  writeFileSync(join(outdir, LICENSES_FILE), thirdPartyLicenses(packageDirs, basename(outfile)));
  return { files, packageDirs, viewBytes: view?.bytes, metafile: result.metafile };
}

/** Every bundled package's licence text, as those licences ask when their code is shipped. */
function thirdPartyLicenses(dirs, bundledInto) {
  const rule = "=".repeat(72);
  const sections = dirs.map((dir) => {
    const meta = JSON.parse(readFileSync(resolve(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
    const text = file
      ? readFileSync(resolve(dir, file), "utf8").trim()
      : `License: ${meta.license}`;
    return `${rule}\n${meta.name} ${meta.version} (${meta.license})\n${rule}\n\n${text}\n`;
  });
  return `Third-party software bundled into ${bundledInto} and its chunks/\n\n${sections.join("\n")}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      entry: { type: "string" },
      outfile: { type: "string" },
      "no-minify": { type: "boolean" },
      "no-sourcemap": { type: "boolean" },
      quiet: { type: "boolean" },
      prepack: { type: "boolean" },
    },
  });
  if (values.prepack && process.env.npm_command === "run") process.exit(0);
  const outfile = values.outfile ? resolve(values.outfile) : DEFAULT_OUTFILE;
  mkdirSync(dirname(outfile), { recursive: true });
  const started = performance.now();
  const { files, viewBytes } = await bundle({
    ...(values.entry && { entry: resolve(values.entry) }),
    outfile,
    minify: !values["no-minify"],
    sourcemap: !values["no-sourcemap"],
  });
  if (!values.quiet) {
    const ms = Math.round(performance.now() - started);
    for (const f of files) {
      process.stderr.write(
        `${relative(process.cwd(), f.path)}  ${(f.bytes / 1024).toFixed(0)} KiB  (${ms} ms)\n`,
      );
    }
    process.stderr.write(`readiness view (ui://sdrs-mcp/readiness.html): ${viewBytes} bytes\n`);
  }
}
