/**
 * Passwords that make a URL fail to parse, or parse into something else, and the places a URL is
 * configured: what the user-info tests put everywhere a configuration value can be shown.
 */
import { parse } from "yaml";
import { type CloudsFiles, readCloudsDocument } from "../../src/config/clouds.js";
import { type ConfigResult, loadConfig } from "../../src/config/config.js";

/** Every one holds "nter2", which no problem text or answer holds otherwise. */
export const NASTY_PASSWORDS = [
  "hunter2 x/y",
  "hunter2 x#y/z",
  "hunter2#x",
  "hunter2/x",
  "hunter2?x=1",
  "hunter2@x",
  "hunter2 @ x@y",
  "hunter2%zz",
  "hunter2%20x",
  'hunter2"x',
  "hunter2'x y",
  "hunter2`x <y>",
  "hünter2 ✓ 密码",
  "hunter2\tx",
  "hunter2://x y",
];
export const PASSWORD_MARK = "nter2";

/** Where a URL is configured: an environment variable, or clouds.yaml's auth_url. */
export const URL_SETTINGS = [
  "SDRS_ENDPOINT",
  "OS_AUTH_URL",
  "HTTPS_PROXY",
  "clouds.yaml auth_url",
] as const;
export type UrlSetting = (typeof URL_SETTINGS)[number];

export const PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";

/** The variable a problem about `where` names. */
export function variableOf(where: UrlSetting): string {
  return where === "clouds.yaml auth_url" ? "OS_AUTH_URL" : where;
}

/** A clouds.yaml whose entry "otc" has `url` as its auth_url (a JSON string is YAML too). */
export function cloudsYaml(url: string): string {
  return `clouds:\n  otc:\n    auth:\n      auth_url: ${JSON.stringify(url)}\n`;
}

/** The configuration with `url` set in `where`, a token and a project otherwise. */
export function configWithUrl(where: UrlSetting, url: string): ConfigResult {
  const env: Record<string, string> = { OS_AUTH_TOKEN: "tok123456789", OS_PROJECT_ID: PROJECT_ID };
  let clouds: CloudsFiles = { documents: [], searched: [] };
  if (where === "clouds.yaml auth_url") {
    env.OS_CLOUD = "otc";
    const file = readCloudsDocument("/c/clouds.yaml", "clouds", cloudsYaml(url), parse);
    clouds = { documents: [file], searched: [] };
  } else {
    env[where] = url;
  }
  return loadConfig(env, [], clouds);
}

/** The problems of that configuration, one a line ("" when it is usable). */
export function problemsWithUrl(where: UrlSetting, url: string): string {
  const result = configWithUrl(where, url);
  return result.kind === "unconfigured" ? result.problems.join("\n") : "";
}
