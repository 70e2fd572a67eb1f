/**
 * eu-nl as the official endpoint list has it: SDRS is not listed there, so a connection failure
 * against the default eu-nl host says so and points to SDRS_ENDPOINT; the same failure in
 * eu-de, or with SDRS_ENDPOINT set, does not.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app/app.js";
import { regionHosts } from "../../src/config/regions.js";
import { simulatorConfig, textOf } from "../helpers/harness.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const NOTE = "SDRS is not in the official endpoint list for eu-nl";

let app: App | undefined;
let agent: MockAgent | undefined;
afterEach(async () => {
  await app?.close();
  await agent?.close();
  app = undefined;
});

/** A server for `region` whose SDRS host cannot be resolved; the text of one tool call. */
async function unreachable(region: string, endpoint?: string): Promise<string> {
  const host = endpoint ?? regionHosts(region)?.sdrsEndpoint ?? "";
  agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get(host)
    .intercept({ path: /.*/ })
    .replyWithError(
      Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(host).host}`), {
        code: "ENOTFOUND",
      }),
    )
    .persist();
  const base = simulatorConfig({ token: "t".repeat(40), projectId: PID });
  app = await createApp(
    {
      ...base,
      region,
      ...(endpoint && { endpoint }),
      authUrl: `https://iam.${region}.otc.t-systems.com/v3`,
      retries: 0,
    },
    { dispatcher: agent, logger: pino({ level: "silent" }) },
  );
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
  const result = (await client.callTool({
    name: "list_failed_sdrs_tasks",
    arguments: {},
  })) as CallToolResult;
  await client.close();
  expect(result.isError).toBe(true);
  return textOf(result);
}

describe("a connection failure", () => {
  it("against the default eu-nl host says SDRS is not listed there, and names SDRS_ENDPOINT", async () => {
    const text = await unreachable("eu-nl");
    expect(text).toMatch(/^network/);
    expect(text).toContain(NOTE);
    expect(text).toContain("set SDRS_ENDPOINT to the SDRS address of your cloud");
  });

  it("in eu-de, or with SDRS_ENDPOINT set, says nothing of the kind", async () => {
    expect(await unreachable("eu-de")).not.toContain("official endpoint list");
    expect(await unreachable("eu-nl", "https://sdrs.example")).not.toContain(NOTE);
  });
});
