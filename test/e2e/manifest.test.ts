/**
 * manifest.json (MCP Bundle) checked with the official toolkit: its strict schema, and its
 * variable substitution (getMcpConfigForManifest, the code Claude Desktop runs) fed into our own
 * loadConfig, so that whatever a user fills in or leaves empty reaches the server as meant.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  getMcpConfigForManifest,
  MANIFEST_SCHEMAS,
  type McpbManifestAny,
  type McpbUserConfigValues,
  validateManifest,
} from "@anthropic-ai/mcpb";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { SETTINGS, type Setting } from "../../src/config/settings.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MANIFEST_PATH = join(ROOT, "manifest.json");
const manifest = JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as McpbManifestAny & {
  manifest_version: string;
  privacy_policies: string[];
  user_config: Record<
    string,
    { type: string; title: string; default?: unknown; sensitive?: boolean }
  >;
};
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  engines: { node: string };
};

/** user_config key -> the variable of CONTRACT.md it sets. */
const ENV_OF = {
  auth_token: "OS_AUTH_TOKEN",
  access_key: "OS_ACCESS_KEY",
  secret_key: "OS_SECRET_KEY",
  security_token: "OS_SECURITY_TOKEN",
  username: "OS_USERNAME",
  password: "OS_PASSWORD",
  user_domain_name: "OS_USER_DOMAIN_NAME",
  project_id: "OS_PROJECT_ID",
  project_name: "OS_PROJECT_NAME",
  region: "OS_REGION_NAME",
  cloud: "OS_CLOUD",
  clouds_file: "OS_CLIENT_CONFIG_FILE",
  sdrs_endpoint: "SDRS_ENDPOINT",
  auth_url: "OS_AUTH_URL",
  allow_write: "SDRS_MCP_ALLOW_WRITE",
  https_proxy: "HTTPS_PROXY",
  no_proxy: "NO_PROXY",
  ca_file: "OS_CACERT",
} as const;
const SENSITIVE = [
  "auth_token",
  "access_key",
  "secret_key",
  "security_token",
  "password",
  "https_proxy",
];
const PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const EXTENSION_DIR = join(ROOT, "dist", "mcpb");

async function resolveConfig(userConfig: McpbUserConfigValues) {
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath: EXTENSION_DIR,
    systemDirs: { HOME: "/home/u", DESKTOP: "/home/u/Desktop", DOCUMENTS: "/home/u/Documents" },
    userConfig,
    pathSeparator: "/",
  });
  if (!config) throw new Error("getMcpConfigForManifest returned nothing");
  return { ...config, env: config.env ?? {}, args: config.args ?? [] };
}

describe("manifest.json", () => {
  it("passes the strict MCPB 0.3 schema and mcpb validate", () => {
    expect(manifest.manifest_version).toBe("0.3");
    const parsed = MANIFEST_SCHEMAS["0.3"].safeParse(manifest);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(validateManifest(MANIFEST_PATH)).toBe(true);
    } finally {
      log.mockRestore();
    }
  });

  it("describes the package: name, version, runtime, license, privacy policy", () => {
    expect(manifest.name).toBe("sdrs-mcp");
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.license).toBe("MIT");
    expect(manifest.compatibility?.runtimes?.node).toBe(pkg.engines.node);
    expect(manifest.compatibility?.platforms).toEqual(["darwin", "win32", "linux"]);
    expect(manifest.privacy_policies.length).toBeGreaterThan(0);
    for (const url of manifest.privacy_policies) expect(url).toMatch(/^https:\/\//);
  });

  it("runs the single-file server with node", () => {
    expect(manifest.server.type).toBe("node");
    expect(manifest.server.entry_point).toBe("server/index.js");
    expect(manifest.server.mcp_config?.command).toBe("node");
    expect(manifest.server.mcp_config?.args).toEqual([
      `\${__dirname}/${manifest.server.entry_point}`,
    ]);
  });

  it("maps every user_config field onto one configuration variable of the contract", () => {
    const env = manifest.server.mcp_config?.env ?? {};
    expect(env).toEqual({
      ...Object.fromEntries(
        Object.entries(ENV_OF).map(([key, name]) => [name, `\${user_config.${key}}`]),
      ),
      // Says that the server runs as a bundle: no --demo hint, settings named by title.
      SDRS_MCP_BUNDLE: "1",
    });
    expect(Object.keys(manifest.user_config).sort()).toEqual(Object.keys(ENV_OF).sort());
  });

  it("leads with lasting credentials; the token is labelled a quick try, valid 24 hours", () => {
    const keys = Object.keys(manifest.user_config);
    expect(keys.slice(0, 2)).toEqual(["access_key", "secret_key"]);
    expect(keys.indexOf("cloud")).toBeLessThan(keys.indexOf("auth_token"));
    expect(keys.indexOf("username")).toBeLessThan(keys.indexOf("auth_token"));
    expect(manifest.user_config.auth_token?.title).toContain("quick try");
    expect(manifest.user_config.auth_token).toMatchObject({
      description: expect.stringContaining("valid 24 hours"),
    });
    expect(manifest.user_config.ca_file).toMatchObject({
      type: "file",
      title: "CA certificate file",
    });
  });

  it("gives every field a default, so no field left empty reaches the server as a placeholder", () => {
    for (const [key, field] of Object.entries(manifest.user_config)) {
      expect(field, key).not.toHaveProperty("required", true);
      expect(field.default, key).toBe(field.type === "boolean" ? false : "");
    }
    expect(manifest.user_config.allow_write?.type).toBe("boolean");
  });

  it("titles every field as the server's problem texts name it (src/settings.ts)", () => {
    const settings = SETTINGS as Record<string, Setting>;
    for (const [key, name] of Object.entries(ENV_OF)) {
      expect(settings[name]?.bundleTitle, key).toBe(manifest.user_config[key]?.title);
      expect(!!settings[name]?.secret, key).toBe(!!manifest.user_config[key]?.sensitive);
    }
    const titled = Object.entries(settings).filter(([, s]) => s.bundleTitle);
    expect(titled.map(([name]) => name).sort()).toEqual(Object.values(ENV_OF).sort());
  });

  it("masks exactly the secrets", () => {
    const masked = Object.entries(manifest.user_config)
      .filter(([, field]) => field.sensitive)
      .map(([key]) => key);
    expect(masked.sort()).toEqual([...SENSITIVE].sort());
  });

  describe("substitution by the MCPB toolkit, read back by loadConfig", () => {
    const noLiterals = (values: string[]) => {
      for (const value of values) expect(value).not.toMatch(/\$\{/);
    };

    it("(a) every field set: the token wins, deletions allowed, no placeholder left", async () => {
      const config = await resolveConfig({
        auth_token: "tok-a",
        access_key: "AK",
        secret_key: "SK",
        security_token: "ST",
        username: "user",
        password: "pw",
        user_domain_name: "OTC-EU-DE-1",
        project_id: PROJECT_ID,
        project_name: "eu-nl_sub",
        region: "eu-nl",
        cloud: "",
        sdrs_endpoint: "https://sdrs.example.test",
        auth_url: "https://iam.example.test/v3",
        allow_write: true,
      });
      expect(config.command).toBe("node");
      expect(config.args).toEqual([join(EXTENSION_DIR, "server/index.js")]);
      noLiterals([...config.args, ...Object.values(config.env)]);
      expect(config.env).toMatchObject({
        OS_AUTH_TOKEN: "tok-a",
        OS_PROJECT_NAME: "eu-nl_sub",
        SDRS_MCP_ALLOW_WRITE: "true",
      });
      const result = loadConfig(config.env, config.args.slice(1));
      expect(result.kind === "invalid" ? result.problems : []).toEqual([]);
      expect(result).toMatchObject({
        kind: "serve",
        config: {
          credentials: { kind: "token", token: "tok-a" },
          projectId: PROJECT_ID,
          region: "eu-nl",
          endpoint: "https://sdrs.example.test",
          authUrl: "https://iam.example.test/v3",
          allowWrite: true,
        },
      });
    });

    it("(b) only token and project ID: the rest arrives empty and counts as unset", async () => {
      const config = await resolveConfig({ auth_token: "tok-b", project_id: PROJECT_ID });
      noLiterals([...config.args, ...Object.values(config.env)]);
      expect(config.env.OS_AUTH_TOKEN).toBe("tok-b");
      expect(config.env.OS_PROJECT_ID).toBe(PROJECT_ID);
      expect(config.env.SDRS_MCP_ALLOW_WRITE).toBe("false");
      for (const [name, value] of Object.entries(config.env)) {
        if (
          !["OS_AUTH_TOKEN", "OS_PROJECT_ID", "SDRS_MCP_ALLOW_WRITE", "SDRS_MCP_BUNDLE"].includes(
            name,
          )
        ) {
          expect(value, name).toBe("");
        }
      }
      const result = loadConfig(config.env, config.args.slice(1));
      expect(result.kind === "invalid" ? result.problems : []).toEqual([]);
      expect(result).toMatchObject({
        kind: "serve",
        config: {
          credentials: { kind: "token", token: "tok-b" },
          projectId: PROJECT_ID,
          region: "eu-de",
          authUrl: "https://iam.eu-de.otc.t-systems.com/v3",
          allowWrite: false,
        },
      });
      expect(result.kind === "serve" && result.config.endpoint).toBeFalsy();
    });

    it("(c) nothing filled in: the server names what is missing instead of misreading a placeholder", async () => {
      const config = await resolveConfig({});
      noLiterals(Object.values(config.env));
      const result = loadConfig(config.env, []);
      // The server starts anyway (read-only) and every tool call names what to fill in.
      expect(result).toMatchObject({
        kind: "unconfigured",
        settings: { allowWrite: false, bundle: true, caFiles: [] },
      });
      const problems = result.kind === "unconfigured" ? result.problems : [];
      // Every missing setting at once: credentials and the project.
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain("no credentials");
      for (const key of ["auth_token", "access_key", "secret_key", "username", "password"]) {
        expect(problems[0]).toContain(`(setting "${manifest.user_config[key]?.title}")`);
      }
      expect(problems[1]).toContain("no project");
      expect(problems[1]).toContain(`(setting "${manifest.user_config.project_id?.title}")`);
      expect(problems.join("\n")).not.toMatch(/user_config|must be/);
      // A bundle user cannot pass flags.
      expect(problems.join("\n")).not.toContain("--demo");
    });
  });
});
