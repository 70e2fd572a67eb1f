import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve, sep } from "node:path";
import { commonJsExports } from "../http/interop.js";
import { CLOUDS_DIRECTORIES, type CloudsDocument, readCloudsDocument } from "./clouds.js";
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
  const { parse } = commonJsExports<typeof import("yaml")>(await import("yaml"), "parse");
  const folders = directories.map((dir) => (dir.startsWith("~") ? join(home, dir.slice(1)) : dir));
  const shown = (path: string) =>
    path.startsWith(`${home}${sep}`) ? `~${path.slice(home.length)}` : path;
  const read = async (path: string, kind: CloudsDocument["kind"], mustExist: boolean) => {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && !mustExist) return undefined;
      return { path: shown(path), kind, content: { error: `cannot be read (${code ?? error})` } };
    }
    return readCloudsDocument(shown(path), kind, text, parse);
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
