/**
 * Where clouds.yaml comes from: ~/.config/openstack/ and /etc/openstack/, or the file
 * OS_CLIENT_CONFIG_FILE names; never the working directory, which an IDE host sets to a
 * workspace that may not be trusted (a clouds.yaml there could send the password anywhere).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cloudsFolders } from "../../../src/config/clouds.js";
import { expandFolders, readCloudsFiles } from "../../../src/config/clouds-files.js";
import { loadConfig } from "../../../src/config/config.js";

const PID = "0123456789abcdef0123456789abcdef";
const cloudsYaml = (authUrl: string, user: string) =>
  `clouds:\n  otc:\n    auth:\n      auth_url: ${authUrl}\n      username: ${user}\n      user_domain_name: OTC-EU-DE-1\n      project_id: ${PID}\n`;
const SECURE_YAML = "clouds:\n  otc:\n    auth:\n      password: from-secure-yaml\n";

let root: string;
let home: string;
let etc: string;
let workspace: string;
let directories: string[];
const startDir = process.cwd();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "sdrs-mcp-clouds-"));
  home = join(root, "home");
  etc = join(root, "etc-openstack");
  workspace = join(root, "workspace");
  directories = [etc, "~/.config/openstack"];
  await mkdir(join(home, ".config/openstack"), { recursive: true });
  await mkdir(etc, { recursive: true });
  await mkdir(workspace, { recursive: true });
  // The workspace's clouds.yaml points IAM at a host of the workspace author's choosing.
  await writeFile(
    join(workspace, "clouds.yaml"),
    cloudsYaml("https://attacker.example/v3", "workspace-user"),
  );
  await writeFile(
    join(workspace, "secure.yaml"),
    "clouds:\n  otc:\n    auth:\n      password: x\n",
  );
});

afterEach(() => process.chdir(startDir));
afterAll(async () => {
  process.chdir(startDir);
  await rm(root, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ OS_CLOUD: "otc", ...extra });

describe("readCloudsFiles", () => {
  it("reads nothing without OS_CLOUD", async () => {
    process.chdir(workspace);
    expect((await readCloudsFiles({}, home, directories)).documents).toEqual([]);
  });

  it("ignores a clouds.yaml and secure.yaml in the working directory", async () => {
    process.chdir(workspace);
    const documents = await readCloudsFiles(env(), home, directories);
    expect(documents.documents).toEqual([]);
    const result = loadConfig(env({ OS_PASSWORD: "pw" }), [], documents);
    expect(result.kind).toBe("unconfigured");
    expect(JSON.stringify(result)).not.toContain("attacker.example");
    expect(result.kind === "unconfigured" && result.problems[0]).toMatch(
      /no clouds.yaml was found/,
    );
  });

  it("reads ~/.config/openstack and /etc/openstack, clouds.yaml and secure.yaml", async () => {
    process.chdir(workspace);
    const userDir = join(home, ".config/openstack");
    await writeFile(
      join(userDir, "clouds.yaml"),
      cloudsYaml("https://iam.eu-nl.otc.t-systems.com/v3", "alice"),
    );
    await writeFile(join(userDir, "secure.yaml"), SECURE_YAML);
    await writeFile(
      join(etc, "clouds.yml"),
      cloudsYaml("https://iam.eu-de.otc.t-systems.com/v3", "etc"),
    );
    try {
      const documents = await readCloudsFiles(env(), home, directories);
      expect(documents.documents.map((d) => [d.path, d.kind])).toEqual([
        [join(etc, "clouds.yml"), "clouds"],
        ["~/.config/openstack/clouds.yaml", "clouds"],
        ["~/.config/openstack/secure.yaml", "secure"],
      ]);
      const result = loadConfig(env(), [], documents);
      expect(result).toMatchObject({
        kind: "serve",
        config: {
          credentials: { kind: "password", username: "alice", password: "from-secure-yaml" },
          authUrl: "https://iam.eu-nl.otc.t-systems.com/v3",
        },
      });
    } finally {
      await rm(join(userDir, "clouds.yaml"));
      await rm(join(userDir, "secure.yaml"));
      await rm(join(etc, "clouds.yml"));
    }
  });

  it("honours OS_CLIENT_CONFIG_FILE instead of the searched clouds.yaml", async () => {
    const userDir = join(home, ".config/openstack");
    await writeFile(
      join(userDir, "clouds.yaml"),
      cloudsYaml("https://iam.eu-nl.otc.t-systems.com/v3", "searched"),
    );
    await writeFile(join(userDir, "secure.yaml"), SECURE_YAML);
    const chosen = join(root, "elsewhere", "my-clouds.yaml");
    await mkdir(join(root, "elsewhere"), { recursive: true });
    await writeFile(chosen, cloudsYaml("https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3", "chosen"));
    try {
      const documents = await readCloudsFiles(
        env({ OS_CLIENT_CONFIG_FILE: chosen }),
        home,
        directories,
      );
      expect(documents.documents.map((d) => d.path)).toEqual([
        chosen,
        "~/.config/openstack/secure.yaml",
      ]);
      const result = loadConfig(env(), [], documents);
      expect(result).toMatchObject({
        kind: "serve",
        config: {
          credentials: { username: "chosen", password: "from-secure-yaml" },
          authUrl: "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3",
        },
      });
    } finally {
      await rm(join(userDir, "clouds.yaml"));
      await rm(join(userDir, "secure.yaml"));
    }
  });

  it("reports a named file that cannot be read, once, among the configuration problems", async () => {
    const missing = join(root, "nowhere", "clouds.yaml");
    const documents = await readCloudsFiles(
      env({ OS_CLIENT_CONFIG_FILE: missing }),
      home,
      directories,
    );
    const result = loadConfig(env(), [], documents);
    expect(result.kind === "unconfigured" && result.problems).toEqual([
      `${missing} (named by OS_CLIENT_CONFIG_FILE (setting "clouds.yaml file")) cannot be read (ENOENT)`,
    ]);
  });
});

describe("the folders the OpenStack tools use", () => {
  it("are those of openstacksdk (platformdirs) on each system, plus %APPDATA% on Windows", () => {
    expect(cloudsFolders("linux")).toEqual([
      "/etc/openstack",
      "~/.config/openstack",
      "$XDG_CONFIG_HOME/openstack",
    ]);
    expect(cloudsFolders("darwin")).toEqual([
      "/etc/openstack",
      "/Library/Application Support/openstack",
      "~/.config/openstack",
      "~/Library/Application Support/openstack",
    ]);
    expect(cloudsFolders("win32")).toEqual([
      "%PROGRAMDATA%\\OpenStack\\openstack",
      "%APPDATA%\\openstack",
      "~\\.config\\openstack",
      "%LOCALAPPDATA%\\OpenStack\\openstack",
    ]);
  });

  it("expand ~ and variables, and drop a folder whose variable is unset or that repeats", () => {
    const win = expandFolders(
      cloudsFolders("win32"),
      { APPDATA: "C:\\Users\\u\\AppData\\Roaming", LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" },
      "C:\\Users\\u",
    );
    expect(win).toEqual([
      "C:\\Users\\u\\AppData\\Roaming\\openstack",
      "C:\\Users\\u\\.config\\openstack",
      "C:\\Users\\u\\AppData\\Local\\OpenStack\\openstack",
    ]);
    expect(
      expandFolders(cloudsFolders("linux"), { XDG_CONFIG_HOME: "/home/u/.config" }, "/home/u"),
    ).toEqual(["/etc/openstack", "/home/u/.config/openstack"]);
    expect(expandFolders(cloudsFolders("linux"), { XDG_CONFIG_HOME: "/x" }, "/home/u")).toEqual([
      "/etc/openstack",
      "/home/u/.config/openstack",
      "/x/openstack",
    ]);
  });

  it("are named when no clouds.yaml is in any of them", async () => {
    const files = await readCloudsFiles(env(), home, directories);
    const result = loadConfig(env(), [], files);
    expect(result.kind === "unconfigured" && result.problems[0]).toContain(
      `no clouds.yaml was found in ${etc}, ~/.config/openstack (`,
    );
  });
});

describe("what is read as a clouds.yaml", () => {
  /** The problems a clouds.yaml named by OS_CLIENT_CONFIG_FILE gives. */
  async function problemsOf(path: string) {
    const documents = await readCloudsFiles(
      env({ OS_CLIENT_CONFIG_FILE: path }),
      home,
      directories,
    );
    const result = loadConfig(env(), [], documents);
    return result.kind === "unconfigured" ? result.problems : [];
  }

  it("follows symlinks to a regular file, as a Kubernetes Secret mount is", async () => {
    const mount = join(root, "secret-mount");
    await mkdir(join(mount, "..2026_01_01"), { recursive: true });
    await writeFile(
      join(mount, "..2026_01_01", "clouds.yaml"),
      cloudsYaml("https://iam.eu-de.otc.t-systems.com/v3", "mounted"),
    );
    await symlink("..2026_01_01", join(mount, "..data"));
    await symlink(join("..data", "clouds.yaml"), join(mount, "clouds.yaml"));
    const documents = await readCloudsFiles(
      env({ OS_CLIENT_CONFIG_FILE: join(mount, "clouds.yaml") }),
      home,
      directories,
    );
    expect(documents.documents[0]?.content).toMatchObject({
      data: { clouds: { otc: { auth: { username: "mounted" } } } },
    });
  });

  it("refuses a FIFO without waiting for a writer", async () => {
    const fifo = join(root, "fifo.yaml");
    if (spawnSync("mkfifo", [fifo]).status !== 0) {
      console.warn("skipped: mkfifo is not available");
      return;
    }
    expect(await problemsOf(fifo)).toEqual([
      `${fifo} (named by OS_CLIENT_CONFIG_FILE (setting "clouds.yaml file")) is not a regular file (it is a FIFO), so it is not read`,
    ]);
  });

  it("refuses a device and a directory", async () => {
    if (existsSync("/dev/urandom")) {
      expect((await problemsOf("/dev/urandom"))[0]).toMatch(
        /is not a regular file \(it is a device\)/,
      );
    }
    expect((await problemsOf(root))[0]).toMatch(/is not a regular file \(it is a directory\)/);
  });

  it("refuses a file over 1 MiB", async () => {
    const big = join(root, "big.yaml");
    await writeFile(big, `# ${"x".repeat(1024 * 1024)}\n`);
    expect((await problemsOf(big))[0]).toMatch(/is larger than 1 MiB, too large for a clouds.yaml/);
  });

  it("refuses 40,000 keys (the duplicate-key check made that 10 s) at the token bound", async () => {
    const keys = join(root, "keys.yaml");
    const lines = Array.from({ length: 40_000 }, (_, i) => `      k${i}: v${i}`);
    await writeFile(keys, `clouds:\n  otc:\n    auth:\n${lines.join("\n")}\n`);
    expect((await problemsOf(keys))[0]).toMatch(/has more than 50000 YAML tokens/);
  });

  it("refuses deep flow nesting, and aliases that would expand without bound", async () => {
    const deep = join(root, "deep.yaml");
    await writeFile(deep, `clouds: ${"[".repeat(100)}${"]".repeat(100)}\n`);
    expect((await problemsOf(deep))[0]).toMatch(/nests \[ \] or \{ \} more than 64 deep/);
    const laughs = join(root, "laughs.yaml");
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    await writeFile(laughs, `${levels.join("\n")}\n`);
    expect((await problemsOf(laughs))[0]).toMatch(/is not valid YAML: .*alias/i);
  });

  it("lets the last of two equal keys win, as the OpenStack tools (PyYAML) do", async () => {
    const twice = join(root, "twice.yaml");
    await writeFile(
      twice,
      `${cloudsYaml("https://iam.eu-de.otc.t-systems.com/v3", "first")}clouds:\n  otc:\n    auth:\n      username: last\n`,
    );
    const documents = await readCloudsFiles(
      env({ OS_CLIENT_CONFIG_FILE: twice }),
      home,
      directories,
    );
    expect(documents.documents[0]?.content).toMatchObject({
      data: { clouds: { otc: { auth: { username: "last" } } } },
    });
  });
});
