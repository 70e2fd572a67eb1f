import { SDRS_ERROR_CATALOGUE } from "./error-catalogue.js";

/** The documented meaning of an SDRS error code, or undefined for other services' codes. */
export function explainErrorCode(code: string | undefined | null): string | undefined {
  if (!code) return undefined;
  return SDRS_ERROR_CATALOGUE.get(code.trim().toUpperCase())?.[1];
}

/** Meanings of the SDRS codes among `codes`, for a result's glossary. */
export function explainCodes(codes: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const code of codes) {
    const meaning = explainErrorCode(code);
    if (meaning) out[code] = meaning;
  }
  return out;
}
