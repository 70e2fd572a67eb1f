/**
 * The layering the folders promise, checked on the import lines of every source file: the MCP
 * SDK only in src/mcp/ and the entry point (so moving to SDK v2 is one folder's work), an API
 * client and auth that know nothing of MCP, and a simulator that shares no code with the client.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module specifier a file imports, statically or with import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

/** Imports of one file as paths relative to src/ (packages stay as they are). */
function resolvedImports(file: string): string[] {
  return importsOf(file).map((spec) =>
    spec.startsWith(".") ? relative(SRC, resolve(dirname(file), spec)) : spec,
  );
}

const files = sourceFiles(SRC).map((path) => ({ path, name: relative(SRC, path) }));

describe("architecture", () => {
  it("finds the source tree", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => f.name.startsWith("mcp/tools/"))).toBe(true);
  });

  it("imports the MCP SDK only in src/mcp/ and src/index.ts", () => {
    const offenders = files
      // The readiness view (browser code) imports the ext-apps App client, and only that.
      .filter((f) => !f.name.startsWith("view/"))
      .filter((f) => !f.name.startsWith("mcp/") && f.name !== "index.ts")
      .filter((f) => importsOf(f.path).some((spec) => spec.startsWith("@modelcontextprotocol/")))
      .map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it("keeps the API client and auth free of MCP, tools and answers", () => {
    const offenders = files
      .filter((f) => f.name.startsWith("sdrs/") || f.name.startsWith("auth/"))
      .flatMap((f) =>
        resolvedImports(f.path)
          .filter((spec) => /^(mcp|format|simulator)\//.test(spec) || spec.startsWith("@model"))
          .map((spec) => `${f.name} -> ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps tools and resources from importing each other", () => {
    const offenders = files.flatMap((f) =>
      resolvedImports(f.path)
        .filter(
          (spec) =>
            (f.name.startsWith("mcp/tools/") && spec.startsWith("mcp/resources")) ||
            (f.name.startsWith("mcp/resources") && spec.startsWith("mcp/tools/")),
        )
        .map((spec) => `${f.name} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps answers (format/) free of MCP and I/O", () => {
    const offenders = files
      .filter((f) => f.name.startsWith("format/"))
      .flatMap((f) =>
        resolvedImports(f.path)
          .filter((spec) => /^(mcp|simulator)\//.test(spec) || spec.startsWith("@model"))
          .map((spec) => `${f.name} -> ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("shares no code between the simulator and the rest", () => {
    const offenders = files.flatMap((f) => {
      const inSim = f.name.startsWith("simulator/");
      return (
        resolvedImports(f.path)
          .filter((spec) => spec.endsWith(".js") && !spec.startsWith("@"))
          .filter((spec) =>
            inSim ? !spec.startsWith("simulator/") : spec.startsWith("simulator/"),
          )
          // The one door to the simulator: --demo starts it from upstream.ts.
          .filter(() => inSim || f.name !== "app/upstream.ts")
          .map((spec) => `${f.name} -> ${spec}`)
      );
    });
    expect(offenders).toEqual([]);
  });
});
