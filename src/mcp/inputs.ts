/**
 * Input fields shared by the tools, each with the message a model sees when it gets one wrong:
 * the field's name and what is allowed.
 */
import { z } from "zod";
import { ANY_CASE_PROJECT_ID, UUID } from "../sdrs/ids.js";
import { cleanText } from "../text/clean.js";
import type { ServerDeps } from "./deps.js";
import { ProjectRefusedError, requestError, ToolInputError } from "./errors.js";

export function wholeNumber(field: string, min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  const error = `${field} must be a whole number ${range}`;
  const base = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? base : base.max(max, { error });
}

export function oneOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: `${field} must be one of: ${values.join(", ")}` });
}

/**
 * Either case, as OS_PROJECT_ID takes it; lower-cased before anything else sees it (the API's
 * paths, the team-mode allow-list, a confirm token's binding all use that spelling).
 */
export const projectIdField = z
  .string({ error: "project_id must be a string of 32 hexadecimal characters" })
  .regex(ANY_CASE_PROJECT_ID, { error: "project_id must be 32 hexadecimal characters" })
  .toLowerCase()
  .describe("Omit for the configured project.");

export const serverGroupIdField = (purpose: string) =>
  z
    .string({ error: "server_group_id must be a protection group UUID" })
    .regex(UUID, { error: "server_group_id must be a protection group UUID (8-4-4-4-12 hex)" })
    .describe(purpose);

export function boundedText(field: string, max: number) {
  const error = `${field} must be a non-empty string of at most ${max} characters without control characters`;
  return (
    z
      .string({ error })
      .min(1, { error })
      .max(max, { error })
      // A check, not a `pattern`: the pattern cost the model-facing tool list 20 tokens a
      // field, for characters no model sends; the refusal and its message are the same.
      .refine((text) => !CONTROL_CHARACTER.test(text), { error })
  );
}

/** The control characters (Unicode Cc). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** The filters among `args` that were given, for the API's query (absent ones are not sent). */
export function givenFilters<A extends Partial<Record<K, string>>, K extends keyof A & string>(
  args: A,
  keys: readonly K[],
): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of keys) {
    const value = args[key];
    if (value !== undefined) filters[key] = value;
  }
  return filters;
}

/**
 * Arguments of a request other than a tool call (a prompt, a resource template) checked by
 * `schema`; a JSON-RPC invalid-params error naming every problem otherwise.
 */
export function parseParams<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw requestError("invalid-params", parsed.error.issues.map((i) => i.message).join("; "));
  }
  return parsed.data;
}

const NAMED_KEYS = 3;
const KEY_LENGTH = 40;

/**
 * Names a few unknown keys (cut, as JSON strings) and counts the rest: the message must stay
 * small whatever was sent (100,000 keys once made a 1.2 MB error).
 */
function unknownKeys(keys: readonly string[], allowed: string): string {
  const named = keys.slice(0, NAMED_KEYS).map((k) => JSON.stringify(cleanText(k, KEY_LENGTH)));
  const more = keys.length > NAMED_KEYS ? ` and ${keys.length - NAMED_KEYS} more` : "";
  const noun = keys.length === 1 ? "argument" : "arguments";
  return `unknown ${noun} ${named.join(", ")}${more}: allowed are ${allowed}`;
}

/** An object schema that rejects unknown keys, naming them and the allowed ones. */
export function strictInput<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? unknownKeys(issue.keys, allowed) : undefined,
  });
}

/**
 * The project of a call: the one it names, else the configured one; in team mode only one of
 * the projects the server serves (checked before anything is sent).
 */
export async function resolveProjectId(
  projectId: string | undefined,
  deps: ServerDeps,
): Promise<string> {
  const resolved = projectId ?? (await deps.defaultProjectId());
  if (!resolved) {
    throw new ToolInputError(
      "project_id is required: no default project is configured (set OS_PROJECT_ID or pass project_id)",
    );
  }
  await checkProjectAllowed(resolved, deps);
  return resolved;
}

/** Team mode: a project outside SDRS_MCP_PROJECTS (default: the configured one) is refused. */
export async function checkProjectAllowed(projectId: string, deps: ServerDeps): Promise<void> {
  if (!deps.projects) return;
  const allowed = await deps.projects();
  if (!allowed.has(projectId)) throw new ProjectRefusedError(projectId, [...allowed]);
}
