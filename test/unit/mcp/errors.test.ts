/**
 * What an error tells the user to do next: a rejected token is expired or revoked (renew,
 * restart, or use something lasting); rejected keys are checked; a refused certificate is named
 * as one, never as a proxy that is down.
 */
import { describe, expect, it } from "vitest";
import { describeError } from "../../../src/mcp/errors.js";
import { SdrsError, type SdrsErrorDetails } from "../../../src/sdrs/errors.js";

const request = { method: "GET", path: "/v1/p/task-center/failure-jobs" };
const error = (details: Partial<SdrsErrorDetails>) =>
  describeError(new SdrsError({ kind: "http", ...request, ...details }));

describe("a 401 from SDRS", () => {
  it("for a fixed token: expired or revoked, how to get a new one, restart, what lasts", () => {
    const text = error({
      status: 401,
      code: "APIG.0307",
      upstreamMessage: "The token must be updated.",
      quoted: true,
      credential: "token",
    });
    expect(text).toBe(
      'HTTP 401 APIG.0307: "The token must be updated." (GET /v1/p/task-center/failure-jobs). ' +
        "SDRS rejected the IAM token: it has expired (IAM tokens are valid 24 hours) or was revoked. " +
        'Get a new one with `openstack token issue -f value -c id` (valid 24 hours), put it in OS_AUTH_TOKEN (setting "IAM token (quick try)") ' +
        "or in the clouds.yaml entry as auth.token, then restart sdrs-mcp: it reads the token at start " +
        "(an MCP Bundle restarts when its settings change). For a setup that lasts, use an access key pair instead " +
        '(OS_ACCESS_KEY (setting "Access key (AK)") and OS_SECRET_KEY (setting "Secret key (SK)"); an MCP Bundle keeps them in the system keychain) ' +
        'or a clouds.yaml entry (OS_CLOUD (setting "clouds.yaml entry")).',
    );
  });

  it("for AK/SK: the keys are checked, not renewed", () => {
    const text = error({ status: 401, credential: "aksk" });
    expect(text).toContain("SDRS did not accept the access key pair");
    expect(text).not.toContain("openstack token issue");
  });

  it("without knowing the credentials: the general advice, settings named by title", () => {
    expect(error({ status: 401 })).toContain(
      'renew OS_AUTH_TOKEN (setting "IAM token (quick try)")',
    );
  });
});

describe("a connection that failed", () => {
  it("names a refused certificate as one, with the proxy as a possible re-signer", () => {
    const text = describeError(
      new SdrsError({
        kind: "certificate",
        ...request,
        upstreamMessage: "the certificate of sdrs.eu-de.otc.t-systems.com could not be verified",
        certificateReason: "SELF_SIGNED_CERT_IN_CHAIN",
        proxy: "proxy.corp:3128",
      }),
    );
    expect(text).toMatch(/^TLS: the certificate of sdrs\.eu-de\.otc\.t-systems\.com could not/);
    expect(text).toContain("via proxy proxy.corp:3128");
    expect(text).toContain("a proxy that inspects TLS presents certificates of its own CA");
    expect(text).toContain('set OS_CACERT (setting "CA certificate file")');
    expect(text).not.toContain("proxy is up");
  });

  it("says what an expired certificate or one for another host means", () => {
    const expired = { kind: "certificate" as const, certificateReason: "CERT_HAS_EXPIRED" };
    expect(error(expired)).toContain("outside its validity period: check the computer's clock");
    const named = {
      kind: "certificate" as const,
      certificateReason: "ERR_TLS_CERT_ALTNAME_INVALID",
    };
    expect(error(named)).toContain(
      'The certificate is for another host: check SDRS_ENDPOINT (setting "SDRS endpoint")',
    );
  });

  it("through a proxy that could not carry it: the proxy and the settings by title", () => {
    const text = error({ kind: "network", upstreamMessage: "ECONNREFUSED", proxy: "p:3128" });
    expect(text).toContain(
      'Could not reach SDRS through the proxy p:3128: check that the proxy is up and lets this host through (HTTPS_PROXY (setting "HTTPS proxy") / HTTP_PROXY, NO_PROXY (setting "No proxy"))',
    );
  });
});
