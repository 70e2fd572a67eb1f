/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, the release for
 * the protocol version SDK v1 speaks) against the built server in team mode, OAuth on. The CLI
 * needs Node 22 (it crashes on Node 20): a Node 22 binary is fetched for this test and run by
 * its path, never installed. The CLI cannot send a bearer token, so it talks to a small gateway
 * that adds a valid one, as an authenticating proxy in front of the server would; the gateway
 * passes Host and Origin through, so the suite's DNS-rebinding check reaches the server's own.
 * Scenarios that need the suite's fixture tools are listed in conformance-baseline.yml.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeBinary } from "../helpers/node-binary.js";
import { BUNDLE, CLEAN_ENV } from "../helpers/stdio.js";
import { type Issuer, STATE_KEY, startIssuer } from "../helpers/team.js";

const NODE22_VERSION = "22.23.5";
const CLI = fileURLToPath(
  new URL("../../node_modules/@modelcontextprotocol/conformance/dist/index.js", import.meta.url),
);
const BASELINE = fileURLToPath(new URL("./conformance-baseline.yml", import.meta.url));

/** Forwards every request to `target` with `Authorization: Bearer <a fresh valid token>`. */
function startGateway(target: () => URL, token: () => Promise<string>): Promise<Server> {
  const gateway = createServer((req, res) => {
    void token().then((bearer) => {
      const headers = { ...req.headers, authorization: `Bearer ${bearer}` };
      const upstream = request(
        target(),
        { method: req.method, path: req.url, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    });
  });
  return new Promise((resolve) => gateway.listen(0, "127.0.0.1", () => resolve(gateway)));
}

const node22 = nodeBinary(NODE22_VERSION, "SDRS_MCP_NODE22");
const why = "skip" in node22 ? node22.skip : "";
if (why) console.warn(`skipped: the MCP conformance suite needs Node 22: ${why}`);

describe.skipIf(why !== "")("MCP conformance suite against --http", () => {
  let issuer: Issuer;
  let gateway: Server;
  let server: ReturnType<typeof spawn>;
  let serverUrl: URL;
  let out: string;

  beforeAll(async () => {
    issuer = await startIssuer();
    let publicUrl = "";
    gateway = await startGateway(
      () => serverUrl,
      () => issuer.mint(publicUrl),
    );
    // The suite checks DNS-rebinding protection on a localhost URL: the gateway's.
    const front = `http://localhost:${(gateway.address() as AddressInfo).port}`;
    publicUrl = `${front}/mcp`;
    server = spawn(process.execPath, [BUNDLE, "--demo", "--http", "127.0.0.1:0"], {
      env: {
        ...CLEAN_ENV,
        SDRS_MCP_OAUTH_ISSUER: issuer.issuer,
        SDRS_MCP_PUBLIC_URL: publicUrl,
        SDRS_MCP_STATE_KEY: STATE_KEY,
        // The front's own origin, as the browser-based checks of the suite send it.
        SDRS_MCP_ALLOWED_ORIGINS: front,
      },
    });
    serverUrl = await new Promise<URL>((resolve, reject) => {
      let err = "";
      server.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        err += chunk;
        const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/mcp"/.exec(err)?.[1];
        if (url) resolve(new URL(url));
      });
      server.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
    });
    out = mkdtempSync(join(tmpdir(), "sdrs-mcp-conformance-"));
  });

  afterAll(async () => {
    server?.kill("SIGTERM");
    await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
    await issuer?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("passes every active server scenario but those the baseline lists (the suite's fixtures)", async () => {
    const bin = "bin" in node22 ? node22.bin : "";
    const front = `http://localhost:${(gateway.address() as AddressInfo).port}/mcp`;
    const run = spawn(
      bin,
      [CLI, "server", "--url", front, "--expected-failures", BASELINE, "-o", out],
      { env: { ...CLEAN_ENV, NO_COLOR: "1" } },
    );
    let output = "";
    run.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    run.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
    const summary = output.slice(output.indexOf("=== SUMMARY ==="));
    expect(summary, output).toContain("Baseline check passed: all failures are expected.");
    expect(code, summary).toBe(0);
    for (const scenario of [
      "server-initialize",
      "ping",
      "logging-set-level",
      "tools-list",
      "resources-list",
      "prompts-list",
      "dns-rebinding-protection",
    ]) {
      expect(summary).toMatch(new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`));
    }
  }, 120_000);
});
