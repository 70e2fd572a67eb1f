import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { meaningsOf, renderCodes } from "../../../src/format/meanings.js";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";
import { codeFacts, explainCodes, explainErrorCode } from "../../../src/sdrs/explain.js";

describe("the SDRS error catalogue", () => {
  it("holds every documented code of data/sdrs-error-codes.tsv", () => {
    const rows = readFileSync(
      new URL("../../../data/sdrs-error-codes.tsv", import.meta.url),
      "utf8",
    )
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t"));
    expect(rows).toHaveLength(218);
    expect(SDRS_ERROR_CATALOGUE.size).toBe(rows.length);
    for (const [status, code, message] of rows) {
      expect(SDRS_ERROR_CATALOGUE.get(code as string)).toEqual([
        Number(status),
        (message as string).replaceAll("**", ""),
      ]);
    }
  });

  it("explains SDRS codes only", () => {
    expect(explainErrorCode("SDRS.1013")).toBe("Protection group not found");
    expect(explainErrorCode("EVS.2024")).toBeUndefined();
    expect(explainErrorCode("")).toBeUndefined();
    expect(explainCodes(["SDRS.0221", "EVS.2024"])).toEqual({
      "SDRS.0221": "limit value must be greater than 0 or less than 1000",
    });
  });

  it("says where a code points only from its documented words or its service prefix", () => {
    expect(codeFacts("SDRS.0305")).toEqual({
      meaning: "Insufficient protection group quota",
      cls: "quota",
    });
    expect(codeFacts("SDRS.1812").cls).toBe("disk");
    expect(codeFacts("SDRS.1326").cls).toBe("server");
    expect(codeFacts("SDRS.1335").cls).toBe("network");
    expect(codeFacts("SDRS.1002").cls).toBe("state");
    expect(codeFacts("SDRS.0013").cls).toBe("internal");
    expect(codeFacts("SDRS.0210").cls).toBe("request"); // Invalid server ID: a refused value
    expect(codeFacts("SDRS.0225").cls).toBe("disk"); // Frozen volume: the disk, not the account
    expect(codeFacts("SDRS.1355").cls).toBe("frozen");
    // Documented, but its words name nothing to check.
    expect(codeFacts("SDRS.1030")).toEqual({ meaning: "Failed to perform the failover" });
    expect(codeFacts("EVS.2024")).toEqual({
      service: "Elastic Volume Service: disks",
      cls: "disk",
    });
    expect(codeFacts("ecs.0001").cls).toBe("server");
    expect(codeFacts("SDRS.9999")).toEqual({});
    expect(codeFacts("IMS.0146")).toEqual({});
  });

  it("gives meanings and next steps per code, and says when nothing documents a code", () => {
    const m = meaningsOf(["SDRS.0305", "SDRS.1030", "EVS.2024", "SDRS.9999", "(other)", "(none)"]);
    expect(m.error_meanings).toEqual({
      "SDRS.0305": "Insufficient protection group quota",
      "SDRS.1030": "Failed to perform the failover",
    });
    expect(Object.keys(m.error_next_steps)).toEqual(["SDRS.0305", "EVS.2024", "SDRS.9999"]);
    expect(m.error_next_steps["SDRS.0305"]).toMatch(/quota/);
    expect(m.error_next_steps["EVS.2024"]).toMatch(
      /^Not an SDRS code \(Elastic Volume Service.*disk/,
    );
    expect(m.error_next_steps["SDRS.9999"]).toBe(
      "Not in the SDRS error codes: only the reason explains it.",
    );
  });

  it("says where codes point only for the codes its counts name", () => {
    const m = meaningsOf(["SDRS.0305", "SDRS.1812", "EVS.2024"]);
    // SDRS.1812 and EVS.2024 were folded into "(other)" by the counts shown.
    const lines = renderCodes({ "SDRS.0305": 3, "(other)": 2 }, m).join("\n");
    expect(lines).toContain("SDRS.0305 3 (Insufficient protection group quota)");
    expect(lines).toContain("- SDRS.0305: ");
    expect(lines).not.toContain("SDRS.1812");
    expect(lines).not.toContain("EVS.2024");
  });
});
