/**
 * IAM password authentication: a project-scoped token from `POST {auth_url}/auth/tokens`, cached
 * in memory, renewed a few minutes before it expires, fetched once for concurrent callers, and
 * dropped after SDRS answers 401 (IAM revokes tokens within 30 min of a permission change).
 */

import { z } from "zod";
import { type DispatcherSource, loadUndici, resolveDispatcher } from "../sdrs/undici.js";
import { cleanText } from "../text.js";
import { AuthError } from "./errors.js";
import type { Authenticator } from "./types.js";

export interface PasswordCredentials {
  username: string;
  password: string;
  userDomainName?: string;
  userDomainId?: string;
}

export interface IamOptions {
  dispatcher: DispatcherSource;
  authUrl: string;
  credentials: PasswordCredentials;
  projectId?: string;
  projectName?: string;
  region: string;
  timeoutMs: number;
  userAgent: string;
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

export class IamTokenSource {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;
  private readonly tokens = new Set<string>();
  /** How many token requests were sent: a test reads it to check single-flight. */
  issued = 0;

  constructor(private readonly options: IamOptions) {}

  /** A valid token; concurrent callers share one IAM request. */
  get(): Promise<IssuedToken> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && this.current.renewAt > now) return Promise.resolve(this.current);
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.current = undefined;
  }

  /** Every token this process was issued, so that none can leak into an output. */
  issuedTokens(): string[] {
    return [...this.tokens];
  }

  private async issue(): Promise<IssuedToken> {
    const o = this.options;
    this.issued++;
    const { request } = await loadUndici();
    const response = await request(`${o.authUrl}/auth/tokens`, {
      method: "POST",
      dispatcher: await resolveDispatcher(o.dispatcher),
      signal: AbortSignal.timeout(o.timeoutMs),
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": o.userAgent,
      },
      body: JSON.stringify(requestBody(o)),
    }).catch((error: unknown) => {
      throw new AuthError(
        `Could not reach IAM at ${o.authUrl} (${(error as { code?: string }).code ?? (error as Error).message}): check OS_AUTH_URL and the network.`,
      );
    });
    const text = await response.body.text();
    if (response.statusCode !== 201 && response.statusCode !== 200) {
      throw new AuthError(iamFailure(response.statusCode, text, o), response.statusCode);
    }
    const token = response.headers["x-subject-token"];
    const parsed = tokenBody.safeParse(safeJson(text));
    if (typeof token !== "string" || !parsed.success) {
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
    this.tokens.add(token);
    const now = (o.now ?? Date.now)();
    const expiresAt = Date.parse(body.expires_at);
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
  const said = `IAM answered HTTP ${status}${message ? `: ${message.replace(/[.\s]+$/, "")}` : ""}`;
  const domainVar = o.credentials.userDomainId ? "OS_USER_DOMAIN_ID" : "OS_USER_DOMAIN_NAME";
  if (status === 401) return `${said}. Check OS_USERNAME, OS_PASSWORD and ${domainVar}.`;
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
  try {
    const url = new URL(endpoint.url);
    return `${url.origin}${url.pathname.replace(/\/v1(\/[^/]*)?\/?$/, "").replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
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
