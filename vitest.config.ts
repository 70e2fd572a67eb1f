import { defineConfig } from "vitest/config";

/**
 * Four projects, one per kind of test (CONTRIBUTING.md): `unit` needs no build and runs in
 * seconds; `mcp` drives the server in memory through the SDK client; `e2e` spawns the built
 * server as a host would; `stress` feeds hostile and generated inputs. `npm test` runs them all.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: ["unit", "mcp", "e2e", "stress"].map((name) => ({
      extends: true,
      test: { name, include: [`test/${name}/**/*.test.ts`] },
    })),
  },
});
