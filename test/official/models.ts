/**
 * The official SDRS models kept beside this file as data (one JSON file per model, each naming
 * the repository, file and commit it was read from), and the two things the tests do with them:
 * build an item that carries every documented field, and list where a value strays from the
 * documented fields, types and enums.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type FieldType = "string" | "integer" | "boolean" | "object" | "array";

export interface OfficialField {
  type: FieldType;
  required: boolean;
  /** Closed set of values documented for the field. */
  enum?: string[];
  /** Values official examples show although the enum does not list them. */
  seen_in_examples?: string[];
  /** Documented (or shown in an official example) as null. */
  nullable?: boolean;
  /** Nested model of an object field. */
  ref?: string;
  /** Nested model (or primitive type) of an array field's items. */
  items?: string;
  minimum?: number;
  maximum?: number;
}

export interface OfficialSource {
  repo: string;
  path: string;
  commit: string;
}

export interface OfficialModel {
  model: string;
  operation: { method: string; path: string; operationId: string };
  source: OfficialSource;
  checked_against: OfficialSource[];
  fields: Record<string, OfficialField>;
}

const here = dirname(fileURLToPath(import.meta.url));

export const MODELS: ReadonlyMap<string, OfficialModel> = new Map(
  readdirSync(here)
    .filter((file) => file.endsWith(".json"))
    .map((file) => {
      const model = JSON.parse(readFileSync(join(here, file), "utf8")) as OfficialModel;
      return [model.model, model] as const;
    }),
);

export function model(name: string): OfficialModel {
  const found = MODELS.get(name);
  if (!found) throw new Error(`no official model ${name} in test/official`);
  return found;
}

const PRIMITIVES = new Set<string>(["string", "integer", "boolean"]);

/** Overrides by dotted path ("entities.sub_jobs.0.status") replace the generated value. */
export type Overrides = Record<string, unknown>;

/**
 * An item carrying every documented field (nested models included, one array element each):
 * strings take the first enum value or a value naming the field, integers 1, booleans true.
 */
export function fullItem(name: string, overrides: Overrides = {}, prefix = ""): unknown {
  const item: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(model(name).fields)) {
    const path = prefix + key;
    item[key] = path in overrides ? overrides[path] : valueFor(field, key, overrides, `${path}.`);
  }
  return item;
}

function valueFor(field: OfficialField, key: string, overrides: Overrides, prefix: string) {
  switch (field.type) {
    case "integer":
      return Math.max(1, field.minimum ?? 1);
    case "boolean":
      return true;
    case "object":
      return field.ref ? fullItem(field.ref, overrides, prefix) : {};
    case "array": {
      const items = field.items ?? "string";
      if (PRIMITIVES.has(items)) return [items === "string" ? `${key}-0` : 1];
      return [fullItem(items, overrides, `${prefix}0.`)];
    }
    default:
      return field.enum?.[0] ?? `${key}-value`;
  }
}

/** Every (dotted path, value) a documented enum or nullable field can take, nested ones included. */
export function documentedVariants(name: string, prefix = ""): Array<[string, unknown]> {
  const variants: Array<[string, unknown]> = [];
  for (const [key, field] of Object.entries(model(name).fields)) {
    const path = prefix + key;
    for (const value of [...(field.enum ?? []), ...(field.seen_in_examples ?? [])]) {
      variants.push([path, value]);
    }
    if (field.nullable) variants.push([path, null]);
    if (field.type === "object" && field.ref)
      variants.push(...documentedVariants(field.ref, `${path}.`));
    if (field.type === "array" && field.items && !PRIMITIVES.has(field.items)) {
      variants.push(...documentedVariants(field.items, `${path}.0.`));
    }
  }
  return variants;
}

/** Reads a dotted path ("entities.sub_jobs.0.status") out of a parsed value. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Where `value` strays from the model: keys the model does not document, values of the wrong
 * type, null where the sources never show null, values outside a documented enum. Nested
 * models are checked too. Returns readable findings ("server_groups.0.foo: not documented").
 */
export function strays(name: string, value: unknown, path = name): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  }
  const { fields } = model(name);
  const findings: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = fields[key];
    const where = `${path}.${key}`;
    if (!field) findings.push(`${where}: not a documented field of ${name}`);
    else findings.push(...fieldStrays(field, item, where));
  }
  return findings;
}

function fieldStrays(field: OfficialField, value: unknown, where: string): string[] {
  if (value === null) return field.nullable ? [] : [`${where}: null, but never documented as null`];
  switch (field.type) {
    case "integer":
      return Number.isInteger(value)
        ? []
        : [`${where}: expected an integer, got ${JSON.stringify(value)}`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${where}: expected a boolean`];
    case "object":
      return field.ref ? strays(field.ref, value, where) : [];
    case "array":
      return arrayStrays(field, value, where);
    default:
      return stringStrays(field, value, where);
  }
}

function arrayStrays(field: OfficialField, value: unknown, where: string): string[] {
  if (!Array.isArray(value)) return [`${where}: expected an array`];
  const items = field.items ?? "string";
  return value.flatMap((element, i) =>
    PRIMITIVES.has(items)
      ? fieldStrays({ type: items as FieldType, required: true }, element, `${where}.${i}`)
      : strays(items, element, `${where}.${i}`),
  );
}

function stringStrays(field: OfficialField, value: unknown, where: string): string[] {
  if (typeof value !== "string")
    return [`${where}: expected a string, got ${JSON.stringify(value)}`];
  const allowed = [...(field.enum ?? []), ...(field.seen_in_examples ?? [])];
  if (field.enum && !allowed.includes(value)) {
    return [`${where}: "${value}" is not one of the documented values ${allowed.join(", ")}`];
  }
  return [];
}

/** Required fields of the model (and nested models) missing from `value`. */
export function missing(name: string, value: unknown, path = name): string[] {
  if (value === null || typeof value !== "object") return [];
  const findings: string[] = [];
  for (const [key, field] of Object.entries(model(name).fields)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) {
      if (field.required) findings.push(`${path}.${key}: documented field missing`);
    } else if (field.type === "object" && field.ref) {
      findings.push(...missing(field.ref, item, `${path}.${key}`));
    } else if (
      field.type === "array" &&
      Array.isArray(item) &&
      field.items &&
      !PRIMITIVES.has(field.items)
    ) {
      const items = field.items;
      for (const [i, element] of item.entries()) {
        findings.push(...missing(items, element, `${path}.${key}.${i}`));
      }
    }
  }
  return findings;
}
