/**
 * The Node.js version sdrs-mcp needs, checked before anything else is loaded: on an older Node
 * the server would start and then fail every call with misleading network errors (undici 7
 * needs the global File of Node 20). No imports, so this parses and runs on any Node that can
 * load an ES module.
 */

/** Same as package.json "engines" and manifest.json "compatibility" (test/node18.test.ts). */
export const NODE_NEEDED = "20.18.1";

function parts(version: string): number[] {
  return version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}

export function isOlderThan(found: string, needed: string): boolean {
  const a = parts(found);
  const b = parts(needed);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** One line for stderr when `found` is too old, naming both versions and the way out. */
export function nodeVersionRefusal(found: string, execPath: string): string | undefined {
  if (!isOlderThan(found, NODE_NEEDED)) return undefined;
  return (
    `sdrs-mcp needs Node.js ${NODE_NEEDED} or newer but was started by Node.js ${found} ` +
    `(${execPath}). Install a current Node.js LTS and point your MCP host at it: in the ` +
    `host's server entry set "command" to the full path of the newer node binary with the ` +
    `path of sdrs-mcp as the first argument, or, with npx, put the newer Node's folder first ` +
    `in PATH ("env": {"PATH": ...}).`
  );
}
