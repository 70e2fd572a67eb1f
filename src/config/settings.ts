/**
 * Every environment variable a user sets, with the title of its MCP Bundle setting where
 * manifest.json has one, so that a configuration problem names both the variable (for JSON
 * configurations, clouds.yaml users, the registry's server.json) and what a bundle user sees.
 * Tests keep this table, manifest.json, server.json and docs/configuration.md in agreement.
 */

export interface Setting {
  /** A credential or something that may carry one: masked by hosts, never printed. */
  secret?: boolean;
  /** The `title` of the manifest.json user_config field that sets it. */
  bundleTitle?: string;
}

export const SETTINGS = {
  // Lasting credentials first: an IAM token is valid 24 hours only.
  OS_ACCESS_KEY: { secret: true, bundleTitle: "Access key (AK)" },
  OS_SECRET_KEY: { secret: true, bundleTitle: "Secret key (SK)" },
  OS_SECURITY_TOKEN: { secret: true, bundleTitle: "Security token" },
  OS_CLOUD: { bundleTitle: "clouds.yaml entry" },
  OS_CLIENT_CONFIG_FILE: { bundleTitle: "clouds.yaml file" },
  OS_USERNAME: { bundleTitle: "IAM user name" },
  OS_PASSWORD: { secret: true, bundleTitle: "IAM password" },
  OS_USER_DOMAIN_NAME: { bundleTitle: "User domain (tenant) name" },
  OS_USER_DOMAIN_ID: {},
  OS_AUTH_TOKEN: { secret: true, bundleTitle: "IAM token (quick try)" },
  OS_PROJECT_ID: { bundleTitle: "Project ID" },
  OS_PROJECT_NAME: { bundleTitle: "Project name" },
  OS_REGION_NAME: { bundleTitle: "Region" },
  OS_AUTH_URL: { bundleTitle: "IAM endpoint" },
  SDRS_ENDPOINT: { bundleTitle: "SDRS endpoint" },
  OS_CACERT: { bundleTitle: "CA certificate file" },
  NODE_EXTRA_CA_CERTS: {},
  HTTPS_PROXY: { secret: true, bundleTitle: "HTTPS proxy" },
  HTTP_PROXY: { secret: true },
  NO_PROXY: { bundleTitle: "No proxy" },
  SDRS_MCP_ALLOW_WRITE: { bundleTitle: "Allow deletions" },
  SDRS_MCP_LOG_LEVEL: {},
  SDRS_MCP_TIMEOUT_MS: {},
  SDRS_MCP_TOOL_TIMEOUT_MS: {},
  SDRS_MCP_RETRIES: {},
  SDRS_MCP_CONCURRENCY: {},
} as const satisfies Record<string, Setting>;

export type Variable = keyof typeof SETTINGS;

/** `OS_PROJECT_ID (setting "Project ID")`: the variable, and the bundle setting if there is one. */
export function named(variable: Variable): string {
  const title = (SETTINGS[variable] as Setting).bundleTitle;
  return title ? `${variable} (setting "${title}")` : variable;
}
