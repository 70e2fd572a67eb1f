/**
 * A private CA made for one test run, as a TLS-inspecting corporate proxy has one: its
 * certificate (what a user puts in OS_CACERT) and a server certificate it signed for localhost,
 * 127.0.0.1 and the made-up hosts `*.test`. Generated with the openssl command line into a
 * fresh temporary folder (Node can parse certificates but not issue them); the caller removes it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PrivateCa {
  dir: string;
  /** The CA certificate file (PEM). */
  caFile: string;
  caPem: string;
  /** The CA's subject, which a refused certificate names as its issuer. */
  caName: string;
  serverKey: string;
  serverCert: string;
  remove(): void;
}

export const CA_NAME = "sdrs-mcp test inspection CA";

/** Whether the openssl command line is there (the tests that need it say so and stop if not). */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export function makePrivateCa(): PrivateCa {
  const dir = mkdtempSync(join(tmpdir(), "sdrs-mcp-ca-"));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: "pipe", timeout: 30_000 });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  openssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    `/CN=${CA_NAME}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  openssl("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  writeFileSync(
    path("server.ext"),
    "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,DNS:sdrs.test,DNS:iam.test,IP:127.0.0.1\n",
  );
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "server.ext",
  );
  return {
    dir,
    caFile: path("ca.pem"),
    caPem: readFileSync(path("ca.pem"), "utf8"),
    caName: `CN=${CA_NAME}`,
    serverKey: readFileSync(path("server.key"), "utf8"),
    serverCert: readFileSync(path("server.pem"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
