/**
 * What each error code of an answer means and what to do about it, from the official sources:
 * `error_meanings` quotes the documented meaning (message) of each SDRS code, `error_handling`
 * its Handling Measure from the SDRS error-code appendix. For codes the appendix does not list
 * (other services' codes such as EVS.2024, unknown codes) `error_next_steps` gives sdrs-mcp's
 * own reading, from the service the prefix names and the reason, and says so: it is never
 * presented as SDRS's advice. (A reading derived from the words of a documented message
 * contradicted the appendix for many codes, so documented codes get the appendix alone.)
 *
 * Explanations share the output budget with the rows: the most frequent codes are explained
 * first, and `codes_unexplained` counts those left out for size.
 */
import { z } from "zod";
import { documentedCode, serviceOf } from "../sdrs/explain.js";
import { dict, own } from "../text/records.js";
import { jsonLength } from "./budget.js";
import { countClipped } from "./fields.js";
import { plural, quoted, token } from "./render.js";

export const meaningsOutput = {
  error_meanings: z
    .record(z.string(), z.string())
    .describe("Documented meaning of each SDRS error code explained"),
  error_handling: z
    .record(z.string(), z.string())
    .describe("Handling Measure of the SDRS error-code appendix for each SDRS code explained"),
  error_next_steps: z
    .record(z.string(), z.string())
    .describe(
      "Only for codes the SDRS appendix does not list (other services', unknown): sdrs-mcp's own reading, not SDRS advice",
    ),
  codes_unexplained: z
    .number()
    .int()
    .describe("Distinct error codes left unexplained for size (the least frequent)"),
};

export interface Meanings {
  error_meanings: Record<string, string>;
  error_handling: Record<string, string>;
  error_next_steps: Record<string, string>;
  codes_unexplained: number;
}

/**
 * Characters the explanations may take, in structuredContent and text together: about 25 codes
 * with distinct handling texts, more when they share them. A page rarely holds more codes.
 */
export const EXPLANATION_BUDGET = 8_000;

const READING = "sdrs-mcp's reading";

/** What sdrs-mcp reads from a code the appendix does not list: its service, else nothing. */
function readingOf(code: string): string {
  const service = serviceOf(code);
  return service
    ? `${READING}: not an SDRS code but one of the ${service.name}, passed through by SDRS; check the ${service.resource} the fail_reason names.`
    : `${READING}: not in the SDRS error-code appendix; only the fail_reason explains it.`;
}

/**
 * The codes of `codes` (with repeats: each occurrence counts), cleaned, most frequent first
 * (ties in order of appearance); "" and our own "(none)"/"(other)" are no codes.
 */
function byFrequency(codes: Iterable<string>): string[] {
  const counts = [...countClipped(codes, "error_code")].filter(
    ([code]) => code !== "" && !code.startsWith("("),
  );
  return counts.sort((a, b) => b[1] - a[1]).map(([code]) => code);
}

/**
 * Meanings and handling of the codes of an answer, the most frequent first, as far as
 * `budget` characters reach (structuredContent and the text's lines together).
 */
export function meaningsOf(codes: Iterable<string>, budget = EXPLANATION_BUDGET): Meanings {
  const m: Meanings = {
    error_meanings: dict<string>(),
    error_handling: dict<string>(),
    error_next_steps: dict<string>(),
    codes_unexplained: 0,
  };
  const texts = new Set<string>();
  const ordered = byFrequency(codes);
  let used = 0;
  for (const [i, code] of ordered.entries()) {
    const documented = documentedCode(code);
    const advice = documented ? documented.handling : readingOf(code);
    const entries = documented ? [documented.message, advice] : [advice];
    // Its entries in structuredContent, its words in the text, and the advice once per text.
    const cost =
      entries.reduce((sum, e) => sum + jsonLength(code) + jsonLength(e) + 2, 0) +
      2 * (code.length + 2) +
      (documented?.message.length ?? 0) +
      (texts.has(advice) ? 0 : advice.length + 4);
    if (used + cost > budget) {
      m.codes_unexplained = ordered.length - i;
      break;
    }
    used += cost;
    texts.add(advice);
    if (documented) {
      m.error_meanings[code] = documented.message;
      m.error_handling[code] = documented.handling;
    } else {
      m.error_next_steps[code] = advice;
    }
  }
  return m;
}

/** A step that quotes what to do about a code, and every code of the answer it applies to. */
export interface Advice {
  step: string;
  codes: string[];
}

/**
 * What to do about `code`, as a step: 'for SDRS.1030 (and SDRS.1029), the SDRS error-code
 * appendix says: "Try again…"', or sdrs-mcp's reading of a code the appendix does not list;
 * undefined when the answer does not explain the code. The other codes with the same text are
 * named, so the lines below need not say it again (renderAdvice, `said.advice`).
 */
export function adviceFor(m: Meanings, code: string, note = ""): Advice | undefined {
  const handling = own(m.error_handling, code);
  const text = handling ?? own(m.error_next_steps, code);
  if (text === undefined) return undefined;
  const source = handling ? m.error_handling : m.error_next_steps;
  const same = Object.keys(source).filter((other) => other !== code && source[other] === text);
  const others = same.length ? ` (and ${same.map((c) => token(c)).join(", ")})` : "";
  const about = `for ${token(code)}${note}${others}`;
  const step = handling
    ? `${about}, the SDRS error-code appendix says: ${quoted(handling)}`
    : `${about}, ${text.replace(/\.$/, "")}`;
  return { step, codes: [code, ...same] };
}

/** adviceFor the most frequent code of `counts` (its first key), if that is a code. */
export function mostFrequentAdvice(
  counts: Record<string, number>,
  m: Meanings,
): Advice | undefined {
  const keys = Object.keys(counts);
  return adviceFor(m, keys[0] ?? "", keys.length > 1 ? ", the most frequent code" : "");
}

/**
 * "By error code: SDRS.1030 3 (Failed to perform the failover), EVS.2024 2", then what to do
 * (renderAdvice) for the codes `advised` (a step above quoted theirs) does not name; a code
 * folded into "(other)" gets its meaning there.
 */
export function renderCodes(
  counts: Record<string, number>,
  m: Meanings,
  advised: readonly string[] = [],
): string[] {
  const entries = Object.entries(counts);
  if (entries.length === 0) return [];
  const codes = entries.map(([code, n]) => {
    const meaning = own(m.error_meanings, code);
    return `${token(code, "(none)")} ${n}${meaning ? ` (${meaning})` : ""}`;
  });
  const said = { meanings: new Set(Object.keys(counts)), advice: new Set(advised) };
  return [`By error code: ${codes.join(", ")}`, ...renderAdvice(m, said)];
}

/** What lines above already said about codes, so the lines below do not say it again. */
export interface SaidAbove {
  meanings: ReadonlySet<string>;
  advice?: ReadonlySet<string>;
}

/**
 * What to do about each code, one line per distinct text with every code it applies to (109 of
 * the 218 codes share four handling texts, and a line each would say them over and over):
 *
 *   Handling Measure (SDRS error-code appendix):
 *   - SDRS.1030, SDRS.1812 (Failed to create the disk): Try again. If the fault persists, …
 *   Codes the appendix does not list:
 *   - EVS.2024: sdrs-mcp's reading: not an SDRS code but one of the Elastic Volume Service, …
 *   3 more codes are not explained for size (codes_unexplained): …
 */
const AS_QUOTED = "as quoted above.";

export function renderAdvice(m: Meanings, said: SaidAbove): string[] {
  const name = (code: string) => {
    const meaning = said.meanings.has(code) ? undefined : own(m.error_meanings, code);
    return `${token(code)}${meaning ? ` (${meaning})` : ""}`;
  };
  const lines = (advice: Record<string, string>) => {
    const byText = new Map<string, string[]>();
    for (const [code, text] of Object.entries(advice)) {
      // Advice a step above quoted: only a meaning not said yet is left to say.
      const quotedAbove = said.advice?.has(code);
      if (quotedAbove && (said.meanings.has(code) || !own(m.error_meanings, code))) continue;
      const key = quotedAbove ? AS_QUOTED : text;
      byText.set(key, [...(byText.get(key) ?? []), name(code)]);
    }
    return [...byText].map(([text, codes]) => `- ${codes.join(", ")}: ${text}`);
  };
  const handling = lines(m.error_handling);
  const readings = lines(m.error_next_steps);
  return [
    ...(handling.length ? ["Handling Measure (SDRS error-code appendix):", ...handling] : []),
    ...(readings.length ? ["Codes the appendix does not list:", ...readings] : []),
    ...(m.codes_unexplained
      ? [
          `${plural(m.codes_unexplained, "more code")} ${m.codes_unexplained === 1 ? "is" : "are"} not explained for size (codes_unexplained): the raw resource has them, the SDRS error-code appendix explains the SDRS ones.`,
        ]
      : []),
  ];
}
