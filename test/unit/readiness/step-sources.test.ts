/**
 * The table of test/fixtures/readiness-steps.json: for each status, the step assess_sdrs_readiness
 * gives says what the fixture says, names the sources the fixture names (in its own text, in
 * [brackets]), and rests on the documented words the fixture quotes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  abnormalGroupStep,
  failedDrillStep,
  groupStatusStep,
  isFailedStatus,
  memberStep,
  RUN_DRILL,
  SOURCES,
  type Step,
  syncStep,
} from "../../../src/readiness/steps.js";
import { GROUP_STATUSES } from "../../../src/sdrs/vocabulary.js";

interface Row {
  subject: string;
  status: string;
  fault_level?: string;
  link_down?: boolean | null;
  says: string;
  sources: (keyof typeof SOURCES)[];
  doc: string;
  quote: string;
}

const GROUP = "00000000-0000-4000-8000-000000000001";
const table = JSON.parse(
  readFileSync(new URL("../../fixtures/readiness-steps.json", import.meta.url), "utf8"),
) as { rows: Row[] };

function stepFor(row: Row): Step | null | undefined {
  switch (row.subject) {
    case "group":
      return groupStatusStep(
        row.status,
        GROUP,
        row.link_down === undefined ? false : row.link_down,
      );
    case "pair":
    case "instance":
      return memberStep(row.status, row.subject, GROUP, row.fault_level ?? null);
    case "replication_status":
      return syncStep(row.status);
    case "drill":
      return failedDrillStep(GROUP);
    case "no_recent_drill":
      return RUN_DRILL;
    case "health":
      return abnormalGroupStep(GROUP);
    default:
      throw new Error(`unknown subject ${row.subject}`);
  }
}

describe("readiness steps and their sources", () => {
  it.each(
    table.rows.map((row) => [
      `${row.subject} ${row.status}${row.fault_level ? ` fault_level ${row.fault_level}` : ""}${row.link_down !== undefined ? ` link_down ${row.link_down}` : ""}`,
      row,
    ]),
  )("%s", (_, row) => {
    const step = stepFor(row);
    if (!step) throw new Error("no step");
    expect(step.text).toContain(row.says.replaceAll("GROUP", GROUP));
    const sources = row.sources.map((key) => SOURCES[key]);
    expect(step.source).toBe(sources.join("; "));
    // The text itself names every source, so the reader can tell SDRS's words from ours.
    for (const source of sources) expect(step.text).toContain(source);
    expect(row.doc).toMatch(/^(api-ref|umn)\/source\//);
    expect(row.quote.length).toBeGreaterThan(10);
  });

  it("covers every failed status of a protection group, and gives none for protected", () => {
    const failed = GROUP_STATUSES.filter(isFailedStatus);
    const covered = new Set(table.rows.filter((r) => r.subject === "group").map((r) => r.status));
    for (const status of failed) expect(covered, status).toContain(status);
    expect(groupStatusStep("protected", GROUP)).toBeNull();
  });

  it("marks what is sdrs-mcp's own suggestion as such", () => {
    for (const step of [
      memberStep("invalid", "pair", GROUP),
      abnormalGroupStep(GROUP),
      syncStep("inactive"),
    ])
      expect(step?.text).toContain("sdrs-mcp suggests");
  });
});
