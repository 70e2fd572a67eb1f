/**
 * Decides whether a request is authenticated. Kept to one small function type so IAM-issued
 * tokens or AK/SK signature checks can replace the static token without touching the router.
 */
export type Authenticate = (request: {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
}) => boolean;

/** Accepts exactly one token in X-Auth-Token (Node lower-cases header names). */
export function staticTokenAuthenticator(token: string): Authenticate {
  return ({ headers }) => headers["x-auth-token"] === token;
}
