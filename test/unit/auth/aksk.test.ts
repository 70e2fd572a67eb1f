import { describe, expect, it } from "vitest";
import {
  akskAuthenticator,
  authorization,
  canonicalRequest,
  sdkDate,
} from "../../../src/auth/aksk.js";
import { percentEncode } from "../../../src/http/query.js";

const HOST = "https://example.huaweicloud.com";

describe("SDK-HMAC-SHA256 signing", () => {
  it("reproduces the published GET test vector", () => {
    const value = authorization(
      {
        method: "GET",
        url: new URL(`${HOST}/path?limit=1`),
        headers: { "X-Sdk-Date": "20060102T150405Z" },
        body: "",
        signedHeaders: ["x-sdk-date"],
      },
      "AccessKey",
      "SecretKey",
    );
    expect(value).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
    );
  });

  it("reproduces the published POST test vector", () => {
    const value = authorization(
      {
        method: "POST",
        url: new URL(`${HOST}/path?key=value`),
        headers: { "X-Sdk-Date": "20060102T150405Z" },
        body: '{"Name":"test","Id":1}\n',
        signedHeaders: ["x-sdk-date"],
      },
      "AccessKey",
      "SecretKey",
    );
    expect(value).toContain(
      "Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
    );
  });

  it("builds the canonical request: trailing slash, sorted encoded query, empty-body hash", () => {
    const text = canonicalRequest({
      method: "get",
      url: new URL(
        `${HOST}/v1/abc/task-center/failure-jobs?resource_name=prod%20db&b=%C3%A4&a=x%2Fy%3F&limit=5`,
      ),
      headers: { Host: "example.huaweicloud.com", "X-Sdk-Date": "20260101T000000Z" },
      body: "",
      signedHeaders: ["x-sdk-date", "host"],
    });
    expect(text.split("\n")).toEqual([
      "GET",
      "/v1/abc/task-center/failure-jobs/",
      "a=x%2Fy%3F&b=%C3%A4&limit=5&resource_name=prod%20db",
      "host:example.huaweicloud.com",
      "x-sdk-date:20260101T000000Z",
      "",
      "host;x-sdk-date",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ]);
  });

  it("keeps an existing trailing slash and encodes reserved characters", () => {
    expect(
      canonicalRequest({
        method: "GET",
        url: new URL(`${HOST}/a/b/`),
        headers: { "x-sdk-date": "d" },
        body: "",
        signedHeaders: ["x-sdk-date"],
      }).split("\n")[1],
    ).toBe("/a/b/");
    expect(percentEncode("a b+c*d'(e)!~._-")).toBe("a%20b%2Bc%2Ad%27%28e%29%21~._-");
    expect(percentEncode("数据")).toBe("%E6%95%B0%E6%8D%AE");
  });

  it("formats X-Sdk-Date in UTC", () => {
    expect(sdkDate(new Date("2006-01-02T15:04:05.999Z"))).toBe("20060102T150405Z");
  });

  it("signs host, x-sdk-date, x-project-id and x-security-token", async () => {
    const auth = akskAuthenticator({
      accessKey: "AK",
      secretKey: "SK",
      securityToken: "temp-token",
      now: () => new Date("2026-11-27T10:00:00Z"),
    });
    const headers = await auth.authorize({
      method: "GET",
      url: new URL(
        "https://sdrs.eu-de.otc.t-systems.com/v1/0605767e1f00d4b72f1ec0127a5e6a5b/server-groups?limit=1",
      ),
      headers: { accept: "application/json" },
      body: "",
    });
    expect(headers).toMatchObject({
      host: "sdrs.eu-de.otc.t-systems.com",
      "x-sdk-date": "20261127T100000Z",
      "x-project-id": "0605767e1f00d4b72f1ec0127a5e6a5b",
      "x-security-token": "temp-token",
    });
    expect(headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(auth.invalidate()).toBe(false);
  });
});
