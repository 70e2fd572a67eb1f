/**
 * Every tool's input and output schema, as tools/list gives them, passes the MCP Inspector's
 * `--strict` portability lint (its rules, reproduced in test/helpers/schema-lint.ts) with no
 * finding: no type arrays, no bare booleans, no untyped schema, no remote $ref, and patterns in
 * the regex subset other dialects (Python's `re`) compile. The rewrite that gets there keeps
 * every schema's meaning.
 */
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portableSchema } from "../../src/mcp/portable-schema.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { lintTools } from "../helpers/schema-lint.js";

let harness: Harness;
let tools: Awaited<ReturnType<Harness["client"]["listTools"]>>["tools"];

beforeAll(async () => {
  harness = await startHarness({ allowWrite: true });
  tools = (await harness.client.listTools()).tools;
});
afterAll(async () => {
  await harness?.close();
});

describe("the tool schemas", () => {
  it("give the Inspector's strict lint nothing to report, for every tool", () => {
    expect(tools.length).toBeGreaterThanOrEqual(7);
    expect(lintTools(tools)).toEqual([]);
  });

  it("still describe what the tools return: a summary validates against the rewritten schema", async () => {
    const result = await harness.client.callTool({
      name: "summarize_sdrs_failures",
      arguments: {},
    });
    expect(result.isError).toBeFalsy();
    const schema = tools.find((t) => t.name === "summarize_sdrs_failures")?.outputSchema;
    const validate = new Ajv({ strict: false }).compile(schema ?? {});
    expect(validate(result.structuredContent), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("the lint itself", () => {
  it("finds what the Inspector reports", () => {
    const findings = lintTools([
      {
        name: "t",
        inputSchema: {
          type: "object",
          properties: {
            a: { type: ["string", "null"] },
            b: true,
            c: { description: "anything" },
            d: { $ref: "https://example.com/s.json" },
            e: { type: "string", pattern: "^[^\\p{Cc}]*$" },
          },
        },
      },
    ]);
    expect(findings.map((f) => [f.path, f.rule])).toEqual([
      ["properties.a", "type-union"],
      ["properties.b", "boolean-schema"],
      ["properties.c", "untyped-schema"],
      ["properties.d", "remote-ref"],
      ["properties.e", "pattern-dialect"],
    ]);
  });
});

describe("portableSchema", () => {
  const nullable = {
    type: ["string", "null"],
    maxLength: 40,
    pattern: "^a",
    description: "health",
  };

  it("splits a type array into anyOf branches, each keeping its own keywords", () => {
    expect(portableSchema({ type: "object", properties: { h: nullable } })).toEqual({
      type: "object",
      properties: {
        h: {
          description: "health",
          anyOf: [{ type: "string", maxLength: 40, pattern: "^a" }, { type: "null" }],
        },
      },
    });
  });

  it("accepts and refuses exactly the same values as before", () => {
    const ajv = new Ajv({ strict: false });
    const schemas = [
      nullable,
      { type: ["number", "string"], minimum: 3, minLength: 2 },
      { type: ["array", "null"], items: { type: ["integer", "null"] }, maxItems: 2 },
      { type: ["string", "null"], enum: ["a", null] },
      { type: ["string", "null"], anyOf: [{ minLength: 2 }, { type: "null" }] },
    ];
    const values = [
      null,
      "",
      "a",
      "abc",
      "x".repeat(41),
      1,
      2,
      3,
      4.5,
      [],
      [1],
      [1, null],
      [1, 2, 3],
      {},
      true,
    ];
    for (const schema of schemas) {
      const before = ajv.compile(schema);
      const after = ajv.compile(portableSchema(schema));
      for (const value of values) {
        expect(after(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`).toBe(
          before(value),
        );
      }
    }
  });

  it("leaves instance data alone", () => {
    const schema = { type: "object", default: { type: ["a", "b"] }, const: { type: [1] } };
    expect(portableSchema(schema)).toEqual(schema);
  });
});
