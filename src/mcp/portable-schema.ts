/**
 * Tool schemas every client can read. zod writes a nullable field as a type array
 * (`"type": ["string", "null"]`), legal JSON Schema that several MCP clients read as a single
 * string and then reject the tool or drop the constraint (the MCP Inspector's `--strict` lint
 * reports it). Each such node becomes `anyOf` branches of one type each, every type-specific
 * keyword moved into the branch it constrains; annotations and `enum`/`const` stay where they
 * were. The meaning is unchanged: a value is valid before exactly when it is valid after.
 */

/** Keywords that constrain only values of one JSON type, by that type. */
const KEYWORDS_OF: Readonly<Record<string, readonly string[]>> = {
  string: ["minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  integer: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  array: [
    "items",
    "prefixItems",
    "additionalItems",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "minItems",
    "maxItems",
    "uniqueItems",
  ],
  object: [
    "properties",
    "patternProperties",
    "additionalProperties",
    "unevaluatedProperties",
    "propertyNames",
    "required",
    "dependentRequired",
    "dependentSchemas",
    "minProperties",
    "maxProperties",
  ],
};
const TYPE_SPECIFIC = new Set(Object.values(KEYWORDS_OF).flat());
/** Keywords whose value is instance data, not a schema: copied as they are. */
const DATA = new Set(["const", "enum", "default", "examples"]);

/** Deep enough for any schema sdrs-mcp declares; a guard, not a limit that is ever reached. */
const MAX_DEPTH = 64;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema with every type array rewritten as `anyOf` (a new object; the input is kept). */
export function portableSchema<T>(schema: T): T {
  return rewrite(schema, 0) as T;
}

function rewrite(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => rewrite(item, depth + 1));
  if (!isNode(value)) return value;
  const node: Node = {};
  for (const [key, child] of Object.entries(value)) {
    // `properties` and the like map names to schemas: the names themselves are kept.
    node[key] = DATA.has(key) ? child : rewrite(child, depth + 1);
  }
  return Array.isArray(node.type) ? splitTypes(node, node.type) : node;
}

function splitTypes(node: Node, types: unknown[]): Node {
  const shared: Node = {};
  for (const [key, child] of Object.entries(node)) {
    if (key !== "type" && !TYPE_SPECIFIC.has(key)) shared[key] = child;
  }
  const branches = types.map((type) => {
    const branch: Node = { type };
    for (const key of KEYWORDS_OF[String(type)] ?? []) {
      if (key in node) branch[key] = node[key];
    }
    return branch;
  });
  // A node with an anyOf of its own keeps it: both must hold.
  if (!("anyOf" in shared)) return { ...shared, anyOf: branches };
  const { anyOf, ...rest } = shared;
  return { ...rest, allOf: [{ anyOf }, { anyOf: branches }] };
}
