/**
 * CA certificate files (OS_CACERT, clouds.yaml `cacert`, NODE_EXTRA_CA_CERTS): read once at
 * start, bounded, each certificate parsed; a file that is not what it should be is a
 * configuration problem naming who named it and what to do.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCaFiles } from "../../../src/config/ca-files.js";
import { type CaFileRef, readCaBundle, trustSettings } from "../../../src/config/certificates.js";
import { loadConfig, withTrust } from "../../../src/config/config.js";
import { readConfigFile } from "../../../src/config/files.js";
import { hasOpenssl, makePrivateCa, type PrivateCa } from "../../helpers/private-ca.js";

const PID = "0123456789abcdef0123456789abcdef";
const osCacert: CaFileRef = {
  variable: "OS_CACERT",
  path: "/corp/ca.pem",
  source: { from: "variable", name: "OS_CACERT" },
};
const nodeExtra: CaFileRef = {
  variable: "NODE_EXTRA_CA_CERTS",
  path: "/node/extra.pem",
  source: { from: "variable", name: "NODE_EXTRA_CA_CERTS" },
};

const openssl = hasOpenssl();
let ca: PrivateCa | undefined;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "sdrs-mcp-cafiles-"));
  if (openssl) ca = makePrivateCa();
  else console.warn("skipped the certificate parsing cases: the openssl command is not installed");
});
afterAll(() => {
  ca?.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe("readCaBundle", () => {
  it("takes every PEM certificate of a bundle, text around them included", () => {
    if (!ca) return;
    const text = `# corporate roots\n${ca.caPem}\nsome comment\n${ca.serverCert}`;
    const read = readCaBundle(osCacert, "/corp/ca.pem", { text });
    expect(read).toMatchObject({
      info: {
        path: "/corp/ca.pem",
        certificates: 2,
        subjects: [ca.caName, "CN=localhost"],
      },
    });
    expect("pems" in read && read.pems.length).toBe(2);
  });

  it("refuses a file without a PEM certificate, and says how to convert a DER one", () => {
    if (!ca) return;
    const der = execFileSync("openssl", ["x509", "-in", ca.caFile, "-outform", "der"]);
    const read = readCaBundle(osCacert, "/corp/ca.cer", { text: der.toString("utf8") });
    expect(read).toEqual({
      problem:
        'OS_CACERT (setting "CA certificate file") names /corp/ca.cer, which holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block). A DER file (.cer, .der) converts with: openssl x509 -inform der -in ca.cer -out ca.pem',
    });
  });

  it("refuses a damaged certificate and a block without its end line", () => {
    if (!ca) return;
    const damaged = ca.caPem.replace(/\n[A-Za-z0-9+/]{20}/, "\nAAAAAAAAAAAAAAAAAAAA");
    expect(readCaBundle(osCacert, "/p", { text: damaged })).toEqual({
      problem:
        'OS_CACERT (setting "CA certificate file") names /p, which holds a damaged certificate (number 1): export the CA certificate again as PEM',
    });
    const cut = ca.caPem.slice(0, ca.caPem.indexOf("-----END"));
    expect(readCaBundle(nodeExtra, "/p", { text: cut })).toEqual({
      problem:
        'NODE_EXTRA_CA_CERTS names /p, which has a certificate without its "-----END CERTIFICATE-----" line',
    });
  });

  it("names the clouds.yaml entry when the file came from there", () => {
    const ref: CaFileRef = {
      variable: "OS_CACERT",
      path: "ca.pem",
      relativeTo: "~/.config/openstack",
      source: {
        from: "clouds",
        cloud: "otc",
        file: "~/.config/openstack/clouds.yaml",
        kind: "clouds",
        key: "cacert",
      },
    };
    expect(
      readCaBundle(ref, "/home/u/.config/openstack/ca.pem", { error: "cannot be read (ENOENT)" }),
    ).toEqual({
      problem:
        'cacert of clouds.yaml entry "otc" (~/.config/openstack/clouds.yaml) names /home/u/.config/openstack/ca.pem, which cannot be read (ENOENT)',
    });
  });
});

describe("trustSettings", () => {
  it("adds NODE_EXTRA_CA_CERTS to OS_CACERT's list (a ca list would drop it), and nothing alone", () => {
    if (!ca) return;
    const own = { ref: osCacert, path: "/corp/ca.pem", file: { text: ca.caPem } };
    const extra = { ref: nodeExtra, path: "/node/extra.pem", file: { text: ca.serverCert } };
    const problems: string[] = [];
    const both = trustSettings([extra, own], problems);
    expect(problems).toEqual([]);
    expect(both.extraCa?.map((pem) => pem.trim())).toEqual([ca.serverCert.trim(), ca.caPem.trim()]);
    expect(both.files.map((f) => f.ref.variable)).toEqual(["NODE_EXTRA_CA_CERTS", "OS_CACERT"]);
    // NODE_EXTRA_CA_CERTS alone: Node applies it to its default store; nothing is passed.
    const alone = trustSettings([extra], problems);
    expect(alone.extraCa).toBeUndefined();
    expect(alone.files).toHaveLength(1);
  });
});

describe("withTrust", () => {
  const serve = () =>
    loadConfig({ OS_AUTH_TOKEN: "t", OS_PROJECT_ID: PID, OS_CACERT: "/corp/ca.pem" }, []);

  it("gives a usable configuration the certificates to trust", () => {
    if (!ca) return;
    const result = withTrust(serve(), [
      { ref: osCacert, path: "/corp/ca.pem", file: { text: ca.caPem } },
    ]);
    expect(result.kind === "serve" && result.config.trust?.extraCa).toHaveLength(1);
  });

  it("turns an unreadable CA file into a configuration problem, and adds it to others", () => {
    const missing = {
      ref: osCacert,
      path: "/corp/ca.pem",
      file: { error: "cannot be read (ENOENT)" },
    };
    const result = withTrust(serve(), [missing]);
    expect(result).toMatchObject({
      kind: "unconfigured",
      problems: [
        'OS_CACERT (setting "CA certificate file") names /corp/ca.pem, which cannot be read (ENOENT)',
      ],
      settings: { timeoutMs: 15000, check: false, caFiles: [osCacert] },
    });
    const unconfigured = withTrust(loadConfig({ OS_CACERT: "/corp/ca.pem" }, []), [missing]);
    expect(unconfigured.kind === "unconfigured" && unconfigured.problems.at(-1)).toMatch(
      /^OS_CACERT .* cannot be read/,
    );
  });

  it("keeps --http when an unreadable CA file makes the configuration unusable: team mode still starts", () => {
    const missing = {
      ref: osCacert,
      path: "/corp/ca.pem",
      file: { error: "cannot be read (ENOENT)" },
    };
    const env = { OS_AUTH_TOKEN: "t", OS_PROJECT_ID: PID, OS_CACERT: "/corp/ca.pem" };
    const result = withTrust(loadConfig(env, ["--http", "8080"]), [missing]);
    expect(result).toMatchObject({ kind: "unconfigured", settings: { http: "8080" } });
  });
});

describe("reading the files", () => {
  it("takes a clouds.yaml path from that file's folder, ~ from home, a variable's from the cwd", async () => {
    const home = join(scratch, "home");
    mkdirSync(join(home, ".config", "openstack"), { recursive: true });
    writeFileSync(join(home, ".config", "openstack", "ca.pem"), "x");
    const [fromClouds, fromHome] = await readCaFiles(
      [
        { ...osCacert, path: "ca.pem", relativeTo: "~/.config/openstack" },
        { ...osCacert, path: "~/.config/openstack/ca.pem" },
      ],
      home,
    );
    expect(fromClouds?.path).toBe(join(home, ".config", "openstack", "ca.pem"));
    expect(fromClouds?.file).toEqual({ text: "x" });
    expect(fromHome?.path).toBe(fromClouds?.path);
    const [relative] = await readCaFiles([{ ...osCacert, path: "corp.pem" }], home);
    expect(relative?.path).toBe(join(process.cwd(), "corp.pem"));
  });

  it("reads only a regular file of at most 1 MiB, and says so for a CA file", async () => {
    const what = "a CA certificate file";
    expect(await readConfigFile(scratch, what)).toEqual({
      error: "is not a regular file (it is a directory), so it is not read",
    });
    const big = join(scratch, "big.pem");
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 65));
    expect(await readConfigFile(big, what)).toEqual({
      error: "is larger than 1 MiB, too large for a CA certificate file, so it is not read",
    });
    const [missing] = await readCaFiles([{ ...osCacert, path: join(scratch, "none.pem") }]);
    expect(missing?.file).toEqual({ error: "cannot be read (ENOENT)" });
  });
});
