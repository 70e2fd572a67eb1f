/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728): how a client learns which authorization
 * server issues tokens for this server and which scopes exist. Served at the root well-known
 * URL and at the one suffixed with the endpoint's path (`/.well-known/oauth-protected-resource/mcp`,
 * the form RFC 9728 section 3.1 derives from the resource identifier), which 401 answers name.
 */
import type { OAuthSettings } from "../../config/team.js";
import { READ_SCOPE, WRITE_SCOPE } from "./oauth.js";

const WELL_KNOWN = "/.well-known/oauth-protected-resource";

/** The paths this server answers the metadata on. */
export function metadataPaths(publicUrl: string | undefined): Set<string> {
  const paths = new Set([WELL_KNOWN, `${WELL_KNOWN}/mcp`]);
  // An ingress may publish the endpoint under another path and route the suffixed form here.
  if (publicUrl) paths.add(`${WELL_KNOWN}${resourcePath(publicUrl)}`);
  return paths;
}

/** Where a client finds the metadata of `publicUrl`: the path-suffixed well-known URL. */
export function metadataUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.origin}${WELL_KNOWN}${resourcePath(publicUrl)}`;
}

export function metadataDocument(oauth: OAuthSettings) {
  return {
    resource: oauth.publicUrl,
    authorization_servers: [oauth.issuer],
    scopes_supported: [READ_SCOPE, WRITE_SCOPE],
    bearer_methods_supported: ["header"],
    resource_name: "sdrs-mcp: Open Telekom Cloud Storage Disaster Recovery (SDRS)",
  };
}

function resourcePath(publicUrl: string): string {
  const path = new URL(publicUrl).pathname.replace(/\/+$/, "");
  return path === "" ? "" : path;
}
