/**
 * From configuration to what the SDRS client needs: how to authenticate, where SDRS is, and the
 * default project. The one place that knows the four credential kinds.
 */
import { akskAuthenticator } from "../auth/aksk.js";
import { IamTokenSource, iamAuthenticator } from "../auth/iam.js";
import { allSecretForms } from "../auth/secret-forms.js";
import { type Authenticator, tokenAuthenticator } from "../auth/types.js";
import type { Config } from "../config/config.js";
import { regionHosts } from "../config/regions.js";
import { proxySecrets } from "../http/proxy.js";
import type { RetryPolicy } from "../http/retry.js";
import type { Transport } from "../http/transport.js";

/** The demo has no credentials: one empty list, the same every call. */
const NO_SECRETS: readonly string[] = [];

export interface Upstream {
  auth: Authenticator;
  endpoint: () => Promise<string>;
  projectId: () => Promise<string | undefined>;
  /**
   * Credential values that must never appear in any output, in every form an echo gives them
   * (IAM tokens change over time).
   */
  secrets: () => readonly string[];
  close?: () => Promise<unknown>;
  /** Where it points, for the start-up log line (no credentials). */
  describe: string;
}

export async function connectUpstream(
  config: Config,
  transport: Transport,
  retry?: RetryPolicy,
): Promise<Upstream> {
  const c = config.credentials;
  const fixed = (value: string | undefined) => async () => value;
  // The configuration guarantees one of the two: a region outside the table needs SDRS_ENDPOINT.
  const endpoint = config.endpoint ?? regionHosts(config.region)?.sdrsEndpoint ?? "";
  // Proxy credentials are secrets like the others, whatever the authentication.
  const proxyCredentials = proxySecrets(config.proxy);
  switch (c.kind) {
    case "demo": {
      // Loaded only here: production paths never import the simulator.
      const { startSimulator } = await import("../simulator/index.js");
      const simulator = await startSimulator();
      return {
        auth: tokenAuthenticator(simulator.token),
        endpoint: fixed(simulator.url) as () => Promise<string>,
        projectId: fixed(simulator.projectId),
        secrets: () => NO_SECRETS,
        close: () => simulator.close(),
        describe: `demo simulator at ${simulator.url}`,
      };
    }
    case "token": {
      // Fixed for the process: made once, not per call.
      const forms = allSecretForms([c.token, ...proxyCredentials]);
      return {
        auth: tokenAuthenticator(c.token),
        endpoint: async () => endpoint,
        projectId: fixed(config.projectId),
        secrets: () => forms,
        describe: endpoint,
      };
    }
    case "aksk": {
      const forms = allSecretForms([
        c.secretKey,
        ...(c.securityToken ? [c.securityToken] : []),
        ...proxyCredentials,
      ]);
      return {
        auth: akskAuthenticator(c),
        endpoint: async () => endpoint,
        projectId: fixed(config.projectId),
        secrets: () => forms,
        describe: endpoint,
      };
    }
    case "password": {
      const source = new IamTokenSource({
        ...transport,
        authUrl: config.authUrl,
        credentials: c,
        ...(config.projectId && { projectId: config.projectId }),
        ...(config.projectName && { projectName: config.projectName }),
        region: config.region,
        ...(retry && { retry }),
      });
      return {
        auth: iamAuthenticator(source),
        // SDRS_ENDPOINT wins; else the token catalog; else the regional default.
        endpoint: async () => config.endpoint ?? (await source.get()).sdrsEndpoint ?? endpoint,
        projectId: async () => config.projectId ?? (await source.get()).projectId,
        secrets: () => allSecretForms([c.password, ...source.issuedTokens(), ...proxyCredentials]),
        describe: `${config.endpoint ?? "the IAM catalog"} via ${config.authUrl}`,
      };
    }
  }
}
