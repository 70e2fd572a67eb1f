/**
 * TLS for every connection sdrs-mcp opens (IAM, SDRS, an https:// proxy, the tunnel through a
 * proxy): the extra CA certificates of the configuration on top of Node's default roots, and a
 * certificate the server cannot verify turned into a CertificateError that names the host, the
 * reason and the certificate's issuer.
 *
 * Verification stays Node's own (rejectUnauthorized, the default): the connectors here only
 * watch. The issuer is read when the handshake delivers the server's certificate, before Node
 * verifies it and closes the socket: the client asks for OCSP stapling, and Node reports the
 * (possibly empty) stapled answer at that moment, with the certificate already received. It is
 * read with getPeerCertificate(): getPeerX509Certificate() at that moment leaves Node's own
 * host-name check an empty certificate (Node 20, measured), failing every good connection.
 *
 * The issuer and Node's message (which quotes the certificate's names) come from the network:
 * cleaned, bounded and quoted like any upstream text.
 */
import type { Socket } from "node:net";
import type { SecureContext, TLSSocket } from "node:tls";
import type * as Undici from "undici";
import type { buildConnector } from "undici";
import { cleanText } from "../text/clean.js";

export type Connector = buildConnector.connector;

/** Node's verification codes for a certificate chain or name it does not accept. */
const CERTIFICATE_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** A server certificate Node refused: never retried, reported as what it is. */
export class CertificateError extends Error {
  /** Not Node's code: undici treats ERR_TLS_CERT_ALTNAME_INVALID specially (a reconnect loop). */
  readonly code = "ERR_SDRS_MCP_CERTIFICATE";

  constructor(
    /** The host whose certificate it was (the proxy's, for an https:// proxy). */
    readonly host: string,
    /** Node's verification code, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
    readonly reason: string,
    readonly detail: string,
    /** The certificate's issuer, e.g. "CN=Corp Inspection CA, O=Corp", when it was received. */
    readonly issuer?: string,
  ) {
    const from = issuer ? `, issued by ${JSON.stringify(issuer)}` : "";
    super(`the certificate of ${host} could not be verified (${reason}: ${detail})${from}`);
    this.name = "CertificateError";
  }
}

function isCertificateCode(code: unknown): boolean {
  return typeof code === "string" && CERTIFICATE_CODES.has(code);
}

/** The CertificateError in an error or its causes (undici may wrap a tunnel's failure). */
export function findCertificateError(error: unknown): CertificateError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof CertificateError) return e;
  }
  return undefined;
}

/**
 * One secure context for every connection: Node's bundled roots plus the extra certificates,
 * parsed once rather than per connection. Undefined without extra certificates, so that Node's
 * own default store applies (NODE_EXTRA_CA_CERTS included).
 */
export function secureContextWith(
  tls: typeof import("node:tls"),
  extraCa: readonly string[] | undefined,
): SecureContext | undefined {
  if (!extraCa?.length) return undefined;
  return tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] });
}

/**
 * undici's connector with the given TLS options, reporting a refused certificate as a
 * CertificateError (with the issuer). Plain-TCP connections pass through unchanged.
 */
export function watchingConnector(
  undici: typeof Undici,
  options: { timeout?: number; secureContext?: SecureContext },
): Connector {
  // requestOCSP is a tls.connect option undici passes through; its types list only some.
  const build: buildConnector.BuildOptions & { requestOCSP: boolean } = {
    ...options,
    requestOCSP: true,
  };
  const connect = undici.buildConnector(build);
  return (opts, callback) => {
    let issuer: string | undefined;
    const socket = (connect as (...a: Parameters<Connector>) => Socket | undefined)(
      opts,
      (...result) => {
        const [error] = result;
        const code = (error as { code?: unknown } | null)?.code;
        if (error && isCertificateCode(code)) {
          const detail = cleanText(error.message, MAX_TEXT);
          callback(new CertificateError(opts.hostname, String(code), detail, issuer), null);
          return;
        }
        callback(...result);
      },
    );
    // undici's connector returns the socket it made; the TLS one reports the OCSP answer.
    if (opts.protocol === "https:" && socket && "getPeerCertificate" in socket) {
      socket.once("OCSPResponse", () => {
        issuer = distinguishedName((socket as TLSSocket).getPeerCertificate()?.issuer);
      });
    }
  };
}

/** Longest issuer or reason text kept: real ones are well under it. */
const MAX_TEXT = 300;

/** `CN=Corp Inspection CA, O=Corp` from Node's issuer object (a value may repeat: an array). */
function distinguishedName(name: object | undefined): string | undefined {
  if (!name) return undefined;
  const parts = Object.entries(name as Record<string, string | string[]>).map(
    ([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`,
  );
  return parts.length > 0 ? cleanText(parts.join(", "), MAX_TEXT) : undefined;
}

/**
 * The connect step of a proxy's CONNECT tunnel (undici's ProxyAgent), with the TLS to the origin
 * done by `tls` instead: the tunnel is asked for the raw socket (the protocol it is given is
 * http:, for which it hands the socket over as it is), and `tls` upgrades it, so that a
 * certificate refused at the far end of the tunnel is reported like any other. The target keeps
 * its port: an https origin without one is port 443.
 */
export function tunnelThen(tunnel: Connector, tls: Connector): Connector {
  return (opts, callback) => {
    if (opts.protocol !== "https:") {
      tunnel(opts, callback);
      return;
    }
    const port = opts.port || "443";
    const host = opts.port ? (opts.host ?? opts.hostname) : `${opts.host ?? opts.hostname}:443`;
    tunnel({ ...opts, protocol: "http:", host, port }, (...result) => {
      const [error, raw] = result;
      if (error || !raw) {
        callback(...result);
        return;
      }
      tls({ ...opts, httpSocket: raw }, callback);
    });
  };
}
