import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";
import { documentedCode, explainErrorCode, serviceOf } from "../../../src/sdrs/explain.js";

const rows = readFileSync(new URL("../../../data/sdrs-error-codes.tsv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split("\t"));

describe("the SDRS error catalogue", () => {
  it("holds every documented code of data/sdrs-error-codes.tsv, with all its columns", () => {
    expect(rows[0]).toEqual([
      "http_status",
      "error_code",
      "error_message",
      "description",
      "handling_measure",
    ]);
    const codes = rows.slice(1);
    expect(codes).toHaveLength(218);
    expect(SDRS_ERROR_CATALOGUE.size).toBe(codes.length);
    const plain = (text: string | undefined) => (text ?? "").replaceAll("**", "").trim();
    for (const [status, code, message, description, handling] of codes) {
      expect(SDRS_ERROR_CATALOGUE.get(code as string), code).toEqual({
        status: Number(status),
        message: plain(message),
        description: plain(description),
        handling: plain(handling),
      });
    }
  });

  it("writes each distinct handling measure once into the bundle", () => {
    const source = readFileSync(
      new URL("../../../src/sdrs/error-catalogue.ts", import.meta.url),
      "utf8",
    );
    const distinct = new Set([...SDRS_ERROR_CATALOGUE.values()].map((c) => c.handling));
    expect(distinct.size).toBe(101);
    for (const text of distinct) {
      expect(source.split(JSON.stringify(text)).length - 1, text).toBe(1);
    }
  });

  it("explains SDRS codes only, whatever their case", () => {
    expect(explainErrorCode("SDRS.1013")).toBe("Protection group not found");
    expect(explainErrorCode(" sdrs.1013 ")).toBe("Protection group not found");
    expect(documentedCode("SDRS.0003")?.handling).toMatch(
      /^Check whether the tenant has the desired roles/,
    );
    expect(explainErrorCode("EVS.2024")).toBeUndefined();
    expect(explainErrorCode("")).toBeUndefined();
    expect(explainErrorCode(null)).toBeUndefined();
  });

  it("names the service of another service's code, and nothing else", () => {
    expect(serviceOf("EVS.2024")?.name).toBe("Elastic Volume Service");
    expect(serviceOf("ecs.0001")?.name).toBe("Elastic Cloud Server");
    expect(serviceOf("IMS.0146")?.name).toBe("Image Management Service");
    expect(serviceOf("SDRS.1030")).toBeUndefined();
    expect(serviceOf("XYZ.1")).toBeUndefined();
  });
});
