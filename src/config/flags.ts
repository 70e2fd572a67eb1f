import { parseArgs } from "node:util";

/** The command line: a few switches, no values, no positional arguments. */
const OPTIONS = {
  demo: { type: "boolean" },
  "allow-write": { type: "boolean" },
  check: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

const ALLOWED_FLAGS = "--demo, --allow-write, --check, --help (-h), --version (-v)";

export interface Flags {
  demo: boolean;
  allowWrite: boolean;
  check: boolean;
  help: boolean;
  version: boolean;
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
  for (const token of tokens) {
    if (token.kind === "option" && Object.hasOwn(OPTIONS, token.name)) {
      if (token.value === undefined) seen.add(token.name);
      else problems.push(`${token.rawName} takes no value: allowed are ${ALLOWED_FLAGS}`);
      continue;
    }
    const raw =
      token.kind === "option" ? token.rawName : token.kind === "positional" ? token.value : "--";
    problems.push(`unknown argument "${raw}": allowed are ${ALLOWED_FLAGS}`);
  }
  return {
    demo: seen.has("demo"),
    allowWrite: seen.has("allow-write"),
    check: seen.has("check"),
    help: seen.has("help"),
    version: seen.has("version"),
    problems,
  };
}
