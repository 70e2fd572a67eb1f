/**
 * sdrs-mcp as an OAuth 2.1 resource server (MCP authorization spec 2025-11-25): access tokens
 * are JWTs signed by a key of the issuer's JWKS, for this server (`aud` = SDRS_MCP_PUBLIC_URL),
 * from the configured issuer, current (exp, nbf; 60 s of clock skew), with a subject. The
 * issuer's metadata is discovered the ways the spec lists (RFC 8414 and OpenID Connect, an
 * issuer path in both forms); discovery and the JWKS go through sdrs-mcp's own HTTP layer, so
 * the proxy settings (and certificates) that reach IAM and SDRS reach the issuer too. A token is
 * checked and forgotten: never logged, never stored, never sent anywhere.
 */
import { createRemoteJWKSet, customFetch, type JWTPayload, jwtVerify } from "jose";
import { checkEndpoint } from "../../config/endpoint.js";
import type { OAuthSettings } from "../../config/team.js";
import { exchange, type Transport } from "../../http/transport.js";
import { cleanText } from "../../text/clean.js";

export const READ_SCOPE = "sdrs:read";
export const WRITE_SCOPE = "sdrs:write";

/** Who a verified token speaks for. */
export interface Principal {
  subject: string;
  /** client_id, else azp: the application the user signed in to. */
  client?: string;
  scopes: ReadonlySet<string>;
}

export type Verdict =
  | { ok: true; principal: Principal }
  /** 401: no token, or one this server does not accept. */
  | { ok: false; status: 401; error?: "invalid_token"; description: string }
  /** 503: the token could not be checked (the issuer's keys are out of reach). */
  | { ok: false; status: 503; description: string };

/** RFC 9068 access tokens are signed asymmetrically; `none` and shared-secret HMACs are refused. */
const ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];
const CLOCK_SKEW_S = 60;
/** Between two discovery attempts after a failure: an issuer that is down is not hammered. */
const REDISCOVER_MS = 10_000;
const TOKEN_CHARS = /^[A-Za-z0-9_.~+/=-]+$/;

type KeySet = ReturnType<typeof createRemoteJWKSet>;

export class OAuthVerifier {
  private keys: KeySet | undefined;
  private discovering: Promise<void> | undefined;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private problem: string | undefined = "the authorization server's metadata was not read yet";

  constructor(
    private readonly settings: OAuthSettings,
    private readonly http: Transport,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Why tokens cannot be checked now (discovery or the JWKS failed), or undefined. */
  async readiness(): Promise<string | undefined> {
    await this.discover();
    return this.problem;
  }

  async verify(authorization: string | undefined): Promise<Verdict> {
    if (authorization === undefined || authorization.trim() === "") {
      return { ok: false, status: 401, description: "no access token was sent" };
    }
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    const token = match?.[1];
    if (!token || !TOKEN_CHARS.test(token)) {
      return invalid("the Authorization header must be: Bearer <access token>");
    }
    await this.discover();
    if (!this.keys) {
      return { ok: false, status: 503, description: `tokens cannot be checked: ${this.problem}` };
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.publicUrl,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_SKEW_S,
        requiredClaims: ["exp", "sub"],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      return refusal(error);
    }
    const subject = payload.sub;
    if (typeof subject !== "string" || subject === "") {
      return invalid("the access token has no subject (sub)");
    }
    const client = [payload.client_id, payload.azp].find((v) => typeof v === "string" && v);
    return {
      ok: true,
      principal: {
        subject,
        ...(typeof client === "string" && { client }),
        scopes: scopes(payload),
      },
    };
  }

  /** Reads the issuer's metadata and keys once; after a failure again, at most every 10 s. */
  private discover(): Promise<void> {
    if (this.keys || this.discovering) return this.discovering ?? Promise.resolve();
    if (this.now() - this.lastAttempt < REDISCOVER_MS) return Promise.resolve();
    this.lastAttempt = this.now();
    this.discovering = this.findKeys()
      .then(
        (keys) => {
          this.keys = keys;
          this.problem = undefined;
        },
        (error: unknown) => {
          this.problem = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        this.discovering = undefined;
      });
    return this.discovering;
  }

  private async findKeys(): Promise<KeySet> {
    const tried: string[] = [];
    for (const url of metadataUrls(this.settings.issuer)) {
      const found = await this.readMetadata(url).catch((error: unknown) => ({
        why: error instanceof Error ? error.message : String(error),
      }));
      if ("jwksUri" in found) {
        const keys = createRemoteJWKSet(new URL(found.jwksUri), {
          [customFetch]: (href, init) => this.fetch(href, init.signal),
          timeoutDuration: this.http.timeoutMs,
        });
        // Read now: a JWKS out of reach is a readiness problem, not a surprise at the first call.
        await keys.reload().catch((error: unknown) => {
          throw new Error(`the JWKS at ${found.jwksUri} could not be read: ${message(error)}`);
        });
        return keys;
      }
      tried.push(`${url}: ${found.why}`);
    }
    throw new Error(
      `no usable metadata for the issuer ${this.settings.issuer} (SDRS_MCP_OAUTH_ISSUER); tried ${tried.join("; ")}`,
    );
  }

  private async readMetadata(url: string): Promise<{ jwksUri: string } | { why: string }> {
    return exchange(
      this.http,
      { method: "GET", url: new URL(url), headers: { accept: "application/json" } },
      (answer) => {
        if (answer.status !== 200) return { why: `HTTP ${answer.status}` };
        const doc = parseObject(answer.body);
        if (!doc) return { why: "not a JSON object" };
        // RFC 8414 section 3.3 / OpenID Discovery 4.3: the document must name this very issuer.
        if (doc.issuer !== this.settings.issuer) {
          return {
            why: `it names the issuer ${JSON.stringify(cleanText(String(doc.issuer), 200))}, not ${this.settings.issuer}`,
          };
        }
        const jwksUri = typeof doc.jwks_uri === "string" ? doc.jwks_uri : "";
        const checked = checkEndpoint(jwksUri, "jwks_uri");
        if (checked.problem !== undefined) return { why: checked.problem };
        return { jwksUri };
      },
    );
  }

  /** fetch() for jose, through the shared HTTP layer (proxy, certificates, size cap, deadline). */
  private fetch(href: string, signal: AbortSignal): Promise<Response> {
    return exchange(
      this.http,
      { method: "GET", url: new URL(href), headers: { accept: "application/json" }, signal },
      (answer) => new Response(answer.body, { status: answer.status }),
    );
  }
}

/**
 * Where the issuer's metadata may be (MCP authorization spec, "Authorization Server Metadata
 * Discovery"): with a path, RFC 8414's path insertion, OpenID's path insertion and OpenID's
 * path appending; without, the two well-known documents at the root.
 */
function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, "");
  const origin = url.origin;
  if (path === "") {
    return [
      `${origin}/.well-known/oauth-authorization-server`,
      `${origin}/.well-known/openid-configuration`,
    ];
  }
  return [
    `${origin}/.well-known/oauth-authorization-server${path}`,
    `${origin}/.well-known/openid-configuration${path}`,
    `${origin}${path}/.well-known/openid-configuration`,
  ];
}

/** `scope` (space-separated, RFC 9068) or `scp` (an array; Entra ID sends a string). */
function scopes(payload: JWTPayload): Set<string> {
  const found = new Set<string>();
  for (const claim of [payload.scope, payload.scp]) {
    const values = typeof claim === "string" ? claim.split(" ") : Array.isArray(claim) ? claim : [];
    for (const value of values) if (typeof value === "string" && value) found.add(value);
  }
  return found;
}

/** Why jose refused a token, for the client; the token itself is never repeated. */
function refusal(error: unknown): Verdict {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return invalid("the access token has expired");
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return invalid(claimProblem(String(claim)));
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return invalid("the access token's signature does not verify");
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return invalid("the access token is not signed by a key of the issuer's JWKS");
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return invalid(
        "the access token's algorithm is not accepted (only asymmetric signatures; never alg none)",
      );
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
    case "ERR_JOSE_NOT_SUPPORTED":
      return invalid("the access token is not a well-formed signed JWT");
    default:
      // The keys could not be read (JWKS down, timeout, not JSON): not the token's fault.
      return {
        ok: false,
        status: 503,
        description: `tokens cannot be checked now: the issuer's JWKS could not be read (${message(error)})`,
      };
  }
}

function claimProblem(claim: string): string {
  switch (claim) {
    case "iss":
      return "the access token is from another issuer";
    case "aud":
      return "the access token is not for this server (its aud does not name SDRS_MCP_PUBLIC_URL)";
    case "nbf":
      return "the access token is not valid yet (nbf)";
    case "sub":
      return "the access token has no subject (sub)";
    case "exp":
      return "the access token has no expiry (exp)";
    default:
      return `the access token's ${cleanText(claim, 20)} claim is not acceptable`;
  }
}

function invalid(description: string): Verdict {
  return { ok: false, status: 401, error: "invalid_token", description };
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  return cleanText(error instanceof Error ? error.message : String(error), 300);
}
