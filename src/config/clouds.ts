import { own } from "../text/records.js";
import { named } from "./settings.js";

/**
 * clouds.yaml (+ secure.yaml) as openstack CLI, otcextensions and Terraform users have them.
 * The selected cloud becomes a layer of OS_* variables under the real environment, so the
 * rest of the configuration has one code path and environment variables override file values.
 * Reading the files is clouds-files.ts; this part is pure.
 */
export interface CloudsDocument {
  /** As shown to the user (~ for the home folder). */
  path: string;
  kind: "clouds" | "secure";
  /** Set when a variable named this file rather than the search finding it. */
  namedBy?: "OS_CLIENT_CONFIG_FILE";
  /** The parsed YAML, or what is wrong with the file, as a phrase after its path. */
  content: { data: unknown } | { error: string };
}

/** A file over a limit of what a clouds.yaml may be; its message says which, after the path. */
export class ConfigFileLimitError extends Error {
  override name = "ConfigFileLimitError";
}

/** What readCloudsFiles found: the files, and the folders it searched (for the problem text). */
export interface CloudsFiles {
  documents: readonly CloudsDocument[];
  searched: readonly string[];
}

export const NO_CLOUDS_FILES: CloudsFiles = { documents: [], searched: [] };

/**
 * Parses one file's text. The YAML parser is passed in so that it is loaded only when OS_CLOUD
 * asks for clouds.yaml, not on every start.
 */
export function readCloudsDocument(
  path: string,
  kind: CloudsDocument["kind"],
  text: string,
  parse: (text: string) => unknown,
): CloudsDocument {
  try {
    return { path, kind, content: { data: parse(text) } };
  } catch (error) {
    if (error instanceof ConfigFileLimitError)
      return { path, kind, content: { error: error.message } };
    const reason = (error as Error).message.split("\n")[0] ?? "";
    return { path, kind, content: { error: `is not valid YAML: ${reason}` } };
  }
}

/**
 * The folders searched for clouds.yaml and secure.yaml, least specific first, as the OpenStack
 * tools look for them: openstacksdk searches ~/.config/openstack and /etc/openstack everywhere,
 * plus the user and system config folders platformdirs gives on each system
 * (`PlatformDirs("openstack", "OpenStack")`): ~/Library/Application Support/openstack and
 * /Library/Application Support/openstack on macOS; %LOCALAPPDATA%\OpenStack\openstack and
 * %PROGRAMDATA%\OpenStack\openstack on Windows; $XDG_CONFIG_HOME/openstack on Linux. Many
 * Windows guides put the file in %APPDATA%\openstack, which is searched too. `~`, `%NAME%` and
 * `$NAME` are expanded by clouds-files.ts; a folder whose variable is unset is skipped.
 * Never the working directory: hosts start servers inside workspaces that may not be trusted,
 * and a clouds.yaml there could send the password to any auth_url.
 */
export function cloudsFolders(platform: NodeJS.Platform): readonly string[] {
  switch (platform) {
    case "darwin":
      return [
        "/etc/openstack",
        "/Library/Application Support/openstack",
        "~/.config/openstack",
        "~/Library/Application Support/openstack",
      ];
    case "win32":
      return [
        "%PROGRAMDATA%\\OpenStack\\openstack",
        "%APPDATA%\\openstack",
        "~\\.config\\openstack",
        "%LOCALAPPDATA%\\OpenStack\\openstack",
      ];
    default:
      return ["/etc/openstack", "~/.config/openstack", "$XDG_CONFIG_HOME/openstack"];
  }
}

type Tree = Record<string, unknown>;

/** Keys read both under `auth` and at the cloud's own level. */
const KEYS_AT_EITHER_LEVEL: Record<string, string> = {
  ak: "OS_ACCESS_KEY",
  access_key: "OS_ACCESS_KEY",
  sk: "OS_SECRET_KEY",
  secret_key: "OS_SECRET_KEY",
  security_token: "OS_SECURITY_TOKEN",
  cacert: "OS_CACERT",
};

/** clouds.yaml keys under `auth` to the variables they stand for. */
const AUTH_KEYS: Record<string, string> = {
  auth_url: "OS_AUTH_URL",
  username: "OS_USERNAME",
  user_name: "OS_USERNAME",
  password: "OS_PASSWORD",
  project_id: "OS_PROJECT_ID",
  tenant_id: "OS_PROJECT_ID",
  project_name: "OS_PROJECT_NAME",
  tenant_name: "OS_PROJECT_NAME",
  user_domain_name: "OS_USER_DOMAIN_NAME",
  domain_name: "OS_DOMAIN_NAME",
  user_domain_id: "OS_USER_DOMAIN_ID",
  token: "OS_AUTH_TOKEN",
  ...KEYS_AT_EITHER_LEVEL,
};
/** Keys at the cloud's own level. `cacert` lives here for openstacksdk and keystoneauth. */
const CLOUD_KEYS: Record<string, string> = {
  region_name: "OS_REGION_NAME",
  ...KEYS_AT_EITHER_LEVEL,
};

/** A value of the selected cloud, and where it was found (for --check and for relative paths). */
export interface CloudValue {
  value: string;
  /** The file, as shown to the user. */
  file: string;
  kind: CloudsDocument["kind"];
  /** The key as written, e.g. `auth.token` or `region_name`. */
  key: string;
}

/** How many entry names an "unknown cloud" problem lists. */
const LISTED_ENTRIES = 20;

/**
 * The selected cloud's values as variables. Files come least specific first; a key a later file
 * sets wins over an earlier one (secure.yaml over clouds.yaml, ~/.config over /etc).
 */
export function cloudVariables(
  cloud: string,
  { documents, searched }: CloudsFiles,
  problems: string[],
): Record<string, CloudValue> {
  const vars: Record<string, CloudValue> = {};
  const entries = new Set<string>();
  let found = false;
  for (const doc of documents) {
    if ("error" in doc.content) {
      const why = doc.namedBy ? `named by ${named(doc.namedBy)}` : `read for ${named("OS_CLOUD")}`;
      problems.push(`${doc.path} (${why}) ${doc.content.error}`);
      continue;
    }
    const parsed = doc.content.data;
    const clouds = isTree(parsed) && isTree(parsed.clouds) ? parsed.clouds : undefined;
    if (doc.kind === "clouds") for (const name of Object.keys(clouds ?? {})) entries.add(name);
    // YAML keys are the user's strings: an entry named "__proto__" or "toString" is only a name.
    const entry = clouds ? own(clouds, cloud) : undefined;
    if (!isTree(entry)) continue;
    found = true;
    Object.assign(vars, entryVariables(entry, doc));
  }
  const cloudsFiles = documents.filter((d) => d.kind === "clouds" && "data" in d.content);
  // A clouds.yaml that could not be read or parsed has been named above already.
  if (cloudsFiles.length === 0 && documents.some((d) => d.kind === "clouds")) return {};
  if (cloudsFiles.length === 0) {
    const where = searched.length > 0 ? searched.join(", ") : "~/.config/openstack, /etc/openstack";
    problems.push(
      `${named("OS_CLOUD")} is "${cloud}" but no clouds.yaml was found in ${where} (${named("OS_CLIENT_CONFIG_FILE")} can name another file)`,
    );
    return {};
  }
  if (!found) {
    const names = [...entries].sort();
    const listed = names.slice(0, LISTED_ENTRIES).map((n) => JSON.stringify(n));
    const more = names.length > LISTED_ENTRIES ? ` and ${names.length - LISTED_ENTRIES} more` : "";
    const existing =
      names.length === 0
        ? "; it has no entries under clouds:"
        : `; entries there: ${listed.join(", ")}${more}`;
    problems.push(
      `${named("OS_CLOUD")} is "${cloud}" but no cloud of that name is in ${cloudsFiles.map((d) => d.path).join(", ")}${existing}`,
    );
    return {};
  }
  return vars;
}

/** One file's entry as variables; within it the first spelling listed wins (username over user_name). */
function entryVariables(entry: Tree, doc: CloudsDocument): Record<string, CloudValue> {
  const vars: Record<string, CloudValue> = {};
  const take = (source: unknown, keys: Record<string, string>, prefix: string) => {
    if (!isTree(source)) return;
    for (const [key, name] of Object.entries(keys)) {
      const value = own(source, key);
      if ((typeof value === "string" || typeof value === "number") && vars[name] === undefined) {
        vars[name] = {
          value: String(value),
          file: doc.path,
          kind: doc.kind,
          key: `${prefix}${key}`,
        };
      }
    }
  };
  take(entry.auth, AUTH_KEYS, "auth.");
  take(entry, CLOUD_KEYS, "");
  return vars;
}

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
