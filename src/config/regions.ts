/**
 * The Open Telekom Cloud regions sdrs-mcp knows, and the default IAM and SDRS hosts of each.
 * The Swiss region lives under its own `.sc.` domain, with IAM on `iam-pub`. Any other host
 * (another region, a test endpoint) is reached by setting SDRS_ENDPOINT and OS_AUTH_URL.
 */

export interface RegionHosts {
  /** Keystone v3 base of IAM (OS_AUTH_URL's default). */
  authUrl: string;
  /** SDRS base URL without /v1 (SDRS_ENDPOINT's default when the token catalog names none). */
  sdrsEndpoint: string;
}

const publicCloud = (region: string): RegionHosts => ({
  authUrl: `https://iam.${region}.otc.t-systems.com/v3`,
  sdrsEndpoint: `https://sdrs.${region}.otc.t-systems.com`,
});

const REGIONS: Readonly<Record<string, RegionHosts>> = {
  "eu-de": publicCloud("eu-de"),
  "eu-nl": publicCloud("eu-nl"),
  "eu-ch2": {
    authUrl: "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3",
    sdrsEndpoint: "https://sdrs.eu-ch2.sc.otc.t-systems.com",
  },
};

export const DEFAULT_REGION = "eu-de";

/** eu-de, eu-nl, eu-ch2: for messages that name the choices. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(REGIONS);

/** The default hosts of a region, or undefined for a region this table does not know. */
export function regionHosts(region: string): RegionHosts | undefined {
  return Object.hasOwn(REGIONS, region) ? REGIONS[region] : undefined;
}

/**
 * The region a project belongs to: Open Telekom Cloud names projects `<region>` or
 * `<region>_<name>` (`eu-de_myproject`, `eu-ch2_x`). Undefined when the name has no such prefix.
 */
export function regionOfProjectName(projectName: string | undefined): string | undefined {
  const prefix = projectName?.split("_")[0];
  return prefix && /^[a-z]{2}-[a-z]+[0-9]*$/.test(prefix) ? prefix : undefined;
}
