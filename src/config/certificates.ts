/**
 * Extra trusted CA certificates, for networks that inspect TLS (a corporate proxy or gateway
 * re-signs every certificate with its own CA): OS_CACERT or clouds.yaml `cacert`, as the
 * OpenStack tools read them, and Node's own NODE_EXTRA_CA_CERTS. They are added to Node's
 * default roots, never replace them.
 *
 * Node applies NODE_EXTRA_CA_CERTS to its default store only: a connection given its own `ca`
 * list loses them (measured with undici 7 on Node 20). So once OS_CACERT is set, the
 * NODE_EXTRA_CA_CERTS certificates go into that list too. Without OS_CACERT nothing is passed
 * and Node's default store, NODE_EXTRA_CA_CERTS included, applies as it is.
 *
 * Pure: the files are read by ca-files.ts at start and handed in here.
 */
import { X509Certificate } from "node:crypto";
import { named } from "./settings.js";
import { describeSource, type Source } from "./sources.js";

/** A CA file's text, or why it could not be read (a phrase after its path). */
export type FileRead = { text: string } | { error: string };

/** A CA file the configuration names, not yet read. */
export interface CaFileRef {
  variable: "OS_CACERT" | "NODE_EXTRA_CA_CERTS";
  /** As given (may start with ~, may be relative). */
  path: string;
  /** A relative path in clouds.yaml is taken from that file's folder (as shown, ~ for home). */
  relativeTo?: string;
  source: Source;
}

/** A CA file read and checked: what --check prints. */
export interface CaFileInfo {
  ref: CaFileRef;
  /** The path read (absolute). */
  path: string;
  certificates: number;
  /** The subject of each certificate, e.g. "CN=Corp Inspection CA, O=Corp". */
  subjects: string[];
}

export interface TrustSettings {
  /**
   * PEM certificates to trust on top of Node's default roots; absent when only
   * NODE_EXTRA_CA_CERTS is set (Node applies that one itself).
   */
  extraCa?: readonly string[];
  files: readonly CaFileInfo[];
}

const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";
/** Far more than any real bundle; bounds the parsing work a 1 MiB file can ask for. */
const MAX_CERTIFICATES = 1000;

/** Who names the file, as a problem text starts: `OS_CACERT (setting "CA certificate file")`. */
function namerOf(ref: CaFileRef): string {
  if (ref.source.from === "clouds") {
    return `${ref.source.key} of ${describeSource(ref.source)}`;
  }
  return ref.variable === "OS_CACERT" ? named("OS_CACERT") : "NODE_EXTRA_CA_CERTS";
}

/**
 * The certificates of a PEM file, each one parsed (a damaged block is refused, not skipped), or
 * the problem, naming who named the file and what to do.
 */
export function readCaBundle(
  ref: CaFileRef,
  path: string,
  file: FileRead,
): { info: CaFileInfo; pems: string[] } | { problem: string } {
  const who = `${namerOf(ref)} names ${path}, which`;
  if ("error" in file) return { problem: `${who} ${file.error}` };
  const pems: string[] = [];
  const subjects: string[] = [];
  // A linear scan: indexOf from where the last block ended.
  let at = file.text.indexOf(BEGIN);
  while (at !== -1 && pems.length < MAX_CERTIFICATES) {
    const end = file.text.indexOf(END, at + BEGIN.length);
    if (end === -1) {
      return { problem: `${who} has a certificate without its "${END}" line` };
    }
    const pem = `${file.text.slice(at, end + END.length)}\n`;
    try {
      subjects.push(new X509Certificate(pem).subject.replaceAll("\n", ", "));
    } catch {
      return {
        problem: `${who} holds a damaged certificate (number ${pems.length + 1}): export the CA certificate again as PEM`,
      };
    }
    pems.push(pem);
    at = file.text.indexOf(BEGIN, end + END.length);
  }
  if (pems.length === 0) {
    return {
      problem: `${who} holds no PEM certificate (a "${BEGIN}" block). A DER file (.cer, .der) converts with: openssl x509 -inform der -in ca.cer -out ca.pem`,
    };
  }
  return { info: { ref, path, certificates: pems.length, subjects }, pems };
}

/**
 * The trust settings from the files read: OS_CACERT's certificates (with NODE_EXTRA_CA_CERTS's,
 * which a `ca` list would otherwise drop), or nothing to pass when only NODE_EXTRA_CA_CERTS is
 * set. Problems are appended.
 */
export function trustSettings(
  read: readonly { ref: CaFileRef; path: string; file: FileRead }[],
  problems: string[],
): TrustSettings {
  const files: CaFileInfo[] = [];
  const pemsOf = new Map<CaFileRef["variable"], string[]>();
  for (const { ref, path, file } of read) {
    const bundle = readCaBundle(ref, path, file);
    if ("problem" in bundle) {
      problems.push(bundle.problem);
      continue;
    }
    files.push(bundle.info);
    pemsOf.set(ref.variable, bundle.pems);
  }
  const own = pemsOf.get("OS_CACERT");
  if (!own) return { files };
  return { extraCa: [...(pemsOf.get("NODE_EXTRA_CA_CERTS") ?? []), ...own], files };
}

const NAME_CODES = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"]);
const DATE_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
]);

/**
 * What to do about a certificate sdrs-mcp could not verify, by Node's reason. Shared by the SDRS
 * and the IAM error texts. A proxy in the way is named as a likely re-signer, never as "down".
 *
 * @param endpointVariable the variable that sets the address that was called.
 */
export function certificateAdvice(
  reason: string | undefined,
  endpointVariable: "SDRS_ENDPOINT" | "OS_AUTH_URL",
  proxy?: string,
): string {
  const restart = "then restart sdrs-mcp (an MCP Bundle restarts when its settings change)";
  const via = proxy
    ? ` The connection went through the proxy ${proxy}: a proxy that inspects TLS presents certificates of its own CA.`
    : "";
  if (reason && NAME_CODES.has(reason)) {
    return `The certificate is for another host: check ${named(endpointVariable)}.${via} sdrs-mcp does not retry this.`;
  }
  if (reason && DATE_CODES.has(reason)) {
    return `The certificate is outside its validity period: check the computer's clock; otherwise the server (or a TLS-inspecting proxy) needs a new certificate.${via} sdrs-mcp does not retry this.`;
  }
  return (
    `sdrs-mcp does not trust the CA that issued this certificate.${via} If your network inspects TLS ` +
    "(a corporate proxy or security gateway re-signs certificates with its own CA, the issuer named above), " +
    `set ${named("OS_CACERT")} to a PEM file with that CA's certificate (clouds.yaml \`cacert\` or ` +
    `NODE_EXTRA_CA_CERTS work too; your IT department has the file), ${restart}. sdrs-mcp does not retry this.`
  );
}
