// An esbuild plugin shared by the server bundle and the readiness view (scripts/view.mjs).
import { dirname, resolve } from "node:path";

/**
 * zod's classic API imports every one of its ~50 locales (about 258 KiB of the start-up file)
 * only to re-export them as `z.locales`; sdrs-mcp uses none of them (English messages come from
 * `locales/en.js`, which zod imports directly). Resolve zod's locales index to English alone.
 * The view's ext-apps client uses zod as well: the same plugin halves the view (509 -> 258 KiB).
 * @type {import("esbuild").Plugin}
 */
export const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: resolve(args.resolveDir, args.path), namespace: "zod-locales" };
    });
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/** Every package with code in an esbuild output (metafile), for the third-party notices. */
export function packagesOf(metafile) {
  const packages = new Set();
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (path.endsWith(".map")) continue;
    for (const input of Object.keys(output.inputs)) {
      if (input.startsWith("zod-locales:")) continue; // the plugin's own module (zod ships too)
      const dir = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//)?.[1];
      if (dir) packages.add(resolve(dir));
    }
  }
  return packages;
}
