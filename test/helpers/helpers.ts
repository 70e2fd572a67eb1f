import { MockAgent } from "undici";
import { tokenAuthenticator } from "../../src/auth/types.js";
import { createSdrsClient, type SdrsClient } from "../../src/sdrs/client.js";
import type { FailureJob } from "../../src/sdrs/schemas.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/index.js";

export const SDRS_ORIGIN = "https://sdrs.eu-de.otc.t-systems.com";

/** The client over a MockAgent that refuses the network, with `retries` read retries. */
export function mockedClient(retries: number): { agent: MockAgent; client: SdrsClient } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const client = createSdrsClient({
    dispatcher: agent,
    endpoint: async () => SDRS_ORIGIN,
    auth: tokenAuthenticator("secret-token-value"),
    timeoutMs: 1000,
    userAgent: "sdrs-mcp/test",
    retry: { retries, baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
  });
  return { agent, client };
}

/** After each test: every interceptor it set up was used. */
export async function closeMocked(agent: MockAgent): Promise<void> {
  agent.assertNoPendingInterceptors();
  await agent.close();
}

/** Runs `test` against a simulator of its own, closed afterwards whatever happens. */
export async function withSimulator(
  options: SimulatorOptions,
  test: (sim: Simulator) => Promise<void>,
): Promise<void> {
  const sim = await startSimulator(options);
  try {
    await test(sim);
  } finally {
    await sim.close();
  }
}

/** A task as SDRS returns it, with a long reason and non-ASCII name when asked. */
export function makeJob(i: number, overrides: Partial<FailureJob> = {}): FailureJob {
  const hex = i.toString(16).padStart(12, "0");
  return {
    job_status: "FAIL",
    resource_id: `00000000-0000-4000-8000-${hex}`,
    resource_name: `Datenbank-Primär-数据库-${i}`,
    resource_type: [
      "server_groups",
      "protected_instances",
      "replications",
      "disaster_recovery_drills",
    ][i % 4] as string,
    failure_status: ["createFail", "failoverFail", "reprotectFail", "expandFail"][i % 4] as string,
    job_id: `ff80808268${hex.padStart(22, "0")}`,
    job_type: "createProtectedInstanceNoCG",
    begin_time: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    error_code: `SDRS.${1000 + (i % 7)}`,
    fail_reason: `SdrsCreateTask-fail: volume ${i} is in error state; ${"détail ".repeat(200)}`,
    ...overrides,
  };
}
