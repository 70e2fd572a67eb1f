/**
 * A Node binary of another major version for one test, from the npm registry (the
 * `node-<platform>-<arch>` package that the `node` package installs), fetched once into the OS
 * temp folder, outside the repository, and run by its path: never a devDependency, whose binary
 * npm would put first on PATH for every script (the build and the tests stay on the Node that
 * runs them). An environment variable may name a binary instead; without either the caller
 * skips and says why.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function nodeBinary(version: string, envVar: string): { bin: string } | { skip: string } {
  const given = process.env[envVar];
  if (given)
    return existsSync(given) ? { bin: given } : { skip: `${envVar}=${given} does not exist` };
  const platform = { linux: "linux", darwin: "darwin" }[process.platform as string];
  if (!platform || !["x64", "arm64"].includes(process.arch)) {
    return { skip: `no Node ${version} package for ${process.platform}-${process.arch} here` };
  }
  const pkg = `node-${platform}-${process.arch}`;
  const dir = join(tmpdir(), `sdrs-mcp-test-${pkg}-${version}`);
  const bin = join(dir, "package", "bin", "node");
  if (existsSync(bin)) return { bin };
  mkdirSync(dir, { recursive: true });
  const pack = spawnSync(
    "npm",
    ["pack", `${pkg}@${version}`, "--silent", "--pack-destination", dir],
    { encoding: "utf8", timeout: 180_000 },
  );
  const tarball = pack.stdout?.trim().split("\n").at(-1);
  if (pack.status !== 0 || !tarball) {
    const why = (pack.stderr || pack.error?.message || "no output").trim().split("\n")[0];
    return { skip: `could not fetch ${pkg}@${version} with npm pack: ${why}` };
  }
  const untar = spawnSync("tar", ["xzf", join(dir, tarball), "-C", dir, "package/bin/node"], {
    encoding: "utf8",
  });
  rmSync(join(dir, tarball), { force: true });
  if (untar.status !== 0) return { skip: `could not unpack ${tarball}: ${untar.stderr.trim()}` };
  return { bin };
}
