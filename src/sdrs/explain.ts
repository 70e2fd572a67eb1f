/**
 * What an error code says, from documented facts only: the SDRS error catalogue (the API
 * reference's error code appendix) for SDRS codes, and for other services' codes (the API
 * passes them through, e.g. EVS.2024) only which service the prefix names. The class of a code
 * is read from the words of its documented message; a code without one gets no class.
 */
import { dict } from "../text/records.js";
import { SDRS_ERROR_CATALOGUE } from "./error-catalogue.js";

export type CodeClass =
  | "request"
  | "quota"
  | "frozen"
  | "permission"
  | "disk"
  | "server"
  | "network"
  | "replication"
  | "drill"
  | "state"
  | "internal";

/** Service prefixes of Open Telekom Cloud codes, with what their resources are. */
const SERVICES: ReadonlyMap<string, { name: string; cls: CodeClass }> = new Map([
  ["EVS", { name: "Elastic Volume Service: disks", cls: "disk" }],
  ["ECS", { name: "Elastic Cloud Server: servers", cls: "server" }],
  ["VPC", { name: "Virtual Private Cloud: networks", cls: "network" }],
  ["IAM", { name: "Identity and Access Management", cls: "permission" }],
] as const);

/** First match wins: the words of the documented message that point at a resource or cause. */
const CLASS_WORDS: readonly (readonly [CodeClass, RegExp])[] = [
  ["request", /^(?:invalid|null or empty|ids exceed)\b|^(?:limit|offset) value\b/i],
  ["quota", /\bquota\b/i],
  ["frozen", /\baccount is frozen\b/i],
  ["permission", /\b(?:permission|token|roles?|tenant)\b/i],
  ["disk", /\b(?:disks?|volumes?|snapshot|capacity)\b/i],
  ["server", /\b(?:server|flavor|specifications)\b/i],
  ["network", /\b(?:nics?|eip|vpc|subnet|ip address(?:es)?|cidr)\b/i],
  ["replication", /\breplication pairs?\b/i],
  ["drill", /\bdr drill\b/i],
  ["state", /\b(?:status|state)\b/i],
  ["internal", /\b(?:system error|internal error|subjob|job|data error|configuration)\b/i],
];

function normalize(code: string): string {
  return code.trim().toUpperCase();
}

/** The documented meaning of an SDRS error code, or undefined for other services' codes. */
export function explainErrorCode(code: string | undefined | null): string | undefined {
  if (!code) return undefined;
  return SDRS_ERROR_CATALOGUE.get(normalize(code))?.[1];
}

/** Meanings of the SDRS codes among `codes`, for a result's glossary. */
export function explainCodes(codes: Iterable<string>): Record<string, string> {
  const out = dict<string>();
  for (const code of codes) {
    const meaning = explainErrorCode(code);
    if (meaning) out[code] = meaning;
  }
  return out;
}

export interface CodeFacts {
  /** The documented SDRS meaning, if the catalogue has the code. */
  meaning?: string;
  /** The service another service's code comes from, e.g. "Elastic Volume Service: disks". */
  service?: string;
  /** What the documented words point at; absent when nothing documented says. */
  cls?: CodeClass;
}

/** Everything documented about one code; an empty object when nothing is. */
export function codeFacts(code: string): CodeFacts {
  const meaning = explainErrorCode(code);
  if (meaning) {
    const cls = CLASS_WORDS.find(([, words]) => words.test(meaning))?.[0];
    return cls ? { meaning, cls } : { meaning };
  }
  const service = SERVICES.get(normalize(code).split(".")[0] ?? "");
  return service ? { service: service.name, cls: service.cls } : {};
}
