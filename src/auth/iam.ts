/**
 * IAM password authentication: a project-scoped token from `POST {auth_url}/auth/tokens`, cached
 * in memory, renewed a few minutes before it expires, fetched once for concurrent callers, and
 * dropped after SDRS answers 401 (IAM revokes tokens within 30 min of a permission change).
 * A password IAM refused (401) is never sent again: IAM locks accounts after repeated failures,
 * so every later call gets the same error at once.
 */

import { z } from "zod";
import { checkEndpoint } from "../endpoint.js";
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from "../sdrs/retry.js";
import { exchange, type Incoming, type Transport, TransportError } from "../sdrs/transport.js";
import { cleanText } from "../text.js";
import { AuthError } from "./errors.js";
import type { Authenticator } from "./types.js";

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

export interface IssuedToken {
  token: string;
  expiresAt: number;
  /** When to fetch the next one: a few minutes before expiry, or half-way for short-lived tokens. */
  renewAt: number;
  projectId: string;
  /** SDRS base URL from the catalog (type sdrs, interface public, the region), if listed. */
  sdrsEndpoint?: string;
}

const tokenBody = z.object({
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

const DEFAULT_RENEW_BEFORE_MS = 5 * 60_000;
/**
 * Tokens kept for scrubbing, newest first: every unexpired one can still be echoed back, but
 * beyond this many the older ones were all replaced after SDRS refused them.
 */
const MAX_KEPT_TOKENS = 32;

export class IamTokenSource {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;
  /** Issued tokens and when they expire, oldest first. */
  private readonly tokens = new Map<string, number>();
  /** IAM refused the password: the error every later call gets, without asking IAM again. */
  private refused: AuthError | undefined;
  /** How many token requests were sent: a test reads it to check single-flight. */
  issued = 0;

  constructor(private readonly options: IamOptions) {}

  /** A valid token; concurrent callers share one IAM request. */
  get(): Promise<IssuedToken> {
    if (this.refused) return Promise.reject(this.refused);
    if (this.current && this.current.renewAt > this.now()) return Promise.resolve(this.current);
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.current = undefined;
  }

  /** The issued tokens that can still appear in an output: the unexpired ones. */
  issuedTokens(): string[] {
    this.forgetExpired();
    return [...this.tokens.keys()];
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt <= now || this.tokens.size > MAX_KEPT_TOKENS) this.tokens.delete(token);
    }
  }

  private async issue(): Promise<IssuedToken> {
    try {
      return await withRetries(this.options.retry ?? DEFAULT_RETRY, () => this.requestToken());
    } catch (error) {
      if (error instanceof AuthError && error.status === 401) this.refused = error;
      throw error;
    }
  }

  private async requestToken(): Promise<IssuedToken> {
    const o = this.options;
    this.issued++;
    const url = new URL(`${o.authUrl}/auth/tokens`);
    const answer = await exchange(
      o,
      {
        method: "POST",
        url,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(requestBody(o)),
      },
      (incoming) => incoming,
    ).catch((error: unknown) => {
      throw unreachable(error, o);
    });
    if (answer.status !== 201 && answer.status !== 200) {
      throw new AuthError(iamFailure(answer.status, answer.body, o), answer.status, "http");
    }
    return this.accept(answer);
  }

  private accept(answer: Incoming): IssuedToken {
    const o = this.options;
    const token = answer.header("x-subject-token");
    const parsed = tokenBody.safeParse(safeJson(answer.body));
    if (token === undefined || !parsed.success) {
      throw new AuthError(
        `IAM at ${o.authUrl} answered without a usable token: check OS_AUTH_URL points at IAM (…/v3).`,
      );
    }
    const body = parsed.data.token;
    const projectId = body.project?.id ?? o.projectId;
    if (!projectId) {
      throw new AuthError(
        "IAM issued a token without a project: set OS_PROJECT_ID or OS_PROJECT_NAME.",
      );
    }
    const sdrsEndpoint = catalogEndpoint(body.catalog ?? [], o.region);
    const now = this.now();
    const expiresAt = Date.parse(body.expires_at);
    this.tokens.set(token, Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt);
    this.forgetExpired();
    const margin = Math.min(
      o.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS,
      Math.max(0, expiresAt - now) / 2,
    );
    this.current = {
      token,
      expiresAt,
      renewAt: expiresAt - margin,
      projectId,
      ...(sdrsEndpoint && { sdrsEndpoint }),
    };
    return this.current;
  }
}

/** IAM not reachable: an AuthError that names the proxy in use, retried like a network error. */
function unreachable(error: unknown, o: IamOptions): unknown {
  if (!(error instanceof TransportError)) return error;
  const via = error.proxy
    ? ` through the proxy ${error.proxy}): check the proxy (HTTPS_PROXY, NO_PROXY), OS_AUTH_URL and the network.`
    : "): check OS_AUTH_URL and the network.";
  return new AuthError(
    `Could not reach IAM at ${o.authUrl} (${error.message}${via}`,
    error.status,
    error.kind,
  );
}

function requestBody(o: IamOptions) {
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

function iamFailure(status: number, body: string, o: IamOptions): string {
  const message = cleanText(
    (safeJson(body) as { error?: { message?: string } })?.error?.message ?? "",
    200,
  );
  const said = `IAM answered HTTP ${status}${message ? `: ${trimEndDots(message)}` : ""}`;
  const domainVar = o.credentials.userDomainId ? "OS_USER_DOMAIN_ID" : "OS_USER_DOMAIN_NAME";
  if (status === 401) {
    return `${said}. Check OS_USERNAME, OS_PASSWORD and ${domainVar}. sdrs-mcp will not send this password again (IAM locks accounts after repeated failures): fix it, then restart the server (an MCP Bundle restarts when its settings change).`;
  }
  const projectVar = o.projectId ? "OS_PROJECT_ID" : "OS_PROJECT_NAME";
  if (status === 400 || status === 403 || status === 404) {
    return `${said}. Check ${projectVar} (the user must have a role in that project) and ${domainVar}.`;
  }
  return `${said}. Try again later; check OS_AUTH_URL if it persists.`;
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** X-Auth-Token from the cache; a 401 from SDRS drops it so the retry gets a fresh one. */
export function iamAuthenticator(source: IamTokenSource): Authenticator {
  return {
    authorize: async () => ({ "x-auth-token": (await source.get()).token }),
    invalidate: () => {
      source.invalidate();
      return true;
    },
  };
}
