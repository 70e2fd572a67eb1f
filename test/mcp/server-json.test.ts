/**
 * server.json for the official MCP Registry: valid against the registry's schema (2025-09-29,
 * kept as test data, see test/fixtures/mcp-registry/SOURCE.md), and in agreement with what it
 * describes: package.json (name, version, mcpName), the variables the server reads
 * (src/config/settings.ts), manifest.json's settings and docs/configuration.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import { describe, expect, it } from "vitest";
import { SETTINGS, type Setting } from "../../src/config/settings.js";
import { VERSION } from "../../src/version.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
const schema = readJson("test/fixtures/mcp-registry/server.schema.2025-09-29.json");
const server = readJson("server.json");
const pkg = readJson("package.json");
const manifest = readJson("manifest.json");

interface EnvironmentVariable {
  name: string;
  description?: string;
  isSecret?: boolean;
  isRequired?: boolean;
}
const npmPackage = server.packages?.[0];
const variables: EnvironmentVariable[] = npmPackage?.environmentVariables ?? [];

function validator() {
  const ajv = new Ajv({ allErrors: true });
  // ajv-formats is CommonJS: Node hands its function over as the default export itself, the
  // types describe it as `.default` of that.
  const plugin = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
  (plugin.default ?? plugin)(ajv);
  ajv.addVocabulary(["example"]); // annotation used throughout the registry's schema
  return ajv.compile(schema);
}

describe("server.json", () => {
  const validate = validator();

  it("validates against the registry's schema 2025-09-29", () => {
    expect(schema.$id).toBe(
      "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json",
    );
    expect(server.$schema).toBe(schema.$id);
    validate(server);
    expect(validate.errors ?? []).toEqual([]);
  });

  it("is checked by a schema that rejects what the registry rejects", () => {
    const longer = { ...server, description: "x".repeat(101) };
    expect(validate(longer)).toBe(false);
    const latest = { ...server, packages: [{ ...npmPackage, version: "latest" }] };
    expect(validate(latest)).toBe(false);
    expect(validate({ ...server, name: "sdrs-mcp" })).toBe(false);
  });

  it("has a reverse-DNS name equal to package.json's mcpName, the registry's proof of ownership", () => {
    expect(server.name).toMatch(/^io\.github\.[A-Za-z0-9-]+\/sdrs-mcp$/);
    expect(pkg.mcpName).toBe(server.name);
    expect(server.description.length).toBeLessThanOrEqual(100);
  });

  it("names the npm package at exactly the version of package.json, run by npx over stdio", () => {
    expect(server.version).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
    expect(manifest.version).toBe(pkg.version);
    expect(server.packages).toHaveLength(1);
    expect(npmPackage).toMatchObject({
      registryType: "npm",
      registryBaseUrl: "https://registry.npmjs.org",
      identifier: pkg.name,
      version: pkg.version,
      runtimeHint: "npx",
      transport: { type: "stdio" },
    });
  });

  it("lists every variable a user sets, described, the secrets marked", () => {
    const settings = SETTINGS as Record<string, Setting>;
    expect(variables.map((v) => v.name)).toEqual(Object.keys(settings));
    for (const variable of variables) {
      expect(variable.description?.length ?? 0, variable.name).toBeGreaterThan(20);
      expect(variable.isSecret ?? false, variable.name).toBe(!!settings[variable.name]?.secret);
      // Each of them is optional: credentials come in several kinds, and --demo needs none.
      expect(variable.isRequired ?? false, variable.name).toBe(false);
    }
  });

  it("agrees with manifest.json: each bundle setting's variable is listed, secret if masked", () => {
    const env: Record<string, string> = manifest.server.mcp_config.env;
    const byName = new Map(variables.map((v) => [v.name, v]));
    for (const [name, value] of Object.entries(env)) {
      const key = /^\$\{user_config\.(\w+)\}$/.exec(value)?.[1];
      // A fixed value (SDRS_MCP_BUNDLE=1) is the bundle's own, not a setting of the user.
      if (key === undefined) continue;
      expect(byName.has(name), name).toBe(true);
      expect(byName.get(name)?.isSecret ?? false, name).toBe(
        !!manifest.user_config[key]?.sensitive,
      );
    }
  });

  it("lists only variables the configuration reference documents", () => {
    const reference = readFileSync(join(ROOT, "docs/configuration.md"), "utf8");
    const undocumented = variables
      .map((v) => v.name)
      .filter((n) => !reference.includes(`\`${n}\``));
    expect(undocumented).toEqual([]);
  });
});
