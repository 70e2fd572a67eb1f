/**
 * Node older than 20.18.1: the bundle must refuse at once (exit 2) with one line naming both
 * versions, which needs it to parse and start on that old Node. A Node 18 binary comes
 * from the npm registry (the `node-<platform>-<arch>` package that the `node` package installs),
 * fetched once into the OS temp folder, outside the repository; SDRS_MCP_NODE18 may name one
 * instead. Without either, the test is skipped and says why.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isOlderThan, NODE_NEEDED, nodeVersionRefusal } from "../../src/node-version.js";
import { nodeBinary } from "../helpers/node-binary.js";
import { BUNDLE, CLEAN_ENV } from "../helpers/stdio.js";

const NODE18_VERSION = "18.20.8";

describe("the Node version guard", () => {
  it("compares versions part by part", () => {
    expect(isOlderThan("18.20.8", NODE_NEEDED)).toBe(true);
    expect(isOlderThan("20.18.0", NODE_NEEDED)).toBe(true);
    expect(isOlderThan("20.9.0", NODE_NEEDED)).toBe(true);
    expect(isOlderThan("20.18.1", NODE_NEEDED)).toBe(false);
    expect(isOlderThan("20.20.2", NODE_NEEDED)).toBe(false);
    expect(isOlderThan("22.1.0", NODE_NEEDED)).toBe(false);
    expect(nodeVersionRefusal(process.versions.node, process.execPath)).toBeUndefined();
  });

  it("needs the version package.json and manifest.json promise", () => {
    const root = new URL("../..", import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
    const manifest = JSON.parse(readFileSync(new URL("manifest.json", root), "utf8"));
    expect(pkg.engines.node).toBe(`>=${NODE_NEEDED}`);
    expect(manifest.compatibility.runtimes.node).toBe(`>=${NODE_NEEDED}`);
  });

  const found = nodeBinary(NODE18_VERSION, "SDRS_MCP_NODE18");
  const why = "skip" in found ? found.skip : "";
  if (why) console.warn(`skipped: the bundle under Node 18: ${why}`);

  it.skipIf(why !== "")(
    "refuses under Node 18 with one line naming both versions and the way out, exit 2",
    () => {
      const bin = "bin" in found ? found.bin : "";
      const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim();
      expect(version).toMatch(/^v18\./);
      const run = spawnSync(bin, [BUNDLE, "--demo"], {
        env: CLEAN_ENV,
        input: "",
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      const lines = run.stderr.split("\n").filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`Node.js ${NODE_NEEDED} or newer`);
      expect(lines[0]).toContain(`Node.js ${version.slice(1)}`);
      expect(lines[0]).toContain('"command"');
    },
    200_000,
  );
});
