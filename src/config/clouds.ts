import { dict, own } from "../text/records.js";
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
 * Least specific first. Never the working directory: hosts start servers inside workspaces
 * that may not be trusted, and a clouds.yaml there could send the password to any auth_url.
 */
export const CLOUDS_DIRECTORIES = ["/etc/openstack", "~/.config/openstack"] as const;

type Tree = Record<string, unknown>;

/** clouds.yaml keys (under `auth` unless noted) to the variables they stand for. */
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
  ak: "OS_ACCESS_KEY",
  access_key: "OS_ACCESS_KEY",
  sk: "OS_SECRET_KEY",
  secret_key: "OS_SECRET_KEY",
  security_token: "OS_SECURITY_TOKEN",
};
const CLOUD_KEYS: Record<string, string> = {
  region_name: "OS_REGION_NAME",
  ak: "OS_ACCESS_KEY",
  access_key: "OS_ACCESS_KEY",
  sk: "OS_SECRET_KEY",
  secret_key: "OS_SECRET_KEY",
  security_token: "OS_SECURITY_TOKEN",
};

export function cloudVariables(
  cloud: string,
  documents: readonly CloudsDocument[],
  problems: string[],
): Record<string, string> {
  let merged: Tree = {};
  for (const doc of documents) {
    if ("error" in doc.content) {
      const why = doc.namedBy ? `named by ${named(doc.namedBy)}` : `read for ${named("OS_CLOUD")}`;
      problems.push(`${doc.path} (${why}) ${doc.content.error}`);
      continue;
    }
    const parsed = doc.content.data;
    const clouds = isTree(parsed) && isTree(parsed.clouds) ? parsed.clouds : undefined;
    const entry = clouds ? own(clouds, cloud) : undefined;
    if (isTree(entry)) merged = deepMerge(merged, entry);
  }
  const cloudsFiles = documents.filter((d) => d.kind === "clouds" && "data" in d.content);
  // A clouds.yaml that could not be read or parsed has been named above already.
  if (cloudsFiles.length === 0 && documents.some((d) => d.kind === "clouds")) return {};
  if (cloudsFiles.length === 0) {
    problems.push(
      `${named("OS_CLOUD")} is "${cloud}" but no clouds.yaml was found in ~/.config/openstack/ or /etc/openstack/ (${named("OS_CLIENT_CONFIG_FILE")} can name another file)`,
    );
    return {};
  }
  if (Object.keys(merged).length === 0) {
    problems.push(
      `${named("OS_CLOUD")} is "${cloud}" but no cloud of that name is in ${cloudsFiles.map((d) => d.path).join(", ")}`,
    );
    return {};
  }
  const vars: Record<string, string> = {};
  const take = (source: unknown, keys: Record<string, string>) => {
    if (!isTree(source)) return;
    for (const [key, name] of Object.entries(keys)) {
      const value = source[key];
      if ((typeof value === "string" || typeof value === "number") && vars[name] === undefined) {
        vars[name] = String(value);
      }
    }
  };
  take(merged.auth, AUTH_KEYS);
  take(merged, CLOUD_KEYS);
  return vars;
}

function deepMerge(base: Tree, over: Tree): Tree {
  // YAML keys are the user's strings: "__proto__" stays a key, never this tree's prototype.
  const out: Tree = dict(Object.entries(base));
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
