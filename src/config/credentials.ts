import { named } from "./settings.js";
import { type Env, readVar } from "./values.js";

export type Credentials =
  | { kind: "token"; token: string }
  | { kind: "aksk"; accessKey: string; secretKey: string; securityToken?: string }
  | {
      kind: "password";
      username: string;
      password: string;
      userDomainName?: string;
      userDomainId?: string;
    }
  /** --demo: the embedded simulator issues its own token. */
  | { kind: "demo" };

/** Precedence as in the Terraform provider: token, then AK/SK, then password. */
/** @param bundle started as an MCP Bundle: the user cannot pass --demo there. */
export function pickCredentials(
  env: Env,
  problems: string[],
  bundle = false,
): Credentials | undefined {
  const token = readVar(env, "OS_AUTH_TOKEN", "OS_TOKEN");
  if (token) return { kind: "token", token };

  const accessKey = readVar(env, "OS_ACCESS_KEY");
  const secretKey = readVar(env, "OS_SECRET_KEY");
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) {
      problems.push(
        `AK/SK signing needs both ${named("OS_ACCESS_KEY")} and ${named("OS_SECRET_KEY")}`,
      );
      return undefined;
    }
    const securityToken = readVar(env, "OS_SECURITY_TOKEN");
    return { kind: "aksk", accessKey, secretKey, ...(securityToken && { securityToken }) };
  }

  const username = readVar(env, "OS_USERNAME");
  const password = readVar(env, "OS_PASSWORD");
  if (username || password) {
    const userDomainName = readVar(env, "OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME");
    const userDomainId = readVar(env, "OS_USER_DOMAIN_ID");
    const needs = (what: string) => problems.push(`password authentication needs ${what}`);
    if (!username) needs(named("OS_USERNAME"));
    if (!password) needs(named("OS_PASSWORD"));
    if (!userDomainName && !userDomainId) {
      needs(`${named("OS_USER_DOMAIN_NAME")} or ${named("OS_USER_DOMAIN_ID")}`);
    }
    if (!username || !password || (!userDomainName && !userDomainId)) return undefined;
    return {
      kind: "password",
      username,
      password,
      ...(userDomainName && { userDomainName }),
      ...(userDomainId && { userDomainId }),
    };
  }

  // Lasting credentials first: an IAM token is valid 24 hours only.
  problems.push(
    `no credentials: set ${named("OS_ACCESS_KEY")} and ${named("OS_SECRET_KEY")} (lasting); ` +
      `or ${named("OS_CLOUD")}; or ${named("OS_USERNAME")}, ${named("OS_PASSWORD")} and ` +
      `${named("OS_USER_DOMAIN_NAME")}; or ${named("OS_AUTH_TOKEN")}, valid 24 hours` +
      (bundle ? "" : ". Or run with --demo to try it without an account"),
  );
  return undefined;
}
