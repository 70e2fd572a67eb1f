import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type CloudsDocument, readCloudsDocument } from "../../../src/config/clouds.js";
import { type Config, loadConfig } from "../../../src/config/config.js";

const PID = "0123456789abcdef0123456789abcdef";
const unset = (field: string) => `\${user_config.${field}}`;
const base = { OS_AUTH_TOKEN: "tok-123456", OS_PROJECT_ID: PID };

const found = (documents: CloudsDocument[]) => ({ documents, searched: SEARCHED });
const SEARCHED = ["/etc/openstack", "~/.config/openstack"];

function serve(
  env: Record<string, string>,
  argv: string[] = [],
  files: CloudsDocument[] = [],
): Config {
  const result = loadConfig(env, argv, found(files));
  if (result.kind !== "serve") throw new Error(`expected serve, got ${JSON.stringify(result)}`);
  return result.config;
}

function problems(
  env: Record<string, string>,
  argv: string[] = [],
  files: CloudsDocument[] = [],
): string[] {
  const result = loadConfig(env, argv, found(files));
  if (result.kind !== "unconfigured") {
    throw new Error(`expected unconfigured, got ${JSON.stringify(result)}`);
  }
  return result.problems;
}

/** What an empty environment gives: written out here, not taken from the code under test. */
const DEFAULT_SETTINGS = {
  logLevel: "info",
  timeoutMs: 15000,
  toolTimeoutMs: 30000,
  concurrency: 8,
  retries: 2,
  allowWrite: false,
  demo: false,
  check: false,
  bundle: false,
  caFiles: [],
};

/** The problem texts name the variable and the MCP Bundle setting (manifest.json title). */
const setting = (variable: string, title: string) => `${variable} (setting "${title}")`;

describe("loadConfig", () => {
  it("reads the token path with defaults", () => {
    expect(serve(base)).toEqual({
      credentials: { kind: "token", token: "tok-123456" },
      projectId: PID,
      region: "eu-de",
      authUrl: "https://iam.eu-de.otc.t-systems.com/v3",
      ...DEFAULT_SETTINGS,
      proxy: {},
      sources: {
        credentials: [{ from: "variable", name: "OS_AUTH_TOKEN" }],
        region: { from: "default", what: "the default region" },
        project: { from: "variable", name: "OS_PROJECT_ID" },
        endpoint: { from: "default", what: "the region's default" },
        authUrl: { from: "default", what: "the region's default" },
      },
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

  it("takes the Swiss region's IAM from its .sc. domain, by name or by project prefix", () => {
    const swissIam = "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3";
    expect(serve({ ...base, OS_REGION_NAME: "eu-ch2" }).authUrl).toBe(swissIam);
    const password = { OS_USERNAME: "u", OS_PASSWORD: "p", OS_USER_DOMAIN_NAME: "d" };
    const byName = serve({ ...password, OS_PROJECT_NAME: "eu-ch2_x" });
    expect(byName).toMatchObject({ region: "eu-ch2", projectName: "eu-ch2_x", authUrl: swissIam });
    expect(serve({ ...password, OS_PROJECT_NAME: "eu-ch2" }).region).toBe("eu-ch2");
    // OS_REGION_NAME wins over the project's prefix.
    expect(
      serve({ ...password, OS_PROJECT_NAME: "eu-ch2_x", OS_REGION_NAME: "eu-de" }),
    ).toMatchObject({ region: "eu-de", authUrl: "https://iam.eu-de.otc.t-systems.com/v3" });
  });

  it("names the known regions when the region is not one of them", () => {
    const [problem, ...rest] = problems({ ...base, OS_REGION_NAME: "eu-fr" });
    expect(rest).toEqual([]);
    expect(problem).toContain(`${setting("OS_REGION_NAME", "Region")} "eu-fr" is not a region`);
    expect(problem).toContain(
      "known are eu-de, eu-nl (SDRS is not in its official endpoint list: set SDRS_ENDPOINT), eu-ch2",
    );
    expect(problem).toContain(setting("SDRS_ENDPOINT", "SDRS endpoint"));
    expect(problem).toContain(setting("OS_AUTH_URL", "IAM endpoint"));
    const fromProject = problems({
      OS_USERNAME: "u",
      OS_PASSWORD: "p",
      OS_USER_DOMAIN_NAME: "d",
      OS_PROJECT_NAME: "ap-south_x",
    });
    expect(fromProject).toHaveLength(1);
    expect(fromProject[0]).toContain(
      `region "ap-south" (from ${setting("OS_PROJECT_NAME", "Project name")})`,
    );
    expect(fromProject[0]).toContain(`or set ${setting("OS_REGION_NAME", "Region")}`);
  });

  it("matches region names and project IDs without regard to case", () => {
    const upper = "0123456789ABCDEF0123456789ABCDEF";
    expect(serve({ ...base, OS_REGION_NAME: "EU-NL" })).toMatchObject({
      region: "eu-nl",
      authUrl: "https://iam.eu-nl.otc.t-systems.com/v3",
    });
    expect(serve({ ...base, OS_PROJECT_ID: upper }).projectId).toBe(upper.toLowerCase());
    expect(problems({ ...base, OS_PROJECT_ID: "0123456789abcdeg0123456789abcdef" })).toEqual([
      `${setting("OS_PROJECT_ID", "Project ID")} must be 32 hexadecimal characters`,
    ]);
  });

  it("lets SDRS_ENDPOINT and OS_AUTH_URL together reach a region outside the table", () => {
    const hosts = {
      SDRS_ENDPOINT: "https://sdrs.example.test",
      OS_AUTH_URL: "https://iam.example.test/v3",
    };
    expect(serve({ ...base, ...hosts, OS_REGION_NAME: "eu-fr" })).toMatchObject({
      region: "eu-fr",
      endpoint: "https://sdrs.example.test",
      authUrl: "https://iam.example.test/v3",
    });
    // One of them is not enough: the other host would still come from the table.
    expect(
      problems({ ...base, OS_REGION_NAME: "eu-fr", SDRS_ENDPOINT: hosts.SDRS_ENDPOINT }),
    ).toHaveLength(1);
    expect(
      problems({ ...base, OS_REGION_NAME: "eu-fr", OS_AUTH_URL: hosts.OS_AUTH_URL }),
    ).toHaveLength(1);
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
      `${setting("SDRS_ENDPOINT", "SDRS endpoint")} must use https:// (http:// is accepted only for localhost/127.0.0.1)`,
    ]);
    expect(problems({ ...base, OS_AUTH_URL: "http://iam.example.com/v3" })[0]).toMatch(
      /^OS_AUTH_URL \(setting "IAM endpoint"\) must use https:/,
    );
    expect(problems({ ...base, SDRS_ENDPOINT: "not a url" })[0]).toMatch(
      /SDRS_ENDPOINT .* is not a URL/,
    );
  });

  it("never repeats the credentials of an endpoint that is not a URL", () => {
    for (const name of ["SDRS_ENDPOINT", "OS_AUTH_URL"]) {
      const [problem] = problems({ ...base, [name]: "https://admin:S3cret-pw@iam.example:99999" });
      expect(problem).toMatch(new RegExp(`^${name} .* "https://…@iam.example:99999" is not a URL`));
      expect(problem).not.toContain("S3cret-pw");
    }
  });

  it("never repeats a password with #, /, ? or @ in it, the URL parsing or not", () => {
    const passwords = ["pa#ss", "pa/ss", "pa?ss", "p@ss", "a/b?c#d@e", "S3cret"];
    for (const name of ["SDRS_ENDPOINT", "OS_AUTH_URL"]) {
      for (const password of passwords) {
        const value = `https://admin:${password}@iam.example/v3`;
        const found = problems({ ...base, [name]: value });
        expect(found.length, `${name} ${password}`).toBeGreaterThan(0);
        expect(found.join("\n"), `${name} ${password}`).not.toMatch(/admin|ss@|S3cret|a\/b/);
      }
    }
  });

  it("names a proxy password with a bad % escape as a configuration problem, not quoting it", () => {
    const found = problems({ ...base, HTTPS_PROXY: "http://user:50%off@proxy.example:3128" });
    expect(found).toEqual([
      expect.stringMatching(
        /^HTTPS_PROXY .*user name or password holds a % that does not start a %XX escape.*%25/,
      ),
    ]);
    expect(found[0]).not.toContain("50%off");
    expect(
      serve({ ...base, HTTPS_PROXY: "http://user:50%25off@proxy.example:3128" }).proxy,
    ).toEqual({ httpsProxy: "http://user:50%25off@proxy.example:3128" });
  });

  it("accepts the catalog form of the SDRS URL", () => {
    const url = `https://sdrs.eu-de.otc.t-systems.com/v1/${PID}`;
    expect(serve({ ...base, SDRS_ENDPOINT: url }).endpoint).toBe(
      "https://sdrs.eu-de.otc.t-systems.com",
    );
  });

  it("lists every configuration problem at once, each naming its variable and setting", () => {
    const result = loadConfig(
      {
        OS_PROJECT_ID: "not-hex",
        SDRS_MCP_LOG_LEVEL: "loud",
        SDRS_MCP_TIMEOUT_MS: "fast",
        SDRS_MCP_ALLOW_WRITE: "maybe",
        SDRS_ENDPOINT: "ftp://x",
      },
      ["--check"],
    );
    if (result.kind !== "unconfigured") throw new Error(result.kind);
    const found = result.problems.join("\n");
    expect(result.problems).toHaveLength(6);
    expect(found).toContain(
      `${setting("OS_PROJECT_ID", "Project ID")} must be 32 hexadecimal characters`,
    );
    expect(found).toMatch(/SDRS_MCP_LOG_LEVEL "loud" must be one of/);
    expect(found).toMatch(/SDRS_MCP_TIMEOUT_MS "fast"/);
    expect(found).toContain(`${setting("SDRS_MCP_ALLOW_WRITE", "Allow deletions")} "maybe"`);
    expect(found).toContain(`${setting("SDRS_ENDPOINT", "SDRS endpoint")} must use https`);
    expect(found).toContain(
      `no credentials: set ${setting("OS_ACCESS_KEY", "Access key (AK)")} and ${setting("OS_SECRET_KEY", "Secret key (SK)")} (lasting); or ${setting("OS_CLOUD", "clouds.yaml entry")}; or ${setting("OS_USERNAME", "IAM user name")}, ${setting("OS_PASSWORD", "IAM password")} and ${setting("OS_USER_DOMAIN_NAME", "User domain (tenant) name")}; or ${setting("OS_AUTH_TOKEN", "IAM token (quick try)")}, valid 24 hours. Or run with --demo to try it without an account`,
    );
    // Started as an MCP Bundle, the user cannot pass flags: no --demo.
    const bundled = problems({ SDRS_MCP_BUNDLE: "1", OS_PROJECT_ID: PID });
    expect(bundled.join("\n")).toContain("valid 24 hours");
    expect(bundled.join("\n")).not.toContain("--demo");
    // What the server needs to start anyway, with defaults where the value was bad.
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, check: true });
  });

  it("keeps the settings that are fine when others are not", () => {
    const result = loadConfig({ SDRS_MCP_LOG_LEVEL: "debug", SDRS_MCP_ALLOW_WRITE: "true" }, []);
    expect(result).toMatchObject({
      kind: "unconfigured",
      settings: { logLevel: "debug", allowWrite: true, check: false },
    });
  });

  it("validates the timeout range", () => {
    expect(serve({ ...base, SDRS_MCP_TIMEOUT_MS: "2500" }).timeoutMs).toBe(2500);
    expect(problems({ ...base, SDRS_MCP_TIMEOUT_MS: "0" })).toEqual([
      'SDRS_MCP_TIMEOUT_MS "0" must be a whole number from 100 to 300000',
    ]);
    expect(problems({ ...base, SDRS_MCP_RETRIES: "11" })[0]).toMatch(/from 0 to 10/);
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
      `no project: set ${setting("OS_PROJECT_ID", "Project ID")} (32 hex characters)`,
    ]);
    expect(
      problems({ OS_ACCESS_KEY: "AK", OS_SECRET_KEY: "SK", OS_PROJECT_NAME: "eu-de_x" })[0],
    ).toMatch(/OS_PROJECT_NAME \(setting "Project name"\) alone is enough only with password/);
    const password = { OS_USERNAME: "u", OS_PASSWORD: "p", OS_USER_DOMAIN_NAME: "d" };
    expect(problems(password)).toEqual([
      `no project: set ${setting("OS_PROJECT_ID", "Project ID")} or ${setting("OS_PROJECT_NAME", "Project name")}`,
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
      `AK/SK signing needs both ${setting("OS_ACCESS_KEY", "Access key (AK)")} and ${setting("OS_SECRET_KEY", "Secret key (SK)")}`,
    ]);
    expect(problems({ OS_PROJECT_ID: PID, OS_USERNAME: "u" })).toEqual([
      `password authentication needs ${setting("OS_PASSWORD", "IAM password")}`,
      `password authentication needs ${setting("OS_USER_DOMAIN_NAME", "User domain (tenant) name")} or OS_USER_DOMAIN_ID`,
    ]);
  });

  it("handles flags", () => {
    expect(loadConfig({}, ["--help"])).toEqual({ kind: "help" });
    expect(loadConfig({}, ["-h"])).toEqual({ kind: "help" });
    expect(loadConfig({}, ["-v"])).toEqual({ kind: "version" });
    expect(loadConfig({}, ["--version"])).toEqual({ kind: "version" });
    expect(serve(base, ["--allow-write"]).allowWrite).toBe(true);
    expect(serve({ ...base, SDRS_MCP_ALLOW_WRITE: "true" }).allowWrite).toBe(true);
    expect(serve(base, ["--check"]).check).toBe(true);
    expect(serve({}, ["--demo", "--check"])).toMatchObject({ demo: true, check: true });
  });

  it("tells a bad command line (exit 2) apart from configuration problems", () => {
    const allowed =
      "allowed are --demo, --allow-write, --check, --http [HOST:]PORT, --help (-h), --version (-v)";
    // The bad argument is all that is reported, even with configuration problems beside it.
    expect(loadConfig({ OS_PROJECT_ID: "bad" }, ["extra", "--bogus", "-x", "--demo=yes"])).toEqual({
      kind: "invalid",
      problems: [
        `unknown argument "extra": ${allowed}`,
        `unknown argument "--bogus": ${allowed}`,
        `unknown argument "-x": ${allowed}`,
        `--demo takes no value: ${allowed}`,
      ],
    });
    expect(loadConfig({}, ["--help", "--nope"]).kind).toBe("invalid");
    // A near miss names the flag it most likely meant; nothing is guessed for short or far ones.
    expect(loadConfig({}, ["--dmeo", "-demo", "--allow_write", "--Check", "-x"])).toEqual({
      kind: "invalid",
      problems: [
        `unknown argument "--dmeo": did you mean --demo? ${allowed}`,
        `unknown argument "-demo": did you mean --demo? ${allowed}`,
        `unknown argument "--allow_write": did you mean --allow-write? ${allowed}`,
        `unknown argument "--Check": did you mean --check? ${allowed}`,
        `unknown argument "-x": ${allowed}`,
      ],
    });
    expect(loadConfig({}, ["--", "--demo"]).kind).toBe("invalid");
  });

  it("reads the proxy variables, lower-case first, an unset bundle field being no proxy", () => {
    const proxied = serve({
      ...base,
      HTTPS_PROXY: "http://proxy.example.test:3128",
      no_proxy: ".internal.example",
      HTTP_PROXY: unset("http_proxy"),
    });
    expect(proxied.proxy).toEqual({
      httpsProxy: "http://proxy.example.test:3128",
      noProxy: ".internal.example",
    });
    expect(serve({ ...base, HTTPS_PROXY: unset("https_proxy") }).proxy).toEqual({});
    expect(problems({ ...base, HTTPS_PROXY: "socks5://proxy:1080" })[0]).toMatch(/HTTPS_PROXY/);
    expect(serve({ ...base, HTTPS_PROXY: "proxy:3128" }).proxy).toEqual({
      httpsProxy: "http://proxy:3128",
    });
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
      const aksk = clouds("/etc/openstack/clouds.yaml", text);
      expect(serve({ OS_CLOUD: "k" }, [], [aksk]).credentials).toEqual({
        kind: "aksk",
        accessKey: "AKX",
        secretKey: "SKX",
      });
      const spelled = clouds(
        "/etc/openstack/clouds.yaml",
        text.replace("ak:", "access_key:").replace("sk:", "secret_key:"),
      );
      expect(serve({ OS_CLOUD: "k" }, [], [spelled]).credentials).toEqual({
        kind: "aksk",
        accessKey: "AKX",
        secretKey: "SKX",
      });
    });

    it("never repeats the password of a clouds.yaml auth_url that is not a URL", () => {
      const file = clouds(
        "/etc/openstack/clouds.yaml",
        `clouds:\n  otc:\n    auth:\n      auth_url: "https://admin:pa/ss#w?rd@iam.example/v3"\n      token: t\n      project_id: ${PID}\n`,
      );
      const found = problems({ OS_CLOUD: "otc" }, [], [file]);
      expect(found.join("\n")).toMatch(/"https:\/\/…@iam.example\/v3" is not a URL/);
      expect(found.join("\n")).not.toMatch(/admin|pa\/ss|w\?rd/);
    });

    it("names a missing cloud, missing files and bad YAML", () => {
      const cloudSetting = setting("OS_CLOUD", "clouds.yaml entry");
      expect(problems({ OS_CLOUD: "nope" }, [], [home])[0]).toBe(
        `${cloudSetting} is "nope" but no cloud of that name is in ~/.config/openstack/clouds.yaml; entries there: "otc", "other"`,
      );
      expect(problems({ OS_CLOUD: "otc" }, [], [])).toEqual([
        `${cloudSetting} is "otc" but no clouds.yaml was found in /etc/openstack, ~/.config/openstack (${setting("OS_CLIENT_CONFIG_FILE", "clouds.yaml file")} can name another file)`,
      ]);
      const broken = clouds("/etc/openstack/clouds.yaml", "clouds: [unclosed");
      expect(problems({ OS_CLOUD: "otc" }, [], [broken, home])[0]).toMatch(
        /^\/etc\/openstack\/clouds.yaml \(read for OS_CLOUD \(setting "clouds.yaml entry"\)\) is not valid YAML/,
      );
      // A clouds.yaml that could not be read is named once, not again as "no such cloud".
      expect(problems({ OS_CLOUD: "otc" }, [], [broken])).toHaveLength(1);
    });

    it("takes prototype names as ordinary cloud names and keys", () => {
      const cloudSetting = setting("OS_CLOUD", "clouds.yaml entry");
      for (const name of ["__proto__", "constructor", "toString"])
        expect(problems({ OS_CLOUD: name }, [], [home])[0]).toBe(
          `${cloudSetting} is "${name}" but no cloud of that name is in ~/.config/openstack/clouds.yaml; entries there: "otc", "other"`,
        );
      // A key spelled "__proto__" is a key: its "auth" is not the entry's auth.
      const odd = clouds(
        "/etc/openstack/clouds.yaml",
        `clouds:\n  constructor:\n    region_name: eu-de\n    __proto__: { auth: { project_id: ${PID}, token: t0k } }\n`,
      );
      expect(problems({ OS_CLOUD: "constructor" }, [], [odd])[0]).toMatch(/^no credentials/);
    });
  });

  describe("where each setting came from (for --check)", () => {
    const clouds = (path: string, text: string) => readCloudsDocument(path, "clouds", text, parse);
    const secure = (path: string, text: string) => readCloudsDocument(path, "secure", text, parse);

    it("names the variable actually set, alias included", () => {
      const config = serve({ OS_TOKEN: "tok-abc", OS_TENANT_ID: PID, OS_REGION_NAME: "eu-nl" });
      expect(config.sources).toEqual({
        credentials: [{ from: "variable", name: "OS_TOKEN" }],
        region: { from: "variable", name: "OS_REGION_NAME" },
        project: { from: "variable", name: "OS_TENANT_ID" },
        endpoint: { from: "default", what: "the region's default" },
        authUrl: { from: "default", what: "the region's default" },
      });
      const named = serve({
        ...base,
        OS_PROJECT_NAME: "eu-nl_x",
        SDRS_ENDPOINT: "https://s.example",
      });
      expect(named.sources?.region).toEqual({
        from: "default",
        what: 'the prefix of the project name "eu-nl_x"',
      });
      expect(named.sources?.endpoint).toEqual({ from: "variable", name: "SDRS_ENDPOINT" });
    });

    it("names the clouds.yaml entry, the file and the key, and secure.yaml for what it gave", () => {
      const home = clouds(
        "~/.config/openstack/clouds.yaml",
        `clouds:\n  otc:\n    region_name: eu-de\n    auth:\n      token: t0k\n      project_id: ${PID}\n`,
      );
      const config = serve({ OS_CLOUD: "otc" }, [], [home]);
      const otc = { from: "clouds", cloud: "otc", file: "~/.config/openstack/clouds.yaml" };
      expect(config.sources?.credentials).toEqual([{ ...otc, kind: "clouds", key: "auth.token" }]);
      expect(config.sources?.region).toEqual({ ...otc, kind: "clouds", key: "region_name" });
      expect(config.sources?.project).toEqual({ ...otc, kind: "clouds", key: "auth.project_id" });

      const password = clouds(
        "/etc/openstack/clouds.yaml",
        "clouds:\n  otc:\n    auth:\n      username: u\n      user_domain_name: d\n      project_name: eu-de\n",
      );
      const secret = secure(
        "~/.config/openstack/secure.yaml",
        "clouds:\n  otc:\n    auth:\n      password: pw\n",
      );
      // The environment wins over the file, and is named as the source.
      const mixed = serve({ OS_CLOUD: "otc", OS_USERNAME: "env-user" }, [], [password, secret]);
      expect(mixed.sources?.credentials).toEqual([
        { from: "variable", name: "OS_USERNAME" },
        {
          from: "clouds",
          cloud: "otc",
          file: "~/.config/openstack/secure.yaml",
          kind: "secure",
          key: "auth.password",
        },
      ]);
    });

    it("takes a later file's spelling of a key over an earlier file's other spelling", () => {
      const etc = clouds(
        "/etc/openstack/clouds.yaml",
        "clouds:\n  k:\n    auth:\n      username: old\n",
      );
      const home = clouds(
        "~/.config/openstack/clouds.yaml",
        `clouds:\n  k:\n    auth:\n      user_name: new\n      password: p\n      user_domain_name: d\n      project_id: ${PID}\n`,
      );
      expect(serve({ OS_CLOUD: "k" }, [], [etc, home]).credentials).toMatchObject({
        username: "new",
      });
    });
  });

  describe("CA certificate files", () => {
    const clouds = (path: string, text: string) => readCloudsDocument(path, "clouds", text, parse);

    it("records OS_CACERT, clouds.yaml cacert (cloud level or under auth) and NODE_EXTRA_CA_CERTS", () => {
      expect(serve({ ...base, OS_CACERT: "/corp/ca.pem" }).caFiles).toEqual([
        {
          variable: "OS_CACERT",
          path: "/corp/ca.pem",
          source: { from: "variable", name: "OS_CACERT" },
        },
      ]);
      for (const where of [
        "    cacert: ca.pem\n    auth:\n",
        "    auth:\n      cacert: ca.pem\n",
      ]) {
        const file = clouds(
          "~/.config/openstack/clouds.yaml",
          `clouds:\n  otc:\n${where}      token: t\n      project_id: ${PID}\n`,
        );
        const [ref] = serve({ OS_CLOUD: "otc" }, [], [file]).caFiles ?? [];
        expect(ref).toMatchObject({
          variable: "OS_CACERT",
          path: "ca.pem",
          relativeTo: "~/.config/openstack",
          source: {
            from: "clouds",
            cloud: "otc",
            key: where.includes("auth:\n      cacert") ? "auth.cacert" : "cacert",
          },
        });
      }
      // NODE_EXTRA_CA_CERTS alone is Node's business (read for --check only).
      expect(serve({ ...base, NODE_EXTRA_CA_CERTS: "/b.pem" }).caFiles).toEqual([]);
      expect(serve({ ...base, NODE_EXTRA_CA_CERTS: "/b.pem" }, ["--check"]).caFiles).toHaveLength(
        1,
      );
      const both = serve({ ...base, OS_CACERT: "/a.pem", NODE_EXTRA_CA_CERTS: "/b.pem" }).caFiles;
      expect(both?.map((r) => [r.variable, r.path])).toEqual([
        ["NODE_EXTRA_CA_CERTS", "/b.pem"],
        ["OS_CACERT", "/a.pem"],
      ]);
    });
  });
});
