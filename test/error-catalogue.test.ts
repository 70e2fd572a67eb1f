import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SDRS_ERROR_CATALOGUE } from "../src/sdrs/error-catalogue.js";
import { explainCodes, explainErrorCode } from "../src/sdrs/explain.js";

describe("the SDRS error catalogue", () => {
  it("holds every documented code of data/sdrs-error-codes.tsv", () => {
    const rows = readFileSync(new URL("../data/sdrs-error-codes.tsv", import.meta.url), "utf8")
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
});
