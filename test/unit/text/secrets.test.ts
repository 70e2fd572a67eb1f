import { describe, expect, it } from "vitest";
import { scrubDeep, scrubText, withoutUserInfo } from "../../../src/text/secrets.js";

describe("scrubbing credentials", () => {
  it("replaces known secrets and token-shaped strings anywhere in a value", () => {
    const value = {
      text: "token abc-secret-123 rejected",
      nested: [{ note: 'X-Auth-Token: "zzzz"' }, "Signature=0123456789abcdef0123"],
      pki: `MII${"A".repeat(40)}`,
      count: 3,
    };
    expect(scrubDeep(value, ["abc-secret-123"])).toEqual({
      text: "token [redacted] rejected",
      // A value shorter than "[redacted]" is masked with at most three stars instead.
      nested: [{ note: 'X-Auth-Token: "***"' }, "Signature=[redacted]"],
      pki: "[redacted]",
      count: 3,
    });
  });

  it("never makes a text longer, so a result inside the output budget stays inside it", () => {
    for (const secret of ["abcd", "abcdefghi", "abcdefghij", 'p"\\w']) {
      const text = `${secret} X-Auth-Token:a X-Auth-Token:abcdef ${secret}${secret}`;
      const scrubbed = scrubText(text, [secret]);
      expect(scrubbed).not.toContain(secret);
      expect(scrubbed.length).toBeLessThanOrEqual(text.length);
      expect(JSON.stringify(scrubbed).length).toBeLessThanOrEqual(JSON.stringify(text).length);
    }
    expect(scrubText("pw abcd", ["abcd"])).toBe("pw ***");
  });

  it("finds a secret that JSON escapes", () => {
    const secret = 'pa"ss\\word';
    expect(scrubDeep({ a: `x ${secret} y` }, [secret])).toEqual({ a: "x [redacted] y" });
  });

  it("returns a clean value as it is", () => {
    const value = { a: "nothing here", b: [1, 2] };
    expect(scrubDeep(value, ["secret-value"])).toBe(value);
    expect(scrubText("short", ["abc"])).toBe("short");
  });
});

describe("URL user info", () => {
  it("hides what stands between :// and the last @ of the URL, whether it parses or not", () => {
    expect(withoutUserInfo("https://u:p@host/v3")).toBe("https://…@host/v3");
    expect(withoutUserInfo("https://u:pa/ss#w?rd@host/v3")).toBe("https://…@host/v3");
    expect(withoutUserInfo("https://u:p@ss@host")).toBe("https://…@host");
    expect(withoutUserInfo('see "http://a:b@x" and http://c:d@y, or https://z/p')).toBe(
      'see "http://…@x" and http://…@y, or https://z/p',
    );
    expect(withoutUserInfo("https://host/v3")).toBe("https://host/v3");
    expect(withoutUserInfo("https://@host")).toBe("https://@host");
    expect(withoutUserInfo("no url at all: a@b")).toBe("no url at all: a@b");
  });

  it("is scrubbed from every output, and never makes a text longer", () => {
    const text = "proxy http://user:hunter2@proxy:3128 refused";
    expect(scrubText(text, [])).toBe("proxy http://…@proxy:3128 refused");
    expect(scrubDeep({ a: [text] }, [])).toEqual({ a: ["proxy http://…@proxy:3128 refused"] });
    expect(withoutUserInfo("https://a@b").length).toBeLessThanOrEqual("https://a@b".length);
  });

  it("takes time linear in the text, however many :// and @ it holds", () => {
    const text = `${"://@".repeat(100_000)}${"a".repeat(100_000)}`;
    expect(withoutUserInfo(text).length).toBeLessThanOrEqual(text.length);
    const many = "http://x ".repeat(50_000);
    expect(withoutUserInfo(many)).toBe(many);
  });
});
