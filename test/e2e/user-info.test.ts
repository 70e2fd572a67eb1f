/**
 * End to end (the built bundle): a password in a configured URL that does not parse, or parses
 * into something else, is in no line of `--check`, no stderr log line and no tool result,
 * whichever setting held the URL.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE, CLEAN_ENV, initialize, startServer } from "../helpers/stdio.js";
import { cloudsYaml, PASSWORD_MARK, PROJECT_ID } from "../helpers/user-info.js";

const TOKEN = { OS_AUTH_TOKEN: "tok12345678", OS_PROJECT_ID: PROJECT_ID, SDRS_MCP_RETRIES: "0" };

let dir: string;
let clouds: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sdrs-mcp-user-info-"));
  clouds = join(dir, "clouds.yaml");
  writeFileSync(clouds, cloudsYaml("https://admin:hünter2 ?x%zz@iam.example.com/v3"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Each a URL setting and a password that breaks it. A proxy at 127.0.0.1:1 (nothing listens):
 * the one whose URL parses is used, and --check fails through it without leaving the machine.
 */
const CASES: Record<string, () => Record<string, string>> = {
  SDRS_ENDPOINT: () => ({ SDRS_ENDPOINT: "https://admin:hunter2 x#y/z@sdrs.example.com" }),
  OS_AUTH_URL: () => ({ OS_AUTH_URL: "https://a:pw two/x@iam.example.com/v3" }),
  "HTTPS_PROXY, not a URL": () => ({ HTTPS_PROXY: 'http://admin:hunter2"x#@127.0.0.1:1' }),
  "HTTPS_PROXY, a URL": () => ({ HTTPS_PROXY: "http://admin:hunter2 x@127.0.0.1:1" }),
  "clouds.yaml auth_url": () => ({ OS_CLOUD: "otc", OS_CLIENT_CONFIG_FILE: clouds }),
};

/** The OS_AUTH_URL case's password ("pw two") holds no mark: it is looked for whole. */
function expectNoPassword(text: string) {
  expect(text).not.toContain(PASSWORD_MARK);
  expect(text).not.toContain("pw two");
}

describe.each(Object.keys(CASES))("a password in %s", (name) => {
  const env = () => ({ ...TOKEN, ...(CASES[name] as () => Record<string, string>)() });

  it("is in no line of --check", async () => {
    const run = await promisify(execFile)(process.execPath, [BUNDLE, "--check"], {
      env: { ...CLEAN_ENV, ...env() },
      encoding: "utf8",
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/not usable|^FAILED: /m);
    expectNoPassword(run.stdout + run.stderr);
  });

  it("is in no stderr log line and no tool result of the server", async () => {
    const s = startServer([], { ...env(), SDRS_MCP_LOG_LEVEL: "debug" });
    await initialize(s);
    const call = await s.request("tools/call", { name: "list_failed_sdrs_tasks", arguments: {} });
    const result = call.result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    s.child.stdin.end();
    await s.exited;
    expect(s.stderr()).not.toBe("");
    expectNoPassword(s.stdout());
    expectNoPassword(s.stderr());
  });
});
