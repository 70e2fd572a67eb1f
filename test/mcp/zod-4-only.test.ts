/**
 * Every schema sdrs-mcp hands the SDK is a zod 4 schema, so its bundle may leave out the SDK's
 * zod 3 support (zod/v3 and zod-to-json-schema, stubbed by scripts/bundle.mjs): a zod 3 schema
 * would reach a stub that throws. The SDK keeps what it was given in private fields (read here
 * as such: an SDK update that renames them fails this test, not a user's call).
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createUnconfiguredApp } from "../../src/app/app.js";

interface Registered {
  _registeredTools: Record<string, { inputSchema?: unknown; outputSchema?: unknown }>;
  _registeredPrompts: Record<string, { argsSchema?: unknown }>;
}

/** zod 4 schemas (classic and mini) carry `_zod`; zod 3 ones do not. */
const isZod4 = (schema: unknown) =>
  typeof schema === "object" && schema !== null && "_zod" in schema;

describe("the schemas sdrs-mcp gives the SDK", () => {
  it("are all zod 4: tool inputs and outputs, prompt arguments", () => {
    const app = createUnconfiguredApp(["no credentials"], {
      logger: pino({ level: "silent" }),
      allowWrite: true,
      toolTimeoutMs: 30_000,
    });
    const sdk = app.server as unknown as Registered;
    const tools = Object.entries(sdk._registeredTools);
    const prompts = Object.entries(sdk._registeredPrompts);
    expect(tools.length).toBeGreaterThanOrEqual(7);
    expect(prompts.length).toBeGreaterThanOrEqual(1);
    for (const [name, tool] of tools) {
      expect(isZod4(tool.inputSchema), `${name} input`).toBe(true);
      expect(isZod4(tool.outputSchema), `${name} output`).toBe(true);
    }
    for (const [name, prompt] of prompts) {
      if (prompt.argsSchema !== undefined) expect(isZod4(prompt.argsSchema), name).toBe(true);
    }
  });
});
