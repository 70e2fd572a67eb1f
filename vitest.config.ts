import { defineConfig, type Plugin } from "vitest/config";
import { buildView, VIEW_MODULE_ID, viewModuleSource } from "./scripts/view.mjs";

/**
 * The readiness view's page, as the bundle makes it (scripts/view.mjs), for the server run from
 * src/ under test: src/mcp/view.ts imports it as a module. Built once per test process.
 */
function readinessView(): Plugin {
  const resolved = `\0${VIEW_MODULE_ID}`;
  let built: Promise<string> | undefined;
  return {
    name: "readiness-view",
    resolveId: (id) => (id === VIEW_MODULE_ID ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      built ??= buildView().then((view) => viewModuleSource(view.html));
      return built;
    },
  };
}

/**
 * Four projects, one per kind of test (CONTRIBUTING.md): `unit` needs no build and runs in
 * seconds; `mcp` drives the server in memory through the SDK client; `e2e` spawns the built
 * server as a host would; `stress` feeds hostile and generated inputs. `npm test` runs them all.
 */
export default defineConfig({
  plugins: [readinessView()],
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: ["unit", "mcp", "e2e", "stress"].map((name) => ({
      extends: true,
      test: { name, include: [`test/${name}/**/*.test.ts`] },
    })),
  },
});
