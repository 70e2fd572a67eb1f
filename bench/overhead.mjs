#!/usr/bin/env node
// What a tool call costs beyond the HTTP exchange it wraps, and how it compares with a generic
// OpenAPI-to-MCP server on the same upstream.
//
// Upstream: a stub SDRS on a worker thread (lib/stub-worker.mjs) serving precomputed pages on
// 127.0.0.1: 1000 or 10 failed tasks with 1,500-character unicode reasons (mixed scripts, some
// emoji), then 1000 real-shaped Java/Python/Go exception chains (lib/reason-chains.mjs).
// Contenders, each timed from this process, interleaved in a rotating order after a warm-up:
//   - direct: undici `request` (keep-alive Agent) of the page URL + JSON.parse of its body;
//   - sdrs-mcp: `list_failed_sdrs_tasks` with that limit, tools/call over stdio to the built
//     bundle (dist/sdrs-mcp.js), the answer line parsed here as a host would;
//   - openapi-mcp-server: `@ivotoby/openapi-mcp-server` (stdio) fed bench/openapi/failure-jobs.json,
//     the same operation with the same limit;
//   - (small page only) two pass-through servers that GET the page and answer with its body:
//     baselines/raw-proxy.mjs (no SDK: what the process layout costs, host - pipe - server -
//     HTTP) and baselines/minimal-proxy-server.mjs (one tool on the SDK: what any SDK server
//     costs per call).
// overhead = tools/call time - direct time, at p50 and at p95 (each the difference of the two
// quantiles). The answers are measured once each: characters of the JSON-RPC result and its
// tokens (gpt-tokenizer, o200k_base).
//
// Usage: npm run build && node bench/overhead.mjs [--calls 200] [--warmup 30] [--json]
// Importable: runOverhead({ calls, warmup }) (bench/run.mjs).
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { Agent, request } from "undici";
import { round, summary, table } from "./lib/stats.mjs";
import { cleanEnv, stdioPeer } from "./lib/stdio-peer.mjs";
import { PROJECT_ID, startStub, TOKEN } from "./lib/stub.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const OPENAPI_SPEC = resolve(ROOT, "bench/openapi/failure-jobs.json");
export const OPENAPI_CLI = resolve(ROOT, "node_modules/@ivotoby/openapi-mcp-server/dist/cli.js");
const QUANTILES = [0.5, 0.95];

/** The environment of the generic server pointed at `baseUrl` (also used by cold-start.mjs). */
export function openapiEnv(baseUrl) {
  return cleanEnv({
    API_BASE_URL: baseUrl,
    OPENAPI_SPEC_PATH: OPENAPI_SPEC,
    API_HEADERS: `X-Auth-Token:${TOKEN}`,
    TRANSPORT_TYPE: "stdio",
    VERBOSE: "false",
  });
}

/** The environment of sdrs-mcp pointed at `endpoint` (also used by cold-start.mjs). */
export function sdrsEnv(endpoint) {
  return cleanEnv({
    SDRS_ENDPOINT: endpoint,
    OS_AUTH_TOKEN: TOKEN,
    OS_PROJECT_ID: PROJECT_ID,
    SDRS_MCP_LOG_LEVEL: "warn",
  });
}

/**
 * Runs every variant once per round in a rotating order, `warmup + calls` rounds; each variant
 * is { call, check }: only `call` is timed, `check` then verifies what it answered.
 */
async function interleave(variants, calls, warmup) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const last = {};
  for (let i = 0; i < warmup + calls; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const started = performance.now();
      const answer = await variants[name].call();
      const elapsed = performance.now() - started;
      variants[name].check(answer);
      last[name] = answer;
      if (i >= warmup) samples[name].push(elapsed);
    }
  }
  return { samples, last };
}

function toolResult(response, what) {
  if (!response.result || response.result.isError) {
    throw new Error(`${what}: ${JSON.stringify(response).slice(0, 400)}`);
  }
  return response.result;
}

/** Size of an answer as the model gets it: the JSON-RPC result, in characters and tokens. */
function answerSize(result) {
  const text = JSON.stringify(result);
  return { chars: text.length, tokens: countTokens(text) };
}

/** @param {{ calls?: number, warmup?: number }} options */
export async function runOverhead({ calls = 200, warmup = 30 } = {}) {
  const stub = await startStub();
  const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
  const sdrs = stdioPeer(resolve(ROOT, "dist/sdrs-mcp.js"), sdrsEnv(stub.url));
  const openapi = stdioPeer(OPENAPI_CLI, openapiEnv(stub.url));
  const sdkProxy = stdioPeer(
    resolve(ROOT, "bench/baselines/minimal-proxy-server.mjs"),
    sdrsEnv(stub.url),
  );
  const rawProxy = stdioPeer(resolve(ROOT, "bench/baselines/raw-proxy.mjs"), sdrsEnv(stub.url));
  await Promise.all([sdrs.initialize(), openapi.initialize(), sdkProxy.initialize()]);
  const listed = await openapi.request("tools/list", {});
  const openapiTool = listed.result.tools.find((t) => /failure/i.test(t.name))?.name;
  if (!openapiTool) throw new Error(`no failure-jobs tool in ${JSON.stringify(listed)}`);

  const variantsFor = (limit, withPassThrough) => {
    const rows = (n) => (page) => {
      if (page.length !== n) throw new Error(`${n} rows expected, ${page.length} received`);
    };
    const expectRows = rows(limit);
    const variants = {
      [`direct ${limit}`]: {
        call: async () => {
          const { statusCode, body } = await request(`${stub.url}${stub.path(limit)}`, {
            headers: { accept: "application/json", "x-auth-token": TOKEN },
            dispatcher,
          });
          return { statusCode, json: JSON.parse(await body.text()) };
        },
        check: ({ statusCode, json }) => {
          if (statusCode !== 200) throw new Error(`direct: HTTP ${statusCode}`);
          expectRows(json.failure_jobs);
        },
      },
      [`sdrs-mcp ${limit}`]: {
        call: () =>
          sdrs.request("tools/call", { name: "list_failed_sdrs_tasks", arguments: { limit } }),
        check: (response) => {
          const { structuredContent } = toolResult(response, "sdrs-mcp");
          if (structuredContent.page.returned !== limit) throw new Error("sdrs-mcp: short page");
        },
      },
      [`openapi ${limit}`]: {
        call: () =>
          openapi.request("tools/call", {
            name: openapiTool,
            arguments: { project_id: PROJECT_ID, limit, offset: 0 },
          }),
        check: (response) => {
          const text = toolResult(response, "openapi-mcp-server").content[0].text;
          // Checked without a full parse: parsing a 4 MB answer here would slow the next call.
          if (!text.includes('"failure_jobs"')) throw new Error("openapi: no failure_jobs");
        },
      },
    };
    if (withPassThrough) {
      variants[`sdk pass-through ${limit}`] = {
        call: () =>
          sdkProxy.request("tools/call", { name: "get", arguments: { path: stub.path(limit) } }),
        check: (response) => {
          expectRows(JSON.parse(toolResult(response, "SDK proxy").content[0].text).failure_jobs);
        },
      };
      variants[`raw pass-through ${limit}`] = {
        call: () => rawProxy.request("get", { path: stub.path(limit) }),
        check: (response) => {
          expectRows(JSON.parse(toolResult(response, "raw proxy").content[0].text).failure_jobs);
        },
      };
    }
    return variants;
  };

  const phases = {};
  for (const [kind, limits] of [
    ["unicode", [1000, 10]],
    ["chains", [1000]],
  ]) {
    await stub.serve(kind);
    const variants = Object.assign({}, ...limits.map((l) => variantsFor(l, l === 10)));
    const { samples, last } = await interleave(variants, calls, warmup);
    for (const limit of limits) {
      const s = (name) => summary(samples[`${name} ${limit}`], QUANTILES);
      const direct = s("direct");
      const ours = s("sdrs-mcp");
      const generic = s("openapi");
      const diff = (a, b, q) => round(a[q] - b[q], 3);
      phases[`${kind} ${limit}`] = {
        page: kind,
        tasks: limit,
        upstream_body_bytes: Buffer.byteLength(JSON.stringify(last[`direct ${limit}`].json)),
        direct,
        sdrs_mcp: ours,
        openapi: generic,
        ...(samples[`sdk pass-through ${limit}`] && {
          sdk_pass_through: s("sdk pass-through"),
          raw_pass_through: s("raw pass-through"),
        }),
        overhead_p50_ms: diff(ours, direct, "p50_ms"),
        overhead_p95_ms: diff(ours, direct, "p95_ms"),
        openapi_overhead_p50_ms: diff(generic, direct, "p50_ms"),
        openapi_overhead_p95_ms: diff(generic, direct, "p95_ms"),
        vs_openapi_p50: round(ours.p50_ms / generic.p50_ms, 2),
        vs_openapi_p95: round(ours.p95_ms / generic.p95_ms, 2),
        answer: {
          sdrs_mcp: answerSize(last[`sdrs-mcp ${limit}`].result),
          openapi: answerSize(last[`openapi ${limit}`].result),
        },
      };
    }
  }
  await Promise.all([sdrs.close(), openapi.close(), sdkProxy.close(), rawProxy.close()]);
  await dispatcher.close();
  await stub.close();

  for (const p of Object.values(phases)) {
    p.answer.openapi_vs_sdrs_mcp_chars = round(p.answer.openapi.chars / p.answer.sdrs_mcp.chars, 1);
    p.answer.openapi_vs_sdrs_mcp_tokens = round(
      p.answer.openapi.tokens / p.answer.sdrs_mcp.tokens,
      1,
    );
  }
  const large = [phases["unicode 1000"], phases["chains 1000"]];
  const small = phases["unicode 10"];
  return {
    calls,
    warmup,
    openapi_tool: openapiTool,
    phases,
    goals: {
      large_page_overhead_ms: 10,
      small_page_overhead_ms: 1,
    },
    pass_large: large.every((p) => p.overhead_p50_ms <= 10 && p.overhead_p95_ms <= 10),
    pass_small: small.overhead_p50_ms <= 1,
    pass_vs_openapi: Object.values(phases).every((p) => p.sdrs_mcp.p50_ms <= p.openapi.p50_ms),
  };
}

export function formatOverhead(r) {
  const ms = (x) => x.toFixed(2);
  const rows = [];
  for (const [name, p] of Object.entries(r.phases)) {
    rows.push([`${name}: direct fetch + JSON.parse`, ms(p.direct.p50_ms), ms(p.direct.p95_ms)]);
    rows.push([`${name}: sdrs-mcp tools/call`, ms(p.sdrs_mcp.p50_ms), ms(p.sdrs_mcp.p95_ms)]);
    rows.push([
      `${name}: openapi-mcp-server tools/call`,
      ms(p.openapi.p50_ms),
      ms(p.openapi.p95_ms),
    ]);
    if (p.sdk_pass_through) {
      const { raw_pass_through: raw, sdk_pass_through: sdk } = p;
      rows.push([`${name}: raw pass-through, no SDK`, ms(raw.p50_ms), ms(raw.p95_ms)]);
      rows.push([`${name}: SDK pass-through, one tool`, ms(sdk.p50_ms), ms(sdk.p95_ms)]);
    }
    rows.push([`${name}: sdrs-mcp overhead`, ms(p.overhead_p50_ms), ms(p.overhead_p95_ms)]);
    rows.push([
      `${name}: sdrs-mcp / openapi-mcp-server`,
      `${p.vs_openapi_p50}x`,
      `${p.vs_openapi_p95}x`,
    ]);
  }
  const timing = table([`${r.calls} interleaved calls each`, "p50 ms", "p95 ms"], rows);
  const sizes = table(
    ["answer (JSON-RPC result)", "sdrs-mcp chars", "tokens", "openapi chars", "tokens", "ratio"],
    Object.entries(r.phases).map(([name, p]) => [
      name,
      p.answer.sdrs_mcp.chars,
      p.answer.sdrs_mcp.tokens,
      p.answer.openapi.chars,
      p.answer.openapi.tokens,
      `${p.answer.openapi_vs_sdrs_mcp_chars}x | ${p.answer.openapi_vs_sdrs_mcp_tokens}x`,
    ]),
  );
  return `${timing}\n${sizes}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      calls: { type: "string", default: "200" },
      warmup: { type: "string", default: "30" },
      json: { type: "boolean" },
    },
  });
  const result = await runOverhead({ calls: Number(values.calls), warmup: Number(values.warmup) });
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatOverhead(result)}\n`,
  );
}
