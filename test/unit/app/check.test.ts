/**
 * `--check` against the simulator's IAM: when the sign-in is refused, the lines it always
 * prints (auth, region, IAM, SDRS, project) still say what the configuration names, before the
 * FAILED line that says why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../../src/app/check.js";
import { loadConfig, type RunSettings } from "../../../src/config/config.js";
import { DEFAULT_USER } from "../../../src/simulator/iam.js";
import { type Simulator, startSimulator } from "../../../src/simulator/index.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

/** runCheck as `sdrs-mcp --check` runs it with `env`: its exit code and the lines it printed. */
async function check(env: Record<string, string>) {
  const loaded = loadConfig(env, ["--check"]);
  if (loaded.kind !== "serve") throw new Error(`not a usable configuration: ${loaded.kind}`);
  const { config } = loaded;
  const settings: RunSettings = { ...config, check: true, bundle: false, caFiles: [] };
  const lines: string[] = [];
  const code = await runCheck({ config, settings, problems: [] }, (line) => lines.push(line));
  return { code, lines };
}

const signIn = (password: string) => ({
  OS_AUTH_URL: `${sim.url}/v3`,
  OS_USERNAME: DEFAULT_USER.name,
  OS_PASSWORD: password,
  OS_USER_DOMAIN_NAME: DEFAULT_USER.domainName,
  SDRS_MCP_RETRIES: "0",
});

/** The line starting with `label`, and that it comes before the FAILED line. */
function lineBeforeFailure(lines: readonly string[], label: string): string {
  const at = lines.findIndex((line) => line.startsWith(`  ${label}`));
  const failed = lines.findIndex((line) => line.startsWith("FAILED: "));
  expect(failed, lines.join("\n")).toBeGreaterThan(-1);
  expect(at, lines.join("\n")).toBeGreaterThan(-1);
  expect(at).toBeLessThan(failed);
  return lines[at] ?? "";
}

describe("--check when IAM refuses the sign-in", () => {
  it("prints the project name, saying its ID is not known, and where it came from", async () => {
    const { code, lines } = await check({
      ...signIn("wrong-password"),
      OS_PROJECT_NAME: sim.projectName,
    });
    expect(code).toBe(1);
    expect(lineBeforeFailure(lines, "project:")).toBe(
      `  project:  ${sim.projectName} (ID not known: IAM refused the sign-in) (from OS_PROJECT_NAME)`,
    );
    expect(lineBeforeFailure(lines, "SDRS:")).toBe(
      "  SDRS:     (not known: IAM refused the sign-in)",
    );
    expect(lines.find((l) => l.startsWith("FAILED: "))).toMatch(/401/);
    expect(lines.join("\n")).not.toContain("wrong-password");
  });

  it("prints the configured project ID as it is", async () => {
    const { code, lines } = await check({
      ...signIn("wrong-password"),
      OS_PROJECT_ID: sim.projectId.toUpperCase(),
    });
    expect(code).toBe(1);
    expect(lineBeforeFailure(lines, "project:")).toBe(
      `  project:  ${sim.projectId} (from OS_PROJECT_ID)`,
    );
    expect(lineBeforeFailure(lines, "SDRS:")).toBe(
      "  SDRS:     (not known: IAM refused the sign-in)",
    );
  });

  it("prints SDRS_ENDPOINT once, and the project name whose ID IAM would have given", async () => {
    const { code, lines } = await check({
      ...signIn("wrong-password"),
      OS_PROJECT_NAME: sim.projectName,
      SDRS_ENDPOINT: sim.url,
    });
    expect(code).toBe(1);
    expect(lines.filter((l) => l.startsWith("  SDRS:"))).toEqual([
      `  SDRS:     ${sim.url} (from SDRS_ENDPOINT)`,
    ]);
    expect(lineBeforeFailure(lines, "project:")).toBe(
      `  project:  ${sim.projectName} (ID not known: IAM refused the sign-in) (from OS_PROJECT_NAME)`,
    );
  });

  it("prints the project's ID, learnt from IAM, once the sign-in works", async () => {
    const { code, lines } = await check({
      ...signIn(DEFAULT_USER.password),
      OS_PROJECT_NAME: sim.projectName,
    });
    expect(code, lines.join("\n")).toBe(0);
    expect(lines).toContain(
      `  project:  ${sim.projectId} (${sim.projectName}) (from OS_PROJECT_NAME)`,
    );
  });
});
