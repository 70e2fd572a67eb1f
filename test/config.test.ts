import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type CloudsDocument, readCloudsDocument } from "../src/auth/clouds.js";
import { type Config, loadConfig } from "../src/config.js";

const PID = "0123456789abcdef0123456789abcdef";
const unset = (field: string) => `\${user_config.${field}}`;
const base = { OS_AUTH_TOKEN: "tok-123456", OS_PROJECT_ID: PID };

function serve(
  env: Record<string, string>,
  argv: string[] = [],
  files: CloudsDocument[] = [],
): Config {
  const result = loadConfig(env, argv, files);
  if (result.kind !== "serve") throw new Error(`expected serve, got ${JSON.stringify(result)}`);
  return result.config;
}

function problems(
  env: Record<string, string>,
  argv: string[] = [],
  files: CloudsDocument[] = [],
): string[] {
  const result = loadConfig(env, argv, files);
  if (result.kind !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
  return result.problems;
}

describe("loadConfig", () => {
  it("reads the token path with defaults", () => {
    expect(serve(base)).toEqual({
      credentials: { kind: "token", token: "tok-123456" },
      projectId: PID,
      region: "eu-de",
      authUrl: "https://iam.eu-de.otc.t-systems.com/v3",
      logLevel: "info",
      timeoutMs: 15000,
      toolTimeoutMs: 30000,
      concurrency: 8,
      retries: 2,
      allowWrite: false,
      demo: false,
    });
  });

  it("accepts the aliases OS_TOKEN and OS_TENANT_ID", () => {
    const config = serve({ OS_TOKEN: "tok-abc", OS_TENANT_ID: PID });
    expect(config.credentials).toEqual({ kind: "token", token: "tok-abc" });
    expect(config.projectId).toBe(PID);
  });

  it("treats unset MCP Bundle fields and blanks as unset", () => {
    const config = serve({
      ...base,
      OS_REGION_NAME: unset("region"),
      SDRS_ENDPOINT: "  ",
      SDRS_MCP_LOG_LEVEL: unset("log_level"),
    });
    expect(config.region).toBe("eu-de");
    expect(config.endpoint).toBeUndefined();
    expect(config.logLevel).toBe("info");
    expect(problems({ OS_AUTH_TOKEN: unset("token"), OS_PROJECT_ID: PID })[0]).toMatch(
      /no credentials/,
    );
  });

  it("derives the region from a sub-project name", () => {
    const config = serve({ ...base, OS_PROJECT_NAME: "eu-nl_analytics" });
    expect(config.region).toBe("eu-nl");
    expect(config.authUrl).toBe("https://iam.eu-nl.otc.t-systems.com/v3");
    expect(serve({ ...base, OS_REGION_NAME: "eu-ch2" }).region).toBe("eu-ch2");
  });

  it("accepts https endpoints and http only on loopback", () => {
    expect(serve({ ...base, SDRS_ENDPOINT: "https://sdrs.example.com:8443/" }).endpoint).toBe(
      "https://sdrs.example.com:8443",
    );
    expect(serve({ ...base, SDRS_ENDPOINT: "http://127.0.0.1:9000" }).endpoint).toBe(
      "http://127.0.0.1:9000",
    );
    expect(serve({ ...base, SDRS_ENDPOINT: "http://localhost:9000" }).endpoint).toBe(
      "http://localhost:9000",
    );
    expect(serve({ ...base, SDRS_ENDPOINT: "http://[::1]:9000" }).endpoint).toBe(
      "http://[::1]:9000",
    );
    expect(problems({ ...base, SDRS_ENDPOINT: "http://sdrs.example.com" })).toEqual([
      "SDRS_ENDPOINT must use https:// (http:// is accepted only for localhost/127.0.0.1)",
    ]);
    expect(problems({ ...base, SDRS_ENDPOINT: "not a url" })[0]).toMatch(
      /SDRS_ENDPOINT .* is not a URL/,
    );
  });

  it("accepts the catalog form of the SDRS URL", () => {
    const url = `https://sdrs.eu-de.otc.t-systems.com/v1/${PID}`;
    expect(serve({ ...base, SDRS_ENDPOINT: url }).endpoint).toBe(
      "https://sdrs.eu-de.otc.t-systems.com",
    );
  });

  it("lists every problem at once", () => {
    const found = problems(
      {
        OS_PROJECT_ID: "not-hex",
        SDRS_MCP_LOG_LEVEL: "loud",
        SDRS_MCP_TIMEOUT_MS: "fast",
        SDRS_MCP_ALLOW_WRITE: "maybe",
        SDRS_ENDPOINT: "ftp://x",
      },
      ["--bogus"],
    );
    expect(found).toHaveLength(7);
    expect(found.join("\n")).toMatch(/unknown argument "--bogus"/);
    expect(found.join("\n")).toMatch(/OS_PROJECT_ID must be 32 lowercase hexadecimal/);
    expect(found.join("\n")).toMatch(/SDRS_MCP_LOG_LEVEL "loud" must be one of/);
    expect(found.join("\n")).toMatch(/SDRS_MCP_TIMEOUT_MS "fast"/);
    expect(found.join("\n")).toMatch(/SDRS_MCP_ALLOW_WRITE "maybe"/);
    expect(found.join("\n")).toMatch(/SDRS_ENDPOINT must use https/);
    expect(found.join("\n")).toMatch(/no credentials/);
  });

  it("validates the timeout range", () => {
    expect(serve({ ...base, SDRS_MCP_TIMEOUT_MS: "2500" }).timeoutMs).toBe(2500);
    expect(problems({ ...base, SDRS_MCP_TIMEOUT_MS: "0" })).toEqual([
      'SDRS_MCP_TIMEOUT_MS "0" must be a whole number from 100 to 300000',
    ]);
    expect(problems({ ...base, SDRS_MCP_TIMEOUT_MS: "1e4" })[0]).toMatch(/whole number/);
    expect(
      serve({ ...base, SDRS_MCP_CONCURRENCY: "3", SDRS_MCP_TOOL_TIMEOUT_MS: "5000" }),
    ).toMatchObject({
      concurrency: 3,
      toolTimeoutMs: 5000,
    });
    expect(problems({ ...base, SDRS_MCP_CONCURRENCY: "0" })[0]).toMatch(
      /SDRS_MCP_CONCURRENCY "0" must be a whole number from 1 to 32/,
    );
  });

  it("needs a project with real credentials but not in demo mode", () => {
    expect(problems({ OS_AUTH_TOKEN: "tok-1234" })).toEqual([
      "no project: set OS_PROJECT_ID (32 hex characters)",
    ]);
    expect(
      problems({ OS_ACCESS_KEY: "AK", OS_SECRET_KEY: "SK", OS_PROJECT_NAME: "eu-de_x" })[0],
    ).toMatch(/OS_PROJECT_NAME alone is enough only with password authentication/);
    const password = { OS_USERNAME: "u", OS_PASSWORD: "p", OS_USER_DOMAIN_NAME: "d" };
    expect(problems(password)).toEqual([
      "no project: set OS_PROJECT_ID (32 hex characters) or OS_PROJECT_NAME",
    ]);
    expect(serve({ ...password, OS_PROJECT_NAME: "eu-de_x" }).projectName).toBe("eu-de_x");
    const demo = serve({}, ["--demo"]);
    expect(demo.credentials).toEqual({ kind: "demo" });
    expect(demo.demo).toBe(true);
  });

  it("orders credentials token, then AK/SK, then password", () => {
    const all = {
      OS_PROJECT_ID: PID,
      OS_AUTH_TOKEN: "tok-1234",
      OS_ACCESS_KEY: "AK",
      OS_SECRET_KEY: "SK",
      OS_USERNAME: "u",
      OS_PASSWORD: "p",
      OS_USER_DOMAIN_NAME: "d",
    };
    expect(serve(all).credentials.kind).toBe("token");
    const { OS_AUTH_TOKEN: _t, ...noToken } = all;
    expect(serve(noToken).credentials).toEqual({ kind: "aksk", accessKey: "AK", secretKey: "SK" });
    const { OS_ACCESS_KEY: _a, OS_SECRET_KEY: _s, ...passwordOnly } = noToken;
    expect(serve(passwordOnly).credentials).toEqual({
      kind: "password",
      username: "u",
      password: "p",
      userDomainName: "d",
    });
  });

  it("names what is missing for AK/SK and password", () => {
    expect(problems({ OS_PROJECT_ID: PID, OS_ACCESS_KEY: "AK" })).toEqual([
      "AK/SK signing needs both OS_ACCESS_KEY and OS_SECRET_KEY",
    ]);
    expect(problems({ OS_PROJECT_ID: PID, OS_USERNAME: "u" })).toEqual([
      "password authentication needs OS_PASSWORD",
      "password authentication needs OS_USER_DOMAIN_NAME or OS_USER_DOMAIN_ID",
    ]);
  });

  it("handles flags", () => {
    expect(loadConfig({}, ["--help"])).toEqual({ kind: "help" });
    expect(loadConfig({}, ["-v"])).toEqual({ kind: "version" });
    expect(serve(base, ["--allow-write"]).allowWrite).toBe(true);
    expect(serve({ ...base, SDRS_MCP_ALLOW_WRITE: "true" }).allowWrite).toBe(true);
    expect(problems(base, ["extra"])).toEqual([
      'unknown argument "extra": allowed are --demo, --allow-write, --help, -h, --version, -v',
    ]);
  });

  describe("with OS_CLOUD", () => {
    const clouds = (path: string, text: string) => readCloudsDocument(path, "clouds", text, parse);
    const secure = (path: string, text: string) => readCloudsDocument(path, "secure", text, parse);
    const etc = clouds(
      "/etc/openstack/clouds.yaml",
      `clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: https://iam.eu-nl.otc.t-systems.com/v3
      username: etc-user
      project_name: eu-nl_prod
      user_domain_name: OTC00000000001000000001
`,
    );
    const home = clouds(
      "~/.config/openstack/clouds.yaml",
      `clouds:
  otc:
    auth:
      username: alice
  other:
    auth: { token: x }
`,
    );
    const homeSecure = secure(
      "~/.config/openstack/secure.yaml",
      "clouds:\n  otc:\n    auth:\n      password: s3cret\n",
    );

    it("merges the files, more specific locations and secure.yaml winning", () => {
      const config = serve({ OS_CLOUD: "otc" }, [], [etc, home, homeSecure]);
      expect(config.credentials).toEqual({
        kind: "password",
        username: "alice",
        password: "s3cret",
        userDomainName: "OTC00000000001000000001",
      });
      expect(config.region).toBe("eu-nl");
      expect(config.projectName).toBe("eu-nl_prod");
      expect(config.authUrl).toBe("https://iam.eu-nl.otc.t-systems.com/v3");
    });

    it("lets the environment override file values, aliases included", () => {
      const config = serve(
        {
          OS_CLOUD: "otc",
          OS_USERNAME: "bob",
          OS_TENANT_NAME: "eu-de_dev",
          OS_REGION_NAME: unset("region"),
        },
        [],
        [etc, home, homeSecure],
      );
      expect(config.credentials).toMatchObject({ username: "bob" });
      expect(config.projectName).toBe("eu-de_dev");
      expect(config.region).toBe("eu-nl");
    });

    it("reads AK/SK under either spelling", () => {
      const text = `clouds:\n  k:\n    region_name: eu-de\n    auth:\n      project_id: ${PID}\n      ak: AKX\n      sk: SKX\n`;
      const aksk = clouds("./clouds.yaml", text);
      expect(serve({ OS_CLOUD: "k" }, [], [aksk]).credentials).toEqual({
        kind: "aksk",
        accessKey: "AKX",
        secretKey: "SKX",
      });
      const spelled = clouds(
        "./clouds.yaml",
        text.replace("ak:", "access_key:").replace("sk:", "secret_key:"),
      );
      expect(serve({ OS_CLOUD: "k" }, [], [spelled]).credentials).toEqual({
        kind: "aksk",
        accessKey: "AKX",
        secretKey: "SKX",
      });
    });

    it("names a missing cloud, missing files and bad YAML", () => {
      expect(problems({ OS_CLOUD: "nope" }, [], [home])[0]).toBe(
        'OS_CLOUD is "nope" but no cloud of that name is in ~/.config/openstack/clouds.yaml',
      );
      expect(problems({ OS_CLOUD: "otc" }, [], [])[0]).toMatch(/no clouds.yaml was found/);
      expect(
        problems({ OS_CLOUD: "otc" }, [], [clouds("./clouds.yaml", "clouds: [unclosed"), home])[0],
      ).toMatch(/^\.\/clouds.yaml is not valid YAML/);
    });
  });
});
