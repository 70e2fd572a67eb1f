/**
 * The Open Telekom Cloud regions sdrs-mcp knows, and the default IAM and SDRS hosts of each.
 * The Swiss region lives under its own `.sc.` domain, with IAM on `iam-pub`. Any other host
 * (another region, a test endpoint) is reached by setting SDRS_ENDPOINT and OS_AUTH_URL.
 * The official endpoint lists (opentelekomcloud-docs/regions-and-endpoints, and the Swiss
 * cloud's) name SDRS for eu-de and eu-ch2 only: eu-nl's SDRS host here follows the naming of its
 * other services and may not exist, which every description of eu-nl says.
 */

export interface RegionHosts {
  /** Keystone v3 base of IAM (OS_AUTH_URL's default). */
  authUrl: string;
  /** SDRS base URL without /v1 (SDRS_ENDPOINT's default when the token catalog names none). */
  sdrsEndpoint: string;
  /** Whether the official endpoint list names SDRS in this region. */
  sdrsListed: boolean;
}

const publicCloud = (region: string, sdrsListed: boolean): RegionHosts => ({
  authUrl: `https://iam.${region}.otc.t-systems.com/v3`,
  sdrsEndpoint: `https://sdrs.${region}.otc.t-systems.com`,
  sdrsListed,
});

const REGIONS: Readonly<Record<string, RegionHosts>> = {
  "eu-de": publicCloud("eu-de", true),
  "eu-nl": publicCloud("eu-nl", false),
  "eu-ch2": {
    authUrl: "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3",
    sdrsEndpoint: "https://sdrs.eu-ch2.sc.otc.t-systems.com",
    sdrsListed: true,
  },
};

export const DEFAULT_REGION = "eu-de";

/** "eu-de, eu-nl (…set SDRS_ENDPOINT), eu-ch2": the known regions, each as the lists have it. */
export function describeRegions(): string {
  return Object.entries(REGIONS)
    .map(([region, hosts]) =>
      hosts.sdrsListed
        ? region
        : `${region} (SDRS is not in its official endpoint list: set SDRS_ENDPOINT)`,
    )
    .join(", ");
}

/**
 * What to say of a region whose SDRS host is not in the official endpoint list (eu-nl), when no
 * SDRS_ENDPOINT is set; undefined for the others.
 */
export function unlistedSdrsNote(region: string): string | undefined {
  const hosts = regionHosts(region);
  if (!hosts || hosts.sdrsListed) return undefined;
  return `SDRS is not in the official endpoint list for ${region}, so ${hosts.sdrsEndpoint} (or the address the IAM catalog names) may not exist: set SDRS_ENDPOINT to the SDRS address of your cloud.`;
}

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
