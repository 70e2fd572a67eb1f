/**
 * Whether a host that picks tools by matching words (BM25, as lazy tool search does) reaches the
 * right tool for the questions operators ask, and whether the read tools stay small for the
 * model: name, description and input schema of all of them under 2,000 tokens (o200k_base).
 * Two indexes are ranked: a tool's name, title and description, and the same with its argument
 * names and argument descriptions, which is what Claude's tool search tool reads ("tool names,
 * descriptions, argument names, and argument descriptions", Anthropic's tool search
 * documentation).
 * The question bank has two halves (test/fixtures/questions.json): "tuning", the questions the
 * descriptions were written against, and "held-out", operators' phrasings written without
 * them, in batches, each written before the descriptions were reworded again; both are
 * reported, per batch too. A held-out batch joins the tuning half once it has been measured and
 * the descriptions were worded with it in view.
 *
 * The goal for the held-out half is 90% on name, title and description. Batches 3 to 11 ranked
 * 73-90% on first contact and became tuning data; batches 12 and 13, the held-out half, were
 * measured once after the last rewording: 92.5% (88.3% with the arguments). The held-out check
 * requires the goal on the first index and 80% on the second; the tuning check keeps 90%.
 */
import { readFileSync } from "node:fs";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_INSTRUCTIONS } from "../../src/mcp/server.js";
import { type Harness, startHarness } from "../helpers/harness.js";

const bank = JSON.parse(
  readFileSync(new URL("../fixtures/questions.json", import.meta.url), "utf8"),
) as { questions: { q: string; tool: string; set: "tuning" | "held-out"; batch?: number }[] };

let h: Harness;
let readTools: Tool[];
beforeAll(async () => {
  h = await startHarness();
  readTools = (await h.client.listTools()).tools.filter((t) => t.annotations?.readOnlyHint);
});
afterAll(async () => h.close());

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Okapi BM25 (k1 1.2, b 0.75, idf ln(1 + (N - df + 0.5) / (df + 0.5))) over the documents. */
function bm25(documents: string[][], query: string[]): number[] {
  const k1 = 1.2;
  const b = 0.75;
  const average = documents.reduce((sum, d) => sum + d.length, 0) / documents.length;
  const df = (term: string) => documents.filter((d) => d.includes(term)).length;
  return documents.map((doc) =>
    query.reduce((score, term) => {
      const tf = doc.filter((w) => w === term).length;
      if (tf === 0) return score;
      const idf = Math.log(1 + (documents.length - df(term) + 0.5) / (df(term) + 0.5));
      return score + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / average));
    }, 0),
  );
}

type Index = "description" | "with arguments";

/** What the index `index` holds of `tool`: words of its name, title and description, and of its arguments' names and descriptions "with arguments". */
function searchText(tool: Tool, index: Index): string {
  const text = [tool.name.replaceAll("_", " "), tool.title ?? "", tool.description ?? ""];
  if (index === "with arguments") {
    const properties = (tool.inputSchema.properties ?? {}) as Record<
      string,
      { description?: string }
    >;
    for (const [name, schema] of Object.entries(properties)) {
      text.push(name.replaceAll("_", " "), schema.description ?? "");
    }
  }
  return text.join(" ");
}

describe("tool choice", () => {
  /** The share of `set` whose expected tool ranks first in `index`, and the misses. */
  function share(set: "tuning" | "held-out", index: Index = "description") {
    const names = readTools.map((t) => t.name);
    const documents = readTools.map((t) => words(searchText(t, index)));
    const questions = bank.questions.filter((q) => q.set === set && names.includes(q.tool));
    const misses: string[] = [];
    const missed = new Map<number, number>();
    for (const { q, tool, batch = 0 } of questions) {
      const scores = bm25(documents, words(q));
      const best = scores.indexOf(Math.max(...scores));
      if (names[best] === tool) continue;
      misses.push(`${q} -> ${names[best]} (want ${tool})`);
      missed.set(batch, (missed.get(batch) ?? 0) + 1);
    }
    const percent = (n: number, of: number) => `${Math.round((1 - n / of) * 1000) / 10}%`;
    const batches = [...new Set(questions.map((q) => q.batch ?? 0))].map((b) => {
      const of = questions.filter((q) => (q.batch ?? 0) === b).length;
      return `batch ${b}: ${percent(missed.get(b) ?? 0, of)} of ${of}`;
    });
    console.log(
      `tool choice, ${set}, ${index}: ${percent(misses.length, questions.length)} of ${questions.length} (${batches.join(", ")})`,
      misses,
    );
    return { score: 1 - misses.length / questions.length, count: questions.length };
  }

  it("ranks the expected tool first for at least 90% of the questions the descriptions were tuned on", () => {
    share("tuning", "with arguments");
    const { score, count } = share("tuning");
    expect(count).toBeGreaterThanOrEqual(40);
    expect(bank.questions.length).toBeGreaterThanOrEqual(60);
    expect(score).toBeGreaterThanOrEqual(0.9);
  });

  it("ranks the expected tool first for at least 90% of held-out questions (80% with the arguments)", (context) => {
    context.skip(
      !bank.questions.some((q) => q.set === "held-out"),
      "no held-out questions: every measured batch is tuning data now; this check returns with the next batch written without the descriptions",
    );
    const goals = { description: 0.9, "with arguments": 0.8 } as const;
    for (const index of ["description", "with arguments"] as const) {
      const { score, count } = share("held-out", index);
      expect(count).toBeGreaterThanOrEqual(60);
      expect(score, index).toBeGreaterThanOrEqual(goals[index]);
    }
  });

  it("keeps the read tools' name, description and input schema under 2,000 tokens", () => {
    const facing = readTools.map(({ name, description, inputSchema }) => ({
      name,
      description,
      inputSchema,
    }));
    const tokens = countTokens(JSON.stringify(facing));
    console.log(`read tools: ${readTools.length}, ${tokens} tokens (o200k_base)`);
    expect(tokens).toBeLessThan(2000);
  });

  it("says in the instructions which tool answers which question", () => {
    expect(SERVER_INSTRUCTIONS.length).toBeGreaterThan(200);
    expect(SERVER_INSTRUCTIONS.length).toBeLessThan(800);
    for (const tool of [
      "summarize_sdrs_failures",
      "list_sdrs_protection_groups",
      "list_failed_sdrs_tasks",
      "get_sdrs_job",
      "assess_sdrs_readiness",
    ]) {
      expect(SERVER_INSTRUCTIONS).toContain(tool);
    }
    // Every read tool starts with what it answers, in the operator's words.
    for (const t of readTools) {
      expect(t.description?.slice(0, 120), t.name).toMatch(
        /disaster recovery|DR|failover|drill|protection group|replication|job/,
      );
    }
  });
});
