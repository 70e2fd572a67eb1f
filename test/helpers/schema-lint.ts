/**
 * The tool-schema portability lint of the MCP Inspector CLI (`tools/list --strict`), reproduced:
 * its rules (modelcontextprotocol/inspector, core/json/schemaLint.ts: boolean-schema, type-union,
 * untyped-schema, non-object-root, remote-ref) plus one for `pattern`: a pattern must compile in
 * the regular-expression dialects clients validate with, not only in JavaScript's (Python's `re`
 * has no `\p{…}` property escapes, no `\u{…}` code points, and another spelling of lookbehind and
 * named groups). Every finding is a construct that is legal JSON Schema and that some client
 * refuses or mishandles.
 */

export interface Finding {
  tool: string;
  schema: "inputSchema" | "outputSchema";
  path: string;
  rule:
    | "boolean-schema"
    | "type-union"
    | "untyped-schema"
    | "non-object-root"
    | "remote-ref"
    | "pattern-dialect";
  detail: string;
}

const BOOLEAN_VALUED = new Set([
  "additionalProperties",
  "unevaluatedProperties",
  "additionalItems",
  "unevaluatedItems",
]);
const ONE_SUBSCHEMA = [
  "items",
  "contains",
  "not",
  "propertyNames",
  "if",
  "then",
  "else",
  "additionalProperties",
  "unevaluatedProperties",
  "additionalItems",
  "unevaluatedItems",
  "contentSchema",
];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAPS = [
  "properties",
  "patternProperties",
  "dependentSchemas",
  "dependencies",
  "$defs",
  "definitions",
];
/** Keywords that constrain the instance (the Inspector's allowlist; `if` counts only with a branch). */
const CONSTRAINING = new Set([
  "type",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxContains",
  "minContains",
  "maxProperties",
  "minProperties",
  "required",
  "dependentRequired",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "items",
  "prefixItems",
  "contains",
  "additionalItems",
  "unevaluatedItems",
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "dependentSchemas",
  "dependencies",
  "$ref",
  "$dynamicRef",
  "$recursiveRef",
]);
const MAX_DEPTH = 64;

/**
 * Regular-expression syntax outside the subset JavaScript (`u` flag), Python's `re` and the
 * ECMA-262 subset JSON Schema recommends agree on.
 */
const NON_PORTABLE_REGEX: readonly [RegExp, string][] = [
  [/\\[pP]\{/, "a Unicode property escape (\\p{…}); spell the ranges out"],
  [/\\u\{/, "a \\u{…} code point escape; use \\uXXXX (or a surrogate-free range)"],
  [/\(\?<[=!]/, "a lookbehind"],
  [/\(\?<[A-Za-z]/, "a named group"],
  [/\\k</, "a named back-reference"],
];

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

export function lintTools(
  tools: readonly { name: string; inputSchema?: unknown; outputSchema?: unknown }[],
): Finding[] {
  const findings: Finding[] = [];
  for (const tool of tools) {
    for (const schema of ["inputSchema", "outputSchema"] as const) {
      const root = tool[schema];
      if (root === undefined) continue;
      const add = (path: string, rule: Finding["rule"], detail: string) =>
        findings.push({ tool: tool.name, schema, path, rule, detail });
      if (schema === "inputSchema" && isNode(root) && typeof root.type === "string") {
        if (root.type !== "object") add("", "non-object-root", `root type "${root.type}"`);
      }
      walk(root, "", undefined, 0, add);
    }
  }
  return findings;
}

function walk(
  node: unknown,
  path: string,
  keyword: string | undefined,
  depth: number,
  add: (path: string, rule: Finding["rule"], detail: string) => void,
): void {
  if (depth > MAX_DEPTH) return;
  if (typeof node === "boolean") {
    if (!(keyword && BOOLEAN_VALUED.has(keyword))) add(path, "boolean-schema", String(node));
    return;
  }
  if (!isNode(node)) return;
  if (Array.isArray(node.type)) add(path, "type-union", JSON.stringify(node.type));
  if (typeof node.$ref === "string" && node.$ref !== "" && !node.$ref.startsWith("#")) {
    add(path, "remote-ref", node.$ref);
  }
  const constrains =
    Object.keys(node).some((k) => CONSTRAINING.has(k)) ||
    ("if" in node && ("then" in node || "else" in node));
  if (!constrains && keyword !== "not") add(path, "untyped-schema", JSON.stringify(node));
  const patterns = [
    ...(typeof node.pattern === "string" ? [node.pattern] : []),
    ...(isNode(node.patternProperties) ? Object.keys(node.patternProperties) : []),
  ];
  for (const pattern of patterns) {
    for (const [syntax, what] of NON_PORTABLE_REGEX) {
      if (syntax.test(pattern))
        add(path, "pattern-dialect", `${JSON.stringify(pattern)} uses ${what}`);
    }
  }
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of SUBSCHEMA_MAPS) {
    const map = node[key];
    if (!isNode(map)) continue;
    for (const [name, sub] of Object.entries(map))
      walk(sub, `${at(key)}.${name}`, key, depth + 1, add);
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) walk(sub, `${at(key)}[${i}]`, key, depth + 1, add);
  }
  for (const key of ONE_SUBSCHEMA) {
    if (!(key in node)) continue;
    const value = node[key];
    if (key === "items" && Array.isArray(value)) {
      for (const [i, sub] of value.entries()) walk(sub, `${at(key)}[${i}]`, key, depth + 1, add);
    } else walk(value, at(key), key, depth + 1, add);
  }
}
