import { constants, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve, sep } from "node:path";
import { commonJsExports } from "../http/interop.js";
import {
  CLOUDS_DIRECTORIES,
  type CloudsDocument,
  ConfigFileLimitError,
  readCloudsDocument,
} from "./clouds.js";
import { type Env, readVar } from "./values.js";

/**
 * clouds.yaml and secure.yaml for OS_CLOUD, least specific first: /etc/openstack/, then
 * ~/.config/openstack/; the clouds.yaml that OS_CLIENT_CONFIG_FILE names replaces the searched
 * ones. Never the working directory (see CLOUDS_DIRECTORIES). Read only when OS_CLOUD is set.
 * A file that exists but cannot be read becomes a document with its error, which the
 * configuration reports like any other problem.
 */
export async function readCloudsFiles(
  env: Env,
  home: string = homedir(),
  directories: readonly string[] = CLOUDS_DIRECTORIES,
): Promise<CloudsDocument[]> {
  if (!readVar(env, "OS_CLOUD")) return [];
  // Loaded only here, so a start without OS_CLOUD does not pay for the YAML parser.
  const yaml = commonJsExports<typeof import("yaml")>(await import("yaml"), "parse");
  const parse = boundedYamlParser(yaml);
  const folders = directories.map((dir) => (dir.startsWith("~") ? join(home, dir.slice(1)) : dir));
  const shown = (path: string) =>
    path.startsWith(`${home}${sep}`) ? `~${path.slice(home.length)}` : path;
  const read = async (path: string, kind: CloudsDocument["kind"], mustExist: boolean) => {
    const file = await readConfigFile(path);
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
  return [...clouds, ...secure].filter((doc): doc is CloudsDocument => doc !== undefined);
}

/** A clouds.yaml with its comments is a few kilobytes; anything near this is not one. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

type ConfigFile = { text: string } | { missing: true } | { error: string };

/**
 * A configuration file's text, only if it is a regular file (after following symlinks: a
 * Kubernetes Secret mount is a chain of them) of at most MAX_CONFIG_FILE_BYTES. A FIFO or a
 * device is refused before it is opened: reading a FIFO waits for a writer forever, and
 * /dev/urandom never ends. The open is non-blocking and checked again, so a file swapped for a
 * FIFO between the two looks cannot hang the start either.
 */
async function readConfigFile(path: string): Promise<ConfigFile> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { missing: true } : { error: `cannot be read (${code ?? error})` };
  }
  const refused = refusal(info);
  if (refused) return { error: refused };
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // O_NONBLOCK does not exist on Windows, where opening a named pipe does not wait anyway.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const again = refusal(await handle.stat());
    if (again) return { error: again };
    const buffer = Buffer.alloc(MAX_CONFIG_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_CONFIG_FILE_BYTES) return { error: tooLarge() };
    return { text: buffer.toString("utf8", 0, bytesRead) };
  } catch (error) {
    return { error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
  } finally {
    await handle?.close().catch(() => {});
  }
}

function refusal(info: Stats): string | undefined {
  if (!info.isFile()) return `is not a regular file (it is ${kindOf(info)}), so it is not read`;
  if (info.size > MAX_CONFIG_FILE_BYTES) return tooLarge();
  return undefined;
}

function tooLarge(): string {
  return `is larger than ${MAX_CONFIG_FILE_BYTES / 1024 / 1024} MiB, too large for a clouds.yaml, so it is not read`;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "not a file";
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
export function boundedYamlParser(yaml: Yaml): (text: string) => unknown {
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
