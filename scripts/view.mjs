// Builds the readiness view (src/view/, an MCP App): its TypeScript bundled for the browser with
// the ext-apps App client, its stylesheet, both inlined into src/view/index.html. One
// self-contained HTML document: no external URL, nothing to fetch (its CSP forbids it).
//
// The server bundle takes it as the module `virtual:sdrs-mcp/readiness-html` (viewModulePlugin:
// a chunk of its own, read only when a host reads ui://sdrs-mcp/readiness.html, so stdio
// start-up never loads it); vitest resolves the same module with the same build
// (vitest.config.ts), so tests run from src/ serve what ships.
//
// Usage: node scripts/view.mjs [--out file.html]   (writes the page, prints its size)
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build, transform } from "esbuild";
import { packagesOf, zodEnglishOnly } from "./zod-english.mjs";

const VIEW_DIR = fileURLToPath(new URL("../src/view/", import.meta.url));
const VERSION = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;
export const VIEW_MODULE_ID = "virtual:sdrs-mcp/readiness-html";
/** The contract's bound: under 600 KB (the ext-apps App client alone is about half of it). */
export const VIEW_MAX_BYTES = 600_000;

/**
 * @param {{ minify?: boolean }} [options]
 * @returns {Promise<{ html: string, bytes: number, packageDirs: string[] }>}
 */
export async function buildView(options = {}) {
  const minify = options.minify ?? true;
  const script = await build({
    entryPoints: [resolve(VIEW_DIR, "main.ts")],
    tsconfig: resolve(VIEW_DIR, "tsconfig.json"),
    bundle: true,
    platform: "browser",
    format: "iife",
    // What hosts embed views in: current Chromium (Claude desktop, VS Code, Cursor), Safari, Firefox.
    target: ["chrome111", "firefox113", "safari16.4"],
    minify,
    write: false,
    metafile: true,
    // The notices of the bundled packages ship in THIRD-PARTY-LICENSES.txt beside the server.
    legalComments: "none",
    logLevel: "warning",
    plugins: [zodEnglishOnly],
    // zod (inside the App client) probes `new Function` when its schemas are built; under the
    // view's CSP that probe is a reported violation. zod skips it in jitless mode, read from
    // this global, which must be set before zod's first schema: so before any module runs.
    banner: { js: "globalThis.__zod_globalConfig={jitless:true};" },
    define: { SDRS_MCP_VERSION: JSON.stringify(VERSION) },
  });
  const css = await transform(readFileSync(resolve(VIEW_DIR, "styles.css"), "utf8"), {
    loader: "css",
    minify,
  });
  const js = script.outputFiles[0]?.text ?? "";
  const html = inline(readFileSync(resolve(VIEW_DIR, "index.html"), "utf8"), {
    style: guard(css.code, /<\/style/i, "stylesheet"),
    script: guard(js, /<\/script|<!--/i, "script"),
  });
  const bytes = Buffer.byteLength(html);
  if (bytes >= VIEW_MAX_BYTES) {
    throw new Error(`the readiness view is ${bytes} bytes, over its ${VIEW_MAX_BYTES}-byte bound`);
  }
  return { html, bytes, packageDirs: [...packagesOf(script.metafile)].sort() };
}

/**
 * Fills each `/* {{name}} *\/` placeholder of the template once (a comment, so the template
 * stays valid HTML, CSS and JS for the linter; a function replacement, so `$` stays literal).
 */
function inline(template, parts) {
  let html = template;
  for (const [name, text] of Object.entries(parts)) {
    const marker = `/* {{${name}}} */`;
    if (html.split(marker).length !== 2) throw new Error(`index.html needs one ${marker}`);
    html = html.replace(marker, () => text);
  }
  return html;
}

/** Inline code must not end its element early; esbuild escapes `</script` in strings itself. */
function guard(code, pattern, what) {
  if (pattern.test(code))
    throw new Error(`the view's ${what} holds ${pattern}: it cannot be inlined`);
  return code;
}

/** The module the server imports: the page as one string. */
export function viewModuleSource(html) {
  return `export const READINESS_HTML = ${JSON.stringify(html)};\n`;
}

/**
 * esbuild plugin: resolves VIEW_MODULE_ID to the built page; `onBuilt` gets the build (its
 * packages need their licence notices too).
 * @param {(view: Awaited<ReturnType<typeof buildView>>) => void} [onBuilt]
 * @returns {import("esbuild").Plugin}
 */
export function viewModulePlugin(onBuilt) {
  return {
    name: "readiness-view",
    setup(b) {
      b.onResolve({ filter: /^virtual:sdrs-mcp\/readiness-html$/ }, (args) => ({
        path: args.path,
        namespace: "readiness-view",
      }));
      b.onLoad({ filter: /.*/, namespace: "readiness-view" }, async () => {
        const view = await buildView();
        onBuilt?.(view);
        return { contents: viewModuleSource(view.html), loader: "js" };
      });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const view = await buildView();
  if (values.out) writeFileSync(resolve(values.out), view.html);
  process.stderr.write(
    `readiness view: ${view.bytes} bytes (${(view.bytes / 1024).toFixed(0)} KiB)\n`,
  );
}
