// The real server and the simulator joined by the real MCP client over an in-memory transport,
// as test/harness.ts does, but built from dist/ (what ships) so no TypeScript loader is needed.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { pino } from "pino";
import { Agent } from "undici";
import { tokenAuthenticator } from "../../dist/auth/types.js";
import { DEFAULT_TIMEOUT_MS, DEFAULT_TOOL_TIMEOUT_MS } from "../../dist/config.js";
import { RawResponseStore } from "../../dist/resources/raw-store.js";
import { createSdrsClient } from "../../dist/sdrs/client.js";
import { createServer } from "../../dist/server.js";
import { startSimulator } from "../../dist/simulator/index.js";

/**
 * @param {object} options simulator options, plus `concurrency` (default 8), `timeoutMs` and
 *   `toolTimeoutMs` (default: the server's defaults, 15 s and 30 s), and `sim` (an already
 *   started simulator, which close() then leaves open)
 */
export async function startHarness(options = {}) {
  const sim = options.sim ?? (await startSimulator(options));
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const rawStore = new RawResponseStore();
  const server = createServer({
    client: createSdrsClient({
      dispatcher,
      endpoint: async () => sim.url,
      auth: tokenAuthenticator(sim.token),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      userAgent: "sdrs-mcp/bench",
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, random: Math.random },
    }),
    defaultProjectId: async () => sim.projectId,
    rawStore,
    logger: pino({ level: "silent" }),
    secrets: () => [sim.token],
    allowWrite: false,
    version: "bench",
    concurrency: options.concurrency ?? 8,
    toolTimeoutMs: options.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
  });
  const client = new Client({ name: "bench", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
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
      await server.close();
      await dispatcher.close();
      if (!options.sim) await sim.close();
    },
  };
}
