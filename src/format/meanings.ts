/**
 * What each error code of an answer means and where it points, from documented facts only
 * (src/sdrs/explain.ts): `error_meanings` holds the documented meaning of every SDRS code the
 * catalogue knows; `error_next_steps` says where a code points when its documented words name a
 * resource or cause (a quota, a disk, a server...), and that nothing explains a code the SDRS
 * documentation does not list. No procedure is invented.
 */
import { z } from "zod";
import { type CodeClass, codeFacts, explainErrorCode } from "../sdrs/explain.js";
import { dict, own } from "../text/records.js";
import { clip } from "./fields.js";
import { token } from "./render.js";

/** Where a class of codes points. */
const NEXT_STEP: Record<CodeClass, string> = {
  request: "SDRS refused a value of the request: the message names which.",
  quota: "Check the project's quota the message names.",
  frozen: "The account is frozen.",
  permission: "Check the user's SDRS permissions and the project.",
  disk: "Check the disk (EVS volume): status and attachment.",
  server: "Check the server (ECS): status and flavor.",
  network: "Check the VPC, subnet, NIC or EIP the message names.",
  replication: "Check the replication pair's status.",
  drill: "Check the DR drill and its drill VPC.",
  state: "Check the status of the protection group or resource the message names.",
  internal: "An SDRS-side error: nothing of yours to check is named.",
};

export const meaningsOutput = {
  error_meanings: z.record(z.string(), z.string()),
  error_next_steps: z.record(z.string(), z.string()),
};

export interface Meanings {
  error_meanings: Record<string, string>;
  error_next_steps: Record<string, string>;
}

/**
 * The codes an answer explains: every key of its counts, and every other code of its rows that
 * the SDRS documentation knows. Counts fold their rarest keys into "(other)", but a row shown
 * with a documented code still gets its meaning; documented codes are bounded by the catalogue,
 * so the explanations stay bounded too.
 */
export function codesToExplain(
  counts: Record<string, number>,
  rowCodes: Iterable<string>,
): string[] {
  const codes = new Set(Object.keys(counts));
  for (const raw of new Set(rowCodes)) {
    if (explainErrorCode(raw)) codes.add(clip("error_code", raw));
  }
  return [...codes];
}

/** Meanings and next steps of `codes` (cleaned and bounded: see codesToExplain). */
export function meaningsOf(codes: Iterable<string>): Meanings {
  const error_meanings = dict<string>();
  const error_next_steps = dict<string>();
  for (const code of codes) {
    if (code === "" || code.startsWith("(")) continue; // "(none)" and "(other)" are ours
    const facts = codeFacts(code);
    if (facts.meaning) error_meanings[code] = facts.meaning;
    const step = nextStep(facts);
    if (step) error_next_steps[code] = step;
  }
  return { error_meanings, error_next_steps };
}

/** Where the documented facts point; undefined when a documented meaning names nothing. */
function nextStep(facts: ReturnType<typeof codeFacts>): string | undefined {
  const step = facts.cls ? NEXT_STEP[facts.cls] : undefined;
  if (facts.meaning) return step;
  const from = facts.service
    ? `Not an SDRS code (${facts.service}).`
    : "Not in the SDRS error codes: only the reason explains it.";
  return step ? `${from} ${step}` : from;
}

/**
 * "By error code: SDRS.1030 3 (Failed to perform the failover), EVS.2024 2", then where the
 * codes point, one line per step with the codes it applies to: only codes the counts name (one
 * folded into "(other)" is not named, so nothing says where it points).
 */
export function renderCodes(counts: Record<string, number>, m: Meanings): string[] {
  const entries = Object.entries(counts);
  if (entries.length === 0) return [];
  const codes = entries.map(([code, n]) => {
    const meaning = own(m.error_meanings, code);
    return `${token(code, "(none)")} ${n}${meaning ? ` (${meaning})` : ""}`;
  });
  const byStep = new Map<string, string[]>();
  for (const [code, step] of Object.entries(m.error_next_steps)) {
    if (own(counts, code) === undefined) continue;
    byStep.set(step, [...(byStep.get(step) ?? []), token(code)]);
  }
  const steps = [...byStep].map(([step, list]) => `- ${list.join(", ")}: ${step}`);
  return [
    `By error code: ${codes.join(", ")}`,
    ...(steps.length ? ["Where they point:", ...steps] : []),
  ];
}

/** What a summary sentence already said about codes, so the lines below do not say it again. */
export interface SaidAbove {
  meanings: ReadonlySet<string>;
  steps: ReadonlySet<string>;
}

const NOTHING_SAID: SaidAbove = { meanings: new Set(), steps: new Set() };

/**
 * "Error codes:" and one line per code: "- SDRS.1812 (Failed to create the disk): step",
 * leaving out what `said` names; a code with nothing left to say has no line.
 */
export function renderMeanings(m: Meanings, said: SaidAbove = NOTHING_SAID): string[] {
  const codes = new Set([...Object.keys(m.error_meanings), ...Object.keys(m.error_next_steps)]);
  const lines: string[] = [];
  for (const code of codes) {
    const meaning = said.meanings.has(code) ? undefined : own(m.error_meanings, code);
    const step = said.steps.has(code) ? undefined : own(m.error_next_steps, code);
    if (!meaning && !step) continue;
    lines.push(`- ${token(code)}${meaning ? ` (${meaning})` : ""}${step ? `: ${step}` : ""}`);
  }
  return lines.length ? ["Error codes:", ...lines] : [];
}
