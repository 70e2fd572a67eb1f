/**
 * The layering the folders promise, read from the code with the TypeScript parser: every import
 * of every file under src/ (static, type-only, `export ... from`, `import()`, `import x =
 * require()`, `import("x").T`) must be one that DEPS names for the file's folder, in the manner
 * of Playwright's DEPS.list. The rules under the table keep the table itself honest: whoever
 * widens a row across a floor or into the MCP SDK fails them, with the reason in the test name.
 * ARCHITECTURE.md explains the floors.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * What each part of src/ may import, bottom floor first. `[key]` is a folder (`sdrs/`) or a
 * file (`main.ts`); a file follows the longest key that holds it. Under it: folders and files of
 * src/, packages (with their subpaths), `node:` built-ins and the bundle's `virtual:` modules.
 * `import(x)` allows x through a dynamic import only. A part's own folder is allowed only where it
 * is listed.
 */
const DEPS_LIST = `
# floor 1: leaves
[text/]
text/

[version.ts]

[node-version.ts]

# floor 2: the one HTTP exchange
[http/]
http/  text/clean.ts  text/secrets.ts  text/utf8.ts
undici  zod  node:net  node:timers/promises  node:tls

# floor 3: configuration (pure but for clouds-files.ts, which reads clouds.yaml)
[config/]
config/  http/interop.ts  http/proxy.ts  text/records.ts  text/secrets.ts
yaml  node:crypto  node:fs  node:fs/promises  node:os  node:path  node:util

# floor 4: signing in
[auth/]
auth/  config/certificates.ts  config/endpoint.ts  config/settings.ts
http/body-shape.ts  http/error-body.ts  http/proxy.ts  http/query.ts  http/retry.ts  http/transport.ts
zod  node:crypto

# floor 5: the SDRS API client
[sdrs/]
sdrs/  auth/types.ts  text/clean.ts  text/secrets.ts
http/body-shape.ts  http/error-body.ts  http/query.ts  http/retry.ts  http/transport.ts
pino  zod

# floor 6: answers, pure
[format/]
format/  sdrs/explain.ts  sdrs/paging.ts  sdrs/schemas.ts  sdrs/vocabulary.ts
text/clean.ts  text/records.ts
zod

# floor 7: readiness, pure but for the two files that read through the client
[readiness/]
readiness/
format/breakdown.ts  format/budget.ts  format/fields.ts  format/meanings.ts  format/outputs.ts
format/render.ts
sdrs/failure-collection.ts  sdrs/member-schemas.ts  sdrs/schemas.ts  sdrs/vocabulary.ts
zod

[readiness/collect.ts]
readiness/listings.ts  text/clean.ts
sdrs/client.ts  sdrs/concurrency.ts  sdrs/failure-collection.ts  sdrs/paging.ts  sdrs/schemas.ts

[readiness/listings.ts]
sdrs/client.ts  sdrs/paging.ts  sdrs/vocabulary.ts

# floor 8: MCP, the only floor that speaks it
[mcp/]
mcp/  auth/errors.ts  config/certificates.ts  config/settings.ts  http/deadline.ts  format/fields.ts
text/clean.ts  text/records.ts  text/secrets.ts  text/utf8.ts
sdrs/client.ts  sdrs/errors.ts  sdrs/explain.ts  sdrs/ids.ts  sdrs/paging.ts  sdrs/vocabulary.ts
@modelcontextprotocol/sdk  pino  zod  node:crypto

[mcp/resources.ts]
mcp/completions.ts  mcp/deps.ts  mcp/errors.ts  mcp/failure-jobs-input.ts  mcp/inputs.ts  mcp/raw-store.ts
http/query.ts  sdrs/vocabulary.ts  text/clean.ts  text/records.ts  text/secrets.ts
@modelcontextprotocol/sdk

[mcp/tools/]
mcp/tools/types.ts  mcp/deps.ts  mcp/errors.ts  mcp/inputs.ts  mcp/failure-jobs-input.ts
mcp/page-limit.ts  mcp/view.ts  mcp/confirm/confirm.ts  mcp/confirm/find.ts
mcp/confirm/identity.ts  mcp/confirm/tokens.ts
readiness/answer.ts  readiness/collect.ts  readiness/output.ts
format/delete-preview.ts  format/failure-page.ts  format/fields.ts  format/groups.ts  format/job.ts
format/summary.ts  format/summary-output.ts  format/time.ts
sdrs/errors.ts  sdrs/failure-collection.ts  sdrs/ids.ts  sdrs/paging.ts  sdrs/schemas.ts
sdrs/vocabulary.ts  text/clean.ts  text/secrets.ts
@modelcontextprotocol/sdk  zod

[mcp/tools/index.ts]
mcp/tools/

# the readiness view's page, built from src/view/ by the bundle step, on its first read
[mcp/view.ts]
mcp/errors.ts  @modelcontextprotocol/sdk  import(virtual:sdrs-mcp/readiness-html)

[mcp/confirm/]
mcp/confirm/  mcp/deps.ts  mcp/errors.ts  mcp/seal.ts  format/delete-preview.ts  format/fields.ts  text/clean.ts
sdrs/concurrency.ts  sdrs/errors.ts  sdrs/ids.ts  sdrs/paging.ts  sdrs/schemas.ts
@modelcontextprotocol/sdk  zod  node:crypto

[mcp/prompts/]
mcp/completions.ts  mcp/deps.ts  mcp/inputs.ts
format/fields.ts  format/render.ts  sdrs/vocabulary.ts  text/clean.ts
@modelcontextprotocol/sdk  zod

# team mode's HTTP server (--http), loaded only then: node:http, the OAuth checks (jose) and the
# issuer's metadata fetched through the one HTTP exchange
[mcp/http/]
mcp/http/  mcp/audit.ts  mcp/deps.ts  mcp/server.ts  mcp/tools/index.ts
config/endpoint.ts  config/team.ts  http/proxy.ts  http/transport.ts  http/undici.ts
sdrs/client.ts  text/clean.ts  text/utf8.ts
@modelcontextprotocol/sdk  jose  pino  node:http  node:net

[mcp/stdio/]
mcp/stdio/  text/clean.ts
@modelcontextprotocol/sdk  pino  node:stream

# floor 9: the wiring
[app/]
app/  config/config.ts  config/credentials.ts  config/regions.ts  config/sources.ts  config/values.ts
http/retry.ts  http/transport.ts  http/undici.ts
mcp/audit.ts  mcp/confirm/tokens.ts  mcp/deps.ts  mcp/errors.ts  mcp/raw-store.ts  mcp/seal.ts
mcp/server.ts
sdrs/client.ts  text/secrets.ts  version.ts
pino  node:stream

# team mode's start, imported by main.ts only with --http
[app/team.ts]
app/  config/config.ts  config/proxy-settings.ts  config/team.ts  config/values.ts
mcp/audit.ts  mcp/errors.ts  mcp/http/serve.ts  mcp/raw-queries.ts  mcp/seal.ts  version.ts

[app/upstream.ts]
auth/aksk.ts  auth/iam.ts  auth/secret-forms.ts  auth/types.ts  config/config.ts  config/regions.ts
http/proxy.ts  http/retry.ts  http/transport.ts
import(simulator/index.ts)

# floor 10: the command line and the entry point
[main.ts]
app/app.ts  app/check.ts  app/logger.ts  config/ca-files.ts  config/clouds-files.ts  config/config.ts
import(app/team.ts)
mcp/stdio/end.ts  mcp/stdio/transport.ts  version.ts

[index.ts]
node-version.ts  import(main.ts)

# apart: the simulator, written from the API documents alone
[simulator/]
simulator/  node:crypto  node:http  node:net  node:timers/promises  node:util

# apart: the readiness view, browser code the bundle builds into a page of its own
[view/]
view/  @modelcontextprotocol/ext-apps
`;

/** Floors from the ground up: an import goes to its own floor or one below. */
const FLOORS = [
  ["text/", "version.ts", "node-version.ts"],
  ["http/"],
  ["config/"],
  ["auth/"],
  ["sdrs/"],
  ["format/"],
  ["readiness/"],
  ["mcp/"],
  ["app/"],
  ["main.ts", "index.ts"],
];

/** Parts on no floor: nothing of the floors imports them but through the doors the rules name. */
const APART = ["simulator/", "view/"];

const SRC = resolve(import.meta.dirname, "../../src");
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
/** Modules the bundle step makes (scripts/view.mjs); src/ declares each in a .d.ts. */
const VIRTUAL = "virtual:";
const ROOT = resolve(SRC, "..");

interface Allowance {
  target: string;
  dynamicOnly: boolean;
}

function parseDepsList(text: string): Map<string, Allowance[]> {
  const rows = new Map<string, Allowance[]>();
  let current: Allowance[] | undefined;
  for (const line of text.split("\n").map((l) => l.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    const key = /^\[(.+)\]$/.exec(line)?.[1];
    if (key) {
      current = [];
      rows.set(key, current);
      continue;
    }
    if (!current) throw new Error(`DEPS_LIST: "${line}" stands before any [key]`);
    for (const word of line.split(/\s+/)) {
      const lazy = /^import\((.+)\)$/.exec(word)?.[1];
      current.push({ target: lazy ?? word, dynamicOnly: lazy !== undefined });
    }
  }
  return rows;
}

const DEPS = parseDepsList(DEPS_LIST);

// ---- reading imports ------------------------------------------------------------------------

type ImportKind =
  | "import"
  | "import type"
  | "export from"
  | "export type from"
  | "import()"
  | "import = require()"
  | 'import("…") type';

interface ImportRef {
  line: number;
  kind: ImportKind;
  /** The specifier as written; undefined for an import() of a computed value. */
  specifier: string | undefined;
  /** The expression, for an import() that cannot be checked. */
  text: string;
}

/** Every module reference in `source`, whatever its syntax. */
function importsOf(fileName: string, source: string): ImportRef[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: ImportRef[] = [];
  const add = (node: ts.Node, kind: ImportKind, specifier: ts.Node | undefined) => {
    const literal =
      specifier && (ts.isStringLiteral(specifier) || ts.isNoSubstitutionTemplateLiteral(specifier));
    found.push({
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      kind,
      specifier: literal ? specifier.text : undefined,
      text: node.getText(file).slice(0, 80),
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const typeOnly = node.importClause?.isTypeOnly ?? false;
      add(node, typeOnly ? "import type" : "import", node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.isTypeOnly ? "export type from" : "export from", node.moduleSpecifier);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node, "import = require()", node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, "import()", node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, 'import("…") type', node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// ---- resolving them -------------------------------------------------------------------------

type Target =
  | { kind: "src"; path: string }
  | { kind: "package"; name: string }
  | { kind: "virtual"; name: string }
  | { kind: "unresolved"; why: string };

const posix = (path: string) => path.split(sep).join("/");

/** A relative specifier as a file of src/ (`.js` names its `.ts`); a bare one as its package. */
function targetOf(fromFile: string, specifier: string): Target {
  if (specifier.startsWith(VIRTUAL)) return { kind: "virtual", name: specifier };
  if (!specifier.startsWith(".")) {
    if (specifier.startsWith("node:")) return { kind: "package", name: specifier };
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
    return { kind: "package", name };
  }
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.js$/, ".tsx"),
    base.replace(/\.mjs$/, ".mts"),
    base.replace(/\.cjs$/, ".cts"),
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, "index.ts"),
  ];
  const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!file) return { kind: "unresolved", why: "names no file" };
  const path = posix(relative(SRC, file));
  if (path.startsWith("../")) return { kind: "unresolved", why: "reaches outside src/" };
  return { kind: "src", path };
}

// ---- the table ------------------------------------------------------------------------------

const isFolder = (key: string) => key.endsWith("/");
const holds = (key: string, path: string) => (isFolder(key) ? path.startsWith(key) : path === key);
/** Two parts of src/ that share a file: one holds the other. */
const overlap = (a: string, b: string) => holds(a, b) || holds(b, a);
const isSrcEntry = (target: string) =>
  !target.startsWith(VIRTUAL) && (isFolder(target) || SOURCE.test(target));

const KEYS_LONGEST_FIRST = [...DEPS.keys()].sort((a, b) => b.length - a.length);

/** The row that governs a file of src/: the longest key that holds it. */
function rowOf(path: string): string | undefined {
  return KEYS_LONGEST_FIRST.find((key) => holds(key, path));
}

function floorOf(path: string): number | undefined {
  const floor = FLOORS.findIndex((keys) => keys.some((key) => holds(key, path)));
  return floor < 0 ? undefined : floor;
}

function allows(row: string, target: Target, kind: ImportKind): boolean {
  return (DEPS.get(row) ?? []).some((allowance) => {
    if (allowance.dynamicOnly && kind !== "import()") return false;
    if (target.kind === "package" || target.kind === "virtual") {
      return allowance.target === target.name;
    }
    return (
      target.kind === "src" && isSrcEntry(allowance.target) && holds(allowance.target, target.path)
    );
  });
}

/** Every entry of the table as "row -> entry", for the rules below. */
const ENTRIES = [...DEPS].flatMap(([row, allowances]) =>
  allowances.map((allowance) => ({ row, ...allowance })),
);

const ALL_ROWS = [...DEPS.keys()];
const rowsUnder = (folder: string) => ALL_ROWS.filter((key) => holds(folder, key));

/** The entries of rows under `rows` (a row `except` names is left out) that `bad` picks. */
function entriesWhere(
  rows: readonly string[],
  bad: (target: string, dynamicOnly: boolean) => boolean,
  except: readonly string[] = [],
): string[] {
  return ENTRIES.filter((e) => rows.some((r) => holds(r, e.row)) && !except.includes(e.row))
    .filter((e) => bad(e.target, e.dynamicOnly))
    .map((e) => `[${e.row}] ${e.dynamicOnly ? `import(${e.target})` : e.target}`);
}

// ---- the source tree ------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

const FILES = sourceFiles(SRC).map((path) => ({ path, name: posix(relative(SRC, path)) }));

/** What is wrong with the imports of one file of src/, one line each. */
function strayImports(path: string, name: string): string[] {
  const row = rowOf(name);
  if (!row) return [`src/${name}: no row of DEPS_LIST holds it`];
  return importsOf(path, readFileSync(path, "utf8")).flatMap((ref) => {
    const where = `src/${name}:${ref.line}`;
    if (ref.specifier === undefined) {
      return [`${where} ${ref.text}: a computed import() cannot be checked; name the module`];
    }
    const target = targetOf(path, ref.specifier);
    const what = `${where} ${ref.kind} "${ref.specifier}"`;
    if (target.kind === "unresolved") return [`${what} ${target.why}`];
    if (allows(row, target, ref.kind)) return [];
    const named = target.kind === "src" ? `src/${target.path}` : target.name;
    return [`${what} (${named}): [${row}] may not import it`];
  });
}

// ---- the tests ------------------------------------------------------------------------------

describe("the import reader", () => {
  it("reads every way of naming a module, and flags the ones it cannot check", () => {
    const source = [
      'import { a } from "./static.js";',
      'import type { B } from "./type-only.js";',
      'import "./side-effect.js";',
      'export * from "./star.js";',
      'export type { C } from "./type-export.js";',
      'import d = require("./require.js");',
      'type E = import("./type-query.js").E;',
      'const f = await import("./dynamic.js");',
      "const g = await import(`./template.js`);",
      `const h = await import(\`./\${name}.js\`);`,
      "const i = await import(spec);",
    ].join("\n");
    expect(importsOf("x.ts", source).map((r) => [r.kind, r.specifier])).toEqual([
      ["import", "./static.js"],
      ["import type", "./type-only.js"],
      ["import", "./side-effect.js"],
      ["export from", "./star.js"],
      ["export type from", "./type-export.js"],
      ["import = require()", "./require.js"],
      ['import("…") type', "./type-query.js"],
      ["import()", "./dynamic.js"],
      ["import()", "./template.js"],
      ["import()", undefined],
      ["import()", undefined],
    ]);
  });

  it("finds the source tree", () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES.some((f) => f.name.startsWith("mcp/tools/"))).toBe(true);
  });
});

describe("every import of src/ is one its row of DEPS_LIST names", () => {
  it.each(FILES.map((f) => [f.name, f.path]))("src/%s", (name, path) => {
    expect(strayImports(path, name)).toEqual([]);
  });
});

describe("the table names only what exists", () => {
  const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const packages = new Set(
    Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }),
  );
  const exists = (path: string) => existsSync(join(SRC, path));
  const declared = new Set(
    FILES.filter((f) => f.name.endsWith(".d.ts")).flatMap((f) =>
      [...readFileSync(f.path, "utf8").matchAll(/declare module "([^"]+)"/g)].map((m) => m[1]),
    ),
  );

  it("rows and floors are folders and files of src/", () => {
    expect([...ALL_ROWS, ...FLOORS.flat(), ...APART].filter((key) => !exists(key))).toEqual([]);
  });

  it("entries are folders and files of src/, installed packages, Node built-ins and declared virtual modules", () => {
    const missing = ENTRIES.filter(({ target }) => {
      if (target.startsWith("node:")) return !builtinModules.includes(target.slice(5));
      if (target.startsWith(VIRTUAL)) return !declared.has(target);
      return isSrcEntry(target) ? !exists(target) : !packages.has(target);
    });
    expect(missing.map((e) => `[${e.row}] ${e.target}`)).toEqual([]);
  });
});

describe("the rules the table keeps", () => {
  it("no row imports from a floor above its own (text < http < config < auth < sdrs < format < readiness < mcp < app < main/index)", () => {
    const upward = ENTRIES.filter((e) => isSrcEntry(e.target)).filter((e) => {
      const [from, to] = [floorOf(e.row), floorOf(e.target)];
      return from !== undefined && to !== undefined && to > from;
    });
    expect(upward.map((e) => `[${e.row}] ${e.target}`)).toEqual([]);
    const nowhere = ALL_ROWS.filter((key) => floorOf(key) === undefined);
    expect(nowhere.filter((key) => !APART.some((apart) => holds(apart, key)))).toEqual([]);
  });

  it("only src/mcp/ speaks MCP (the view uses ext-apps, nothing else)", () => {
    const mcp = (target: string) => target.startsWith("@modelcontextprotocol/");
    const speakers = [...rowsUnder("mcp/"), ...rowsUnder("view/")];
    expect(entriesWhere(ALL_ROWS, mcp, speakers)).toEqual([]);
    const notExtApps = (t: string) => mcp(t) && t !== "@modelcontextprotocol/ext-apps";
    expect(entriesWhere(["view/"], notExtApps)).toEqual([]);
  });

  it("the entry point loads nothing but the version check, and the server only once it passed", () => {
    expect(DEPS.get("index.ts")).toEqual([
      { target: "node-version.ts", dynamicOnly: false },
      { target: "main.ts", dynamicOnly: true },
    ]);
  });

  it("the command line uses only the wiring, the configuration, the stdio transport and the version", () => {
    const allowed = ["app/", "config/", "mcp/stdio/", "version.ts"];
    const other = (t: string) => !allowed.some((a) => holds(a, t));
    expect(entriesWhere(["main.ts"], other)).toEqual([]);
  });

  it("format/ and readiness/ do no I/O (readiness/collect.ts and listings.ts read through the client)", () => {
    const io = (t: string) =>
      t.startsWith("node:") ||
      ["undici", "pino"].includes(t) ||
      (isSrcEntry(t) && (overlap(t, "http/") || overlap(t, "sdrs/request.ts")));
    const readers = ["readiness/collect.ts", "readiness/listings.ts"];
    expect(entriesWhere(["format/", "readiness/"], io, readers)).toEqual([]);
  });

  it("the API client and auth know nothing of MCP, answers, readiness or the wiring", () => {
    const above = (t: string) =>
      t.startsWith("@modelcontextprotocol/") ||
      (isSrcEntry(t) && ["mcp/", "format/", "readiness/", "app/"].some((p) => overlap(t, p)));
    expect(entriesWhere(["sdrs/", "auth/"], above)).toEqual([]);
  });

  it("tools and resources do not import each other (mcp/tools/index.ts is the table of tools)", () => {
    const toolOrResource = (t: string) =>
      t !== "mcp/tools/types.ts" && (overlap(t, "mcp/tools/") || overlap(t, "mcp/resources.ts"));
    expect(entriesWhere(["mcp/tools/"], toolOrResource, ["mcp/tools/index.ts"])).toEqual([]);
    expect(entriesWhere(["mcp/resources.ts"], (t) => overlap(t, "mcp/tools/"))).toEqual([]);
  });

  it("the simulator shares no code: it imports only itself, and only upstream.ts loads it, lazily", () => {
    expect(entriesWhere(["simulator/"], (t) => isSrcEntry(t) && !holds("simulator/", t))).toEqual(
      [],
    );
    const simulator = (t: string) => isSrcEntry(t) && overlap(t, "simulator/");
    const door = "app/upstream.ts";
    expect(entriesWhere(ALL_ROWS, simulator, [...rowsUnder("simulator/"), door])).toEqual([]);
    expect(entriesWhere([door], (t, dynamicOnly) => simulator(t) && !dynamicOnly)).toEqual([]);
  });

  it("the view is browser code: it imports only itself and ext-apps, and nothing imports it", () => {
    const notView = (t: string) => t !== "@modelcontextprotocol/ext-apps" && !holds("view/", t);
    expect(entriesWhere(["view/"], notView)).toEqual([]);
    const view = (t: string) => isSrcEntry(t) && overlap(t, "view/");
    expect(entriesWhere(ALL_ROWS, view, rowsUnder("view/"))).toEqual([]);
  });
});
