/**
 * What IAM's `POST /v3/auth/tokens` exchanges: the password request body, the token answer's
 * shape, the SDRS address in its catalog, and a person's reading of a refusal (which variable
 * to check). IAM's bodies are upstream text: cut before anything reads them closely.
 */
import { z } from "zod";
import { certificateAdvice } from "../config/certificates.js";
import { checkEndpoint } from "../config/endpoint.js";
import { named } from "../config/settings.js";
import { parseErrorBody } from "../http/error-body.js";
import { proxySecrets } from "../http/proxy.js";
import type { RetryPolicy } from "../http/retry.js";
import { type Transport, TransportError } from "../http/transport.js";
import { AuthError } from "./errors.js";
import { allSecretForms } from "./secret-forms.js";

export interface PasswordCredentials {
  username: string;
  password: string;
  userDomainName?: string;
  userDomainId?: string;
}

export interface IamOptions extends Transport {
  authUrl: string;
  credentials: PasswordCredentials;
  projectId?: string;
  projectName?: string;
  region: string;
  /** IAM unreachable or answering 502/503/504 is retried like an SDRS read; a 401 never. */
  retry?: RetryPolicy;
  /** Renew this long before expires_at. */
  renewBeforeMs?: number;
  now?: () => number;
}

export const tokenAnswer = z.object({
  token: z.looseObject({
    expires_at: z.string(),
    project: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
    catalog: z
      .array(
        z.looseObject({
          type: z.string(),
          endpoints: z.array(
            z.looseObject({
              interface: z.string(),
              region: z.string().nullish(),
              region_id: z.string().nullish(),
              url: z.string(),
            }),
          ),
        }),
      )
      .optional(),
  }),
});

/** IAM not reachable: an AuthError that names the proxy in use, retried like a network error. */
export function unreachable(error: unknown, o: IamOptions): unknown {
  if (!(error instanceof TransportError)) return error;
  // A refused certificate is not the network being down, nor the proxy: it says so, once.
  if (error.kind === "certificate") {
    const advice = certificateAdvice(error.certificate?.reason, "OS_AUTH_URL", error.proxy);
    return new AuthError(`IAM at ${o.authUrl}: ${error.message}. ${advice}`, undefined, error.kind);
  }
  const via = error.proxy
    ? ` through the proxy ${error.proxy}): check the proxy (${named("HTTPS_PROXY")}, ${named("NO_PROXY")}), ${named("OS_AUTH_URL")} and the network.`
    : `): check ${named("OS_AUTH_URL")} and the network.`;
  return new AuthError(
    `Could not reach IAM at ${o.authUrl} (${error.message}${via}`,
    error.status,
    error.kind,
  );
}

export function requestBody(o: IamOptions) {
  const c = o.credentials;
  const domain = c.userDomainId ? { id: c.userDomainId } : { name: c.userDomainName };
  const project = o.projectId ? { id: o.projectId } : { name: o.projectName };
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: c.username, password: c.password, domain } },
      },
      scope: { project },
    },
  };
}

export function iamFailure(status: number, body: string, o: IamOptions): string {
  // An echo of the request carries the password: it goes before anything cuts or cleans the
  // text (a cut can leave half of it, cleaning can change its spaces).
  const secrets = allSecretForms([o.credentials.password, ...proxySecrets(o.proxy)]);
  const { message } = parseErrorBody(body, secrets);
  // Quoted: upstream text must not be able to pose as sdrs-mcp's own words.
  const said = `IAM answered HTTP ${status}${message ? `: ${JSON.stringify(trimEndDots(message))}` : ""}`;
  // Variables with their MCP Bundle setting titles: the user may know either.
  const domainVar = named(o.credentials.userDomainId ? "OS_USER_DOMAIN_ID" : "OS_USER_DOMAIN_NAME");
  if (status === 401) {
    return `${said}. Check ${named("OS_USERNAME")}, ${named("OS_PASSWORD")} and ${domainVar}. sdrs-mcp will not send this password again (IAM locks accounts after repeated failures): fix it, then restart the server (an MCP Bundle restarts when its settings change).`;
  }
  const projectVar = named(o.projectId ? "OS_PROJECT_ID" : "OS_PROJECT_NAME");
  const authUrl = named("OS_AUTH_URL");
  // A 404 most often means OS_AUTH_URL lacks /v3 (the token path is /v3/auth/tokens).
  if (status === 404) {
    return `${said}. Check ${authUrl}: it must be IAM's v3 endpoint, e.g. https://iam.eu-de.otc.t-systems.com/v3 (now ${o.authUrl}); then ${projectVar} and ${domainVar}.`;
  }
  if (status === 400 || status === 403) {
    return `${said}. Check ${projectVar} (the user must have a role in that project) and ${domainVar}.`;
  }
  return `${said}. Try again later; check ${authUrl} if it persists.`;
}

/** The catalog lists SDRS as https://host/v1/<project_id>; the client wants the base URL. */
export function catalogEndpoint(
  catalog: readonly {
    type: string;
    endpoints: readonly {
      interface: string;
      region?: string | null;
      region_id?: string | null;
      url: string;
    }[];
  }[],
  region: string,
): string | undefined {
  const service = catalog.find((s) => s.type === "sdrs");
  const endpoint =
    service?.endpoints.find(
      (e) => e.interface === "public" && (e.region === region || e.region_id === region),
    ) ?? service?.endpoints.find((e) => e.interface === "public");
  if (!endpoint) return undefined;
  // The same rule as SDRS_ENDPOINT: a catalog pointing at plain http (not loopback) is ignored
  // and the regional https default is used, so a token never travels in clear text.
  return checkEndpoint(endpoint.url, "the catalog's SDRS URL", { stripApiPath: true }).url;
}

/** Without trailing dots and spaces; a loop, not `/[.\s]+$/` (quadratic on long runs). */
function trimEndDots(text: string): string {
  let end = text.length;
  while (end > 0 && /[.\s]/.test(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
