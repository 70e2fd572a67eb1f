/**
 * Random upstream bodies on the four readiness listings (right shapes with odd values, wrong
 * types, nulls, huge and hostile strings) through the real tool: never a crash, always a
 * result that matches outputSchema within the output budget, a broken listing reported as
 * incomplete rather than failing the call.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { readinessOutput } from "../../src/readiness/output.js";
import { type Harness, startHarness } from "../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom("fault", "invalid", "error-extending", "protected", "null", "", "\u202e\u0000"),
  fc.constant("x".repeat(5000)),
);
const odd = fc.oneof(
  text,
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.anything({ maxDepth: 2 }),
);
const field = (usual: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: odd });
const groupId = () => fc.constantFrom(...h.sim.data.serverGroups.map((g) => g.id), "not-a-group");

// Items in the documented shape, with hostile strings and documented nulls: these parse.
const member = () =>
  fc.record(
    {
      id: fc.uuid(),
      name: text,
      status: text,
      server_group_id: groupId(),
      fault_level: fc.constantFrom("0", "2", "5", 5, "7", null),
      replication_status: fc.constantFrom("active", "inactive", "null", null),
      failure_detail: fc.constantFrom("SDRS.1801", null, "EVS.2024"),
      created_at: text,
    },
    { requiredKeys: ["id"] },
  );
/** A page: mostly in the documented shape, sometimes with one wrong value or no shape at all. */
const listing = (key: string, item: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ count: fc.nat(), [key]: fc.array(item, { maxLength: 60 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ count: odd, [key]: fc.array(fc.oneof(item, odd), { maxLength: 5 }) }),
    },
    { weight: 1, arbitrary: odd },
  );
const quotas = fc.oneof(
  fc.record({
    quotas: fc.record({
      resources: fc.array(
        fc.record({
          type: field(text),
          used: field(fc.integer()),
          quota: field(fc.integer({ min: -1 })),
        }),
        { maxLength: 5 },
      ),
    }),
  }),
  odd,
);

it("answers any body on the readiness listings with a valid result within the budget", async () => {
  await fc.assert(
    fc.asyncProperty(
      listing("protected_instances", member()),
      listing("replications", member()),
      listing("disaster_recovery_drills", member()),
      quotas,
      async (instances, replications, drills, quota) => {
        h.sim.faults.clear();
        const bodies: [string, unknown][] = [
          ["/protected-instances", instances],
          ["/replications", replications],
          ["/disaster-recovery-drills", drills],
          ["/sdrs/quotas", quota],
        ];
        for (const [pathIncludes, body] of bodies)
          h.sim.faults.add({ pathIncludes, fault: { kind: "json", body } });
        const result = (await h.call("assess_sdrs_readiness")) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        expect(readinessOutput.safeParse(result.structuredContent).success).toBe(true);
        const size = JSON.stringify({
          content: result.content,
          structuredContent: result.structuredContent,
        }).length;
        expect(size).toBeLessThan(OUTPUT_BUDGET);
        const json = JSON.stringify(result);
        expect(json.includes("\u202e") || json.includes("\\u0000")).toBe(false);
      },
    ),
    { numRuns: 60 },
  );
});
