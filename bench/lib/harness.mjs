// The real server (createApp, as src/index.ts builds it) and the simulator, joined by the real
// MCP client over an in-memory transport; built from dist/ (what ships), so no TypeScript loader
// is needed.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { pino } from "pino";
import { createApp } from "../../dist/app/app.js";
import { DEFAULT_TIMEOUT_MS, DEFAULT_TOOL_TIMEOUT_MS } from "../../dist/config/config.js";
import { RawResponseStore } from "../../dist/mcp/raw-store.js";
import { startSimulator } from "../../dist/simulator/index.js";

/**
 * @param {object} options simulator options, plus `concurrency` (default 8), `timeoutMs` and
 *   `toolTimeoutMs` (default: the server's defaults, 15 s and 30 s), and `sim` (an already
 *   started simulator, which close() then leaves open)
 */
export async function startHarness(options = {}) {
  const sim = options.sim ?? (await startSimulator(options));
  // The store of raw bodies, kept here so that the benchmarks can watch its size.
  const rawStore = new RawResponseStore();
  const app = await createApp(
    {
      credentials: { kind: "token", token: sim.token },
      projectId: sim.projectId,
      region: "eu-de",
      endpoint: sim.url,
      authUrl: "https://iam.eu-de.otc.t-systems.com/v3",
      logLevel: "silent",
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      toolTimeoutMs: options.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
      concurrency: options.concurrency ?? 8,
      retries: 2,
      allowWrite: false,
      demo: false,
    },
    {
      logger: pino({ level: "silent" }),
      retry: { baseDelayMs: 1, maxDelayMs: 5, random: Math.random },
      rawStore,
    },
  );
  const client = new Client({ name: "bench", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
  return {
    sim,
    client,
    rawStore,
    /** Throws on an error result: a benchmark of failures would measure the wrong thing. */
    async call(name, args = {}) {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) {
        throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 500)}`);
      }
      return result;
    },
    async close() {
      await client.close();
      await app.close();
      if (!options.sim) await sim.close();
    },
  };
}
