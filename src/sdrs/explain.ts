/**
 * What an error code says, from documented facts only: the SDRS error-code appendix of the API
 * reference (message, description, Handling Measure) for SDRS codes, and for other services'
 * codes (the API passes them through, e.g. EVS.2024) only which service the prefix names.
 */
import { type DocumentedCode, SDRS_ERROR_CATALOGUE } from "./error-catalogue.js";

/** A service whose codes SDRS passes through, and what of it a failed step used. */
export interface Service {
  /** "Elastic Volume Service" */
  name: string;
  /** "disk (EVS volume)": what the reason of a failed task names. */
  resource: string;
}

/** Open Telekom Cloud services whose codes appear in failed tasks (e.g. EVS.2024, ECS.0001). */
const SERVICES: ReadonlyMap<string, Service> = new Map([
  ["EVS", { name: "Elastic Volume Service", resource: "disk (EVS volume)" }],
  ["ECS", { name: "Elastic Cloud Server", resource: "server (ECS)" }],
  ["VPC", { name: "Virtual Private Cloud", resource: "VPC, subnet, port or EIP" }],
  ["IMS", { name: "Image Management Service", resource: "image (IMS)" }],
  ["IAM", { name: "Identity and Access Management", resource: "user, token or permission (IAM)" }],
]);

function normalize(code: string): string {
  return code.trim().toUpperCase();
}

/** Everything the appendix documents about an SDRS code; undefined for any other code. */
export function documentedCode(code: string | undefined | null): DocumentedCode | undefined {
  return code ? SDRS_ERROR_CATALOGUE.get(normalize(code)) : undefined;
}

/** The documented meaning (message) of an SDRS error code, or undefined for other codes. */
export function explainErrorCode(code: string | undefined | null): string | undefined {
  return documentedCode(code)?.message;
}

/** The service another service's code comes from ("EVS.2024": the Elastic Volume Service). */
export function serviceOf(code: string): Service | undefined {
  return SERVICES.get(normalize(code).split(".")[0] ?? "");
}
