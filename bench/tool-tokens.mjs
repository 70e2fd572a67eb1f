#!/usr/bin/env node
// What the model reads: the read tools as tools/list gives them (name, description, input
// schema: the part a host puts in front of the model), the server instructions, and the answers
// to the demo's questions (scripts/demo.mjs), in characters and in tokens (gpt-tokenizer,
// o200k_base). Sizes, not times: one run is exact.
//
// Usage: npm run build && node bench/tool-tokens.mjs [--json]
// Importable: runToolTokens() -> { tools, total_tokens, instructions, answers } (bench/run.mjs).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { startHarness } from "./lib/harness.mjs";
import { table } from "./lib/stats.mjs";

export const ENCODING = "o200k_base (gpt-tokenizer)";
/** Issue 13's bound on the model-facing size of all read tools together. */
export const TOOL_TOKEN_LIMIT = 2000;

const size = (value) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { chars: text.length, tokens: countTokens(text) };
};

/** The demo's questions, asked as scripts/demo.mjs asks them (the delete is a write: left out). */
async function demoAnswers(h) {
  const answer = async (question, name, args) => {
    const r = await h.call(name, args);
    return {
      question,
      call: `${name} ${JSON.stringify(args)}`,
      r,
      ...size({ content: r.content, structuredContent: r.structuredContent }),
    };
  };
  // "This week" as scripts/demo.mjs asks it: the demo data is dated relative to today, so a
  // fixed date would measure another answer as the days pass.
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const q1 = await answer("What failed in DR this week?", "summarize_sdrs_failures", {
    since: weekAgo,
  });
  const groups = await answer("Is anything failing in prod-db?", "list_sdrs_protection_groups", {
    name: "prod-db",
  });
  const prodDb = groups.r.structuredContent.groups.find((g) => g.name === "prod-db");
  const inside = await answer("Is anything failing in prod-db?", "list_failed_sdrs_tasks", {
    server_group_id: prodDb.id,
  });
  const failover = await answer("What happened to that failover job?", "summarize_sdrs_failures", {
    failure_status: "failoverFail",
    newest: 1,
  });
  const job = await answer("What happened to that failover job?", "get_sdrs_job", {
    job_id: failover.r.structuredContent.newest[0].job_id,
  });
  const ready = await answer("Is our disaster recovery ready?", "assess_sdrs_readiness", {});
  return [q1, groups, inside, failover, job, ready].map(({ r: _r, ...rest }) => rest);
}

export async function runToolTokens() {
  const h = await startHarness();
  try {
    const { tools } = await h.client.listTools();
    const read = tools.filter((t) => t.annotations?.readOnlyHint);
    const facing = read.map(({ name, description, inputSchema }) => ({
      name,
      description,
      inputSchema,
    }));
    return {
      encoding: ENCODING,
      tools: facing.map((t) => ({ name: t.name, ...size(t) })),
      total: size(facing),
      limit: TOOL_TOKEN_LIMIT,
      instructions: size(h.client.getInstructions() ?? ""),
      answers: await demoAnswers(h),
    };
  } finally {
    await h.close();
  }
}

export function formatToolTokens(r) {
  const tools = table(
    ["read tool", "chars", "tokens"],
    [
      ...r.tools.map((t) => [t.name, t.chars, t.tokens]),
      ["all together", r.total.chars, r.total.tokens],
    ],
  );
  const answers = table(
    ["demo question", "call", "chars", "tokens"],
    r.answers.map((a) => [a.question, a.call.slice(0, 60), a.chars, a.tokens]),
  );
  return `${tools}\nserver instructions: ${r.instructions.chars} chars, ${r.instructions.tokens} tokens (${r.encoding})\n\n${answers}`;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const { values } = parseArgs({ options: { json: { type: "boolean" } } });
  const result = await runToolTokens();
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatToolTokens(result)}\n`,
  );
}
