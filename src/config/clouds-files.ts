import { homedir } from "node:os";
import { join, resolve, sep } from "node:path";
import { commonJsExports } from "../http/interop.js";
import {
  type CloudsDocument,
  type CloudsFiles,
  ConfigFileLimitError,
  cloudsFolders,
  NO_CLOUDS_FILES,
  readCloudsDocument,
} from "./clouds.js";
import { readConfigFile } from "./files.js";
import { type Env, readVar } from "./values.js";

/**
 * clouds.yaml and secure.yaml for OS_CLOUD, least specific first, from the folders the OpenStack
 * tools use on this system (cloudsFolders); the clouds.yaml that OS_CLIENT_CONFIG_FILE names
 * replaces the searched ones. Never the working directory. Read only when OS_CLOUD is set. A file
 * that exists but cannot be read (or is not a regular file, or is over 1 MiB: files.ts) becomes
 * a document with its error, which the configuration reports like any other problem.
 */
export async function readCloudsFiles(
  env: Env,
  home: string = homedir(),
  directories: readonly string[] = cloudsFolders(process.platform),
): Promise<CloudsFiles> {
  if (!readVar(env, "OS_CLOUD")) return NO_CLOUDS_FILES;
  // Loaded only here, so a start without OS_CLOUD does not pay for the YAML parser.
  const yaml = commonJsExports<typeof import("yaml")>(await import("yaml"), "parse");
  const parse = boundedYamlParser(yaml);
  const folders = expandFolders(directories, env, home);
  const shown = (path: string) =>
    path.startsWith(`${home}${sep}`) ? `~${path.slice(home.length)}` : path;
  const read = async (path: string, kind: CloudsDocument["kind"], mustExist: boolean) => {
    const file = await readConfigFile(path, "a clouds.yaml");
    if ("missing" in file && !mustExist) return undefined;
    if ("text" in file) return readCloudsDocument(shown(path), kind, file.text, parse);
    const error = "missing" in file ? "cannot be read (ENOENT)" : file.error;
    return { path: shown(path), kind, content: { error } };
  };
  /** The first of name.yaml / name.yml in a folder, as openstacksdk looks for them. */
  const inFolder = async (folder: string, kind: CloudsDocument["kind"]) => {
    for (const ext of ["yaml", "yml"]) {
      const doc = await read(join(folder, `${kind}.${ext}`), kind, false);
      if (doc) return doc;
    }
    return undefined;
  };

  const configFile = readVar(env, "OS_CLIENT_CONFIG_FILE");
  const chosen = configFile ? await read(resolve(configFile), "clouds", true) : undefined;
  const clouds = chosen
    ? [{ ...chosen, namedBy: "OS_CLIENT_CONFIG_FILE" as const }]
    : await Promise.all(folders.map((folder) => inFolder(folder, "clouds")));
  const secure = await Promise.all(folders.map((folder) => inFolder(folder, "secure")));
  return {
    documents: [...clouds, ...secure].filter((doc): doc is CloudsDocument => doc !== undefined),
    searched: folders.map(shown),
  };
}

/**
 * `~` to the home folder, `%NAME%` and `$NAME` to the variable's value; a folder whose variable
 * is unset is dropped, and so is a repeat ($XDG_CONFIG_HOME is often ~/.config).
 */
export function expandFolders(folders: readonly string[], env: Env, home: string): string[] {
  const expanded = folders.flatMap((folder) => {
    let unset = false;
    const path = folder
      .replace(/^~(?=$|[\\/])/, home)
      .replace(/%([A-Za-z_][A-Za-z0-9_]*)%|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => {
        const value = readVar(env, a ?? b);
        if (value === undefined) unset = true;
        return value ?? "";
      });
    return unset ? [] : [path];
  });
  return [...new Set(expanded)];
}

/**
 * YAML tokens a clouds.yaml may have (about 7 a `key: value` line: thousands of clouds), and
 * how deep flow collections ([ ], { }) may nest. Counting is one linear pass of the lexer that
 * stops at the bound; the full parse of a megabyte of keys or list items took seconds.
 */
const MAX_YAML_TOKENS = 50_000;
const MAX_FLOW_DEPTH = 64;

type Yaml = Pick<typeof import("yaml"), "parse" | "Lexer" | "CST">;

/**
 * The yaml library with limits: tokens and nesting counted first, duplicate keys not checked
 * (that check is quadratic: 40,000 keys took 9 to 11 s; the last value wins, as in PyYAML and
 * so in the OpenStack tools), aliases bounded (no "billion laughs").
 */
function boundedYamlParser(yaml: Yaml): (text: string) => unknown {
  return (text) => {
    let tokens = 0;
    let depth = 0;
    for (const token of new yaml.Lexer().lex(text)) {
      if (++tokens > MAX_YAML_TOKENS) {
        throw new ConfigFileLimitError(
          `has more than ${MAX_YAML_TOKENS} YAML tokens, far more than a clouds.yaml needs, so it is not read`,
        );
      }
      const type = yaml.CST.tokenType(token);
      if (type === "flow-map-start" || type === "flow-seq-start") depth++;
      else if (type === "flow-map-end" || type === "flow-seq-end") depth--;
      if (depth > MAX_FLOW_DEPTH) {
        throw new ConfigFileLimitError(
          `nests [ ] or { } more than ${MAX_FLOW_DEPTH} deep, so it is not read`,
        );
      }
    }
    return yaml.parse(text, { uniqueKeys: false, maxAliasCount: 100 });
  };
}
