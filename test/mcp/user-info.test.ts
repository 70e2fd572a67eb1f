/**
 * A password in a configured URL, whatever it holds (a space, "#", "/", "?", "@", "%", quotes,
 * unicode) and wherever the URL was set (SDRS_ENDPOINT, OS_AUTH_URL, HTTPS_PROXY, clouds.yaml's
 * auth_url): the unconfigured server's instructions, every tool result and `--check`'s report
 * name the problem and never the password.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createUnconfiguredApp } from "../../src/app/app.js";
import { runCheck } from "../../src/app/check.js";
import { textOf } from "../helpers/harness.js";
import {
  configWithUrl,
  NASTY_PASSWORDS,
  PASSWORD_MARK,
  URL_SETTINGS,
  variableOf,
} from "../helpers/user-info.js";

describe.each(URL_SETTINGS)("a password in the URL of %s", (where) => {
  it("is in no instructions, tool result or --check line", async () => {
    let unconfigured = 0;
    for (const password of NASTY_PASSWORDS) {
      const result = configWithUrl(where, `https://admin:${password}@host.example.com/v3`);
      // A proxy URL that parses is used; its password is a secret scrubbed from every output.
      if (result.kind !== "unconfigured") continue;
      unconfigured++;
      const lines: string[] = [];
      const exit = await runCheck({ settings: result.settings, problems: result.problems }, (l) =>
        lines.push(l),
      );
      expect(exit).toBe(2);
      const check = lines.join("\n");
      const app = createUnconfiguredApp(result.problems, {
        logger: pino({ level: "silent" }),
        ...result.settings,
      });
      const client = new Client({ name: "test", version: "1.0.0" });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      try {
        await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
        const call = (await client.callTool({ name: "list_failed_sdrs_tasks" })) as CallToolResult;
        expect(call.isError).toBe(true);
        for (const shown of [check, client.getInstructions() ?? "", textOf(call)]) {
          expect(shown, password).toContain(variableOf(where));
          expect(shown, password).not.toContain(PASSWORD_MARK);
        }
      } finally {
        await client.close();
        await app.close();
      }
    }
    // "#", "/" and "?" end the user info of a URL that parses: such a proxy URL is refused too.
    expect(unconfigured).toBeGreaterThanOrEqual(3);
  });
});
