/**
 * Demo marking (--demo): a host may run a demo server beside the real one, so every answer of a
 * demo server says it is sample data. A successful result says so in its first text line and in
 * `structuredContent.demo: true`; an error still starts with what happened, as every error
 * does, and says "demo" in its last sentence. Outside demo mode nothing is added.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

export const DEMO_LINE =
  "Demo: sample data from the sdrs-mcp simulator, not your cloud (sdrs-mcp runs with --demo).";
export const DEMO_SENTENCE =
  "This answer comes from the sdrs-mcp demo (its simulator), not from your cloud.";

/** The extended schemas, made once per tool: team mode builds a server for every request. */
const extended = new WeakMap<z.ZodObject<z.ZodRawShape>, z.ZodObject<z.ZodRawShape>>();

/** Every output schema carries `demo`, present (and true) only in demo mode. */
export function withDemoField(schema: z.ZodObject<z.ZodRawShape>): z.ZodObject<z.ZodRawShape> {
  let withDemo = extended.get(schema);
  if (!withDemo) {
    withDemo = schema.extend({
      demo: z
        .literal(true)
        .optional()
        .describe("present only when sdrs-mcp runs with --demo: sample data, not your cloud"),
    });
    extended.set(schema, withDemo);
  }
  return withDemo;
}

/** The result as a demo server gives it. */
export function markDemo(result: CallToolResult): CallToolResult {
  if (result.isError) return { ...result, content: endWith(result.content, DEMO_SENTENCE) };
  const [first, ...rest] = result.content;
  const content: CallToolResult["content"] =
    first?.type === "text"
      ? [{ ...first, text: `${DEMO_LINE}\n${first.text}` }, ...rest]
      : [{ type: "text", text: DEMO_LINE }, ...result.content];
  return {
    ...result,
    content,
    ...(result.structuredContent && {
      structuredContent: { ...result.structuredContent, demo: true },
    }),
  };
}

/** An error's last text ends with `sentence`, after its own. */
export function endWith(content: CallToolResult["content"], sentence: string) {
  const at = content.findLastIndex((c) => c.type === "text");
  const last = content[at];
  if (last?.type !== "text") return [...content, { type: "text" as const, text: sentence }];
  const text = last.text.trimEnd();
  const joined = /[.!?]$/.test(text) ? `${text} ${sentence}` : `${text}. ${sentence}`;
  return content.map((c, i) => (i === at ? { ...last, text: joined } : c));
}
