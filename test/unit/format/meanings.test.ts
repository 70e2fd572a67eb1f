import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  adviceFor,
  EXPLANATION_BUDGET,
  meaningsOf,
  mostFrequentAdvice,
  renderAdvice,
  renderCodes,
} from "../../../src/format/meanings.js";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";

/** The appendix as the TSV has it: code -> [message, handling measure]. */
const APPENDIX = new Map(
  readFileSync(new URL("../../../data/sdrs-error-codes.tsv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"))
    .map(([, code, message, , handling]) => [code as string, [message, handling] as const]),
);

describe("meaningsOf", () => {
  it("quotes the appendix's meaning and Handling Measure for SDRS codes, and nothing of its own", () => {
    // Codes whose handling a reading of their message's words got wrong: roles, a drill or a
    // pair to delete first, AZ and VPC mismatches, a failover to perform.
    const codes = ["SDRS.0003", "SDRS.1003", "SDRS.1010", "SDRS.1303", "SDRS.1304", "SDRS.1823"];
    const m = meaningsOf(codes);
    for (const code of codes) {
      const [message, handling] = APPENDIX.get(code) ?? [];
      expect(m.error_meanings[code], code).toBe(message);
      expect(m.error_handling[code], code).toBe(handling);
    }
    expect(m.error_next_steps).toEqual({});
    expect(m.codes_unexplained).toBe(0);
    expect(m.error_handling["SDRS.0003"]).toMatch(/roles/);
    expect(m.error_handling["SDRS.1003"]).toMatch(/^Delete the DR drill/);
    expect(m.error_handling["SDRS.1823"]).toMatch(/failover/i);
  });

  it("gives other services' and unknown codes sdrs-mcp's reading, marked as such", () => {
    const m = meaningsOf(["EVS.2024", "ECS.0001", "IMS.0146", "SDRS.9999", "", "(other)"]);
    expect(m.error_meanings).toEqual({});
    expect(m.error_handling).toEqual({});
    expect(Object.keys(m.error_next_steps)).toEqual([
      "EVS.2024",
      "ECS.0001",
      "IMS.0146",
      "SDRS.9999",
    ]);
    for (const reading of Object.values(m.error_next_steps)) {
      expect(reading).toMatch(/^sdrs-mcp's reading: /);
    }
    expect(m.error_next_steps["EVS.2024"]).toMatch(/Elastic Volume Service.*disk/);
    expect(m.error_next_steps["SDRS.9999"]).toMatch(/not in the SDRS error-code appendix/);
  });

  it("explains the most frequent codes first and counts the rest when they do not all fit", () => {
    const all = [...SDRS_ERROR_CATALOGUE.keys()];
    // Code i occurs 218 - i times: the order of the catalogue is the order of frequency.
    const codes = all.flatMap((code, i) => Array<string>(all.length - i).fill(code));
    const m = meaningsOf(codes);
    const explained = Object.keys(m.error_handling);
    expect(explained.length).toBeGreaterThan(20);
    expect(m.codes_unexplained).toBeGreaterThan(0);
    expect(explained.length + m.codes_unexplained).toBe(all.length);
    expect(explained).toEqual(all.slice(0, explained.length));
    expect(Object.keys(m.error_meanings)).toEqual(explained);
    const size =
      JSON.stringify(m).length + renderAdvice(m, { meanings: new Set() }).join("\n").length;
    expect(size).toBeLessThan(EXPLANATION_BUDGET * 1.5);
  });

  it("explains every code of a page when they fit", () => {
    const m = meaningsOf(["SDRS.1030", "SDRS.1030", "EVS.2024", "SDRS.1812"]);
    expect(Object.keys(m.error_handling)).toEqual(["SDRS.1030", "SDRS.1812"]);
    expect(Object.keys(m.error_next_steps)).toEqual(["EVS.2024"]);
    expect(m.codes_unexplained).toBe(0);
  });
});

describe("the text of codes", () => {
  it("says each handling text once, with every code it applies to", () => {
    // 34 codes share "Contact customer service.", 34 "Try again. If the fault persists, …".
    const shared = [...SDRS_ERROR_CATALOGUE]
      .filter(([, c]) => c.handling === "Contact customer service.")
      .map(([code]) => code)
      .slice(0, 5);
    const m = meaningsOf([...shared, "SDRS.1030", "EVS.2024"]);
    const counts = Object.fromEntries([...shared, "SDRS.1030", "EVS.2024"].map((c) => [c, 1]));
    const text = renderCodes(counts, m).join("\n");
    expect(text.split("Contact customer service.").length - 1).toBe(1);
    expect(text).toContain(`- ${shared.join(", ")}: Contact customer service.`);
    expect(text).toContain("Handling Measure (SDRS error-code appendix):");
    expect(text).toMatch(/Codes the appendix does not list:\n- EVS.2024: sdrs-mcp's reading: /);
  });

  it("names a code folded into (other) with its meaning where it says what to do", () => {
    const m = meaningsOf(["SDRS.0305", "SDRS.0305", "SDRS.1812"]);
    const text = renderCodes({ "SDRS.0305": 2, "(other)": 1 }, m).join("\n");
    expect(text).toContain(
      "By error code: SDRS.0305 2 (Insufficient protection group quota), (other) 1",
    );
    expect(text).toContain("- SDRS.1812 (Failed to create the disk): ");
    expect(text).not.toContain("- SDRS.0305 (");
  });

  it("says how many codes were left unexplained", () => {
    const all = [...SDRS_ERROR_CATALOGUE.keys()];
    const m = meaningsOf(all);
    expect(renderAdvice(m, { meanings: new Set() }).at(-1)).toBe(
      `${m.codes_unexplained} more codes are not explained for size (codes_unexplained): the raw resource has them, the SDRS error-code appendix explains the SDRS ones.`,
    );
  });

  it("quotes the handling measure as a next step, naming the codes that share it", () => {
    const m = meaningsOf(["SDRS.1030", "SDRS.1030", "SDRS.1922", "SDRS.0003", "EVS.2024"]);
    expect(adviceFor(m, "SDRS.1030")).toEqual({
      step: 'for SDRS.1030 (and SDRS.1922), the SDRS error-code appendix says: "Try again. If the fault persists, contact customer service."',
      codes: ["SDRS.1030", "SDRS.1922"],
    });
    expect(adviceFor(m, "EVS.2024")?.step).toMatch(/^for EVS.2024, sdrs-mcp's reading: /);
    expect(adviceFor(m, "SDRS.1812")).toBeUndefined();
    // The lines below leave out what the step quoted, and say the rest once.
    const counts = { "SDRS.1030": 2, "SDRS.0003": 1, "EVS.2024": 1 };
    const advised = mostFrequentAdvice(counts, m);
    expect(advised?.step).toMatch(/^for SDRS.1030, the most frequent code \(and SDRS.1922\), /);
    const text = renderCodes(counts, m, advised?.codes).join("\n");
    expect(text).not.toContain("Try again");
    expect(text).toContain("- SDRS.1922 (Failed to create the DR drill): as quoted above.");
    expect(text).toContain("- SDRS.0003: Check whether the tenant has the desired roles.");
  });
});
