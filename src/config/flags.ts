import { parseArgs } from "node:util";

/** The command line: a few switches, one with a value (--http), no positional arguments. */
const OPTIONS = {
  demo: { type: "boolean" },
  http: { type: "string" },
  "allow-write": { type: "boolean" },
  check: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

const ALLOWED_FLAGS =
  "--demo, --allow-write, --check, --http [HOST:]PORT, --help (-h), --version (-v)";

export interface Flags {
  demo: boolean;
  allowWrite: boolean;
  check: boolean;
  help: boolean;
  version: boolean;
  /** --http [HOST:]PORT as given (checked by config/team.ts): serve MCP over HTTP. */
  http?: string;
  /** One readable line per argument that is not one of the flags. */
  problems: string[];
}

export function parseFlags(argv: readonly string[]): Flags {
  // Not strict: node's own messages would stop at the first bad argument and explain `--`
  // escaping; the tokens let every bad argument be named with what is allowed.
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen = new Set<string>();
  const problems: string[] = [];
  // `-demo` comes back as the short options -d -e -m -o: each argument is reported once, as typed.
  const reported = new Set<number>();
  let http: string | undefined;
  for (const token of tokens) {
    if (token.kind === "option" && token.name === "http") {
      if (token.value) http = token.value;
      else
        problems.push(
          "--http needs the address to listen on: --http [HOST:]PORT, e.g. --http 8080",
        );
      continue;
    }
    if (token.kind === "option" && Object.hasOwn(OPTIONS, token.name)) {
      if (token.value === undefined) seen.add(token.name);
      else problems.push(`${token.rawName} takes no value: allowed are ${ALLOWED_FLAGS}`);
      continue;
    }
    if (reported.has(token.index)) continue;
    reported.add(token.index);
    const raw = argv[token.index] ?? "--";
    const guess = closestFlag(raw);
    problems.push(
      `unknown argument "${raw}": ${guess ? `did you mean ${guess}? ` : ""}allowed are ${ALLOWED_FLAGS}`,
    );
  }
  return {
    demo: seen.has("demo"),
    allowWrite: seen.has("allow-write"),
    check: seen.has("check"),
    help: seen.has("help"),
    version: seen.has("version"),
    ...(http !== undefined && { http }),
    problems,
  };
}

/**
 * The flag a mistyped argument most likely meant (`--dmeo`, `-demo`, `demo`, `--allow_write`):
 * the nearest by edit distance, when it is at most 2 edits away. Short arguments are not guessed:
 * nearly every flag is within 2 edits of them.
 */
function closestFlag(raw: string): string | undefined {
  const word = raw.replace(/^-+/, "").replace(/=.*$/, "").replace(/_/g, "-").toLowerCase();
  if (word.length < 3) return undefined;
  let best: { flag: string; distance: number } | undefined;
  for (const name of Object.keys(OPTIONS)) {
    const distance = editDistance(word, name);
    if (distance <= 2 && (!best || distance < best.distance))
      best = { flag: `--${name}`, distance };
  }
  return best?.flag;
}

/** Levenshtein distance; arguments are short (a command line), so the quadratic table is tiny. */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}
