import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allSecretForms } from "../../../src/auth/secret-forms.js";
import {
  jsonMayHoldSecret,
  scrubDeep,
  scrubText,
  withoutUserInfo,
} from "../../../src/text/secrets.js";

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

describe("deciding on a JSON text whether it may hold a credential", () => {
  const secret = 'tok/en+"with\\specials-0123';
  const secrets = allSecretForms([secret]);
  /** Every string of a parsed JSON value, keys included. */
  const strings = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === "object"
          ? Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
          : [];
  /** JSON text of `value`, some characters spelled with `\u` escapes and `/` as `\/`. */
  const spelled = (value: unknown, escapeEvery: number, slashes: boolean) => {
    let text = JSON.stringify(value);
    if (slashes) text = text.replaceAll("/", "\\/");
    if (escapeEvery > 0) {
      let n = 0;
      text = text.replace(/[A-Za-z0-9]/g, (c) =>
        ++n % escapeEvery === 0 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c,
      );
    }
    return text;
  };
  const word = fc.oneof(
    fc.string(),
    fc.constantFrom(secret, `x ${secret} y`, "X-Auth-Token: abcdef", `MII${"Ab".repeat(15)}`),
    fc.constantFrom("Signature=0123456789abcdef01", "卷状态异常 😀", 'a"b\\c\nd'),
    fc.constantFrom("see https://u:p@host/v3", 'proxy "http://a:b@x" refused', "http://x\n@y"),
  );
  const doc = fc.dictionary(word, fc.oneof(word, fc.array(word), fc.integer()));

  it("says no only when no string of the document holds one", () => {
    fc.assert(
      fc.property(doc, fc.nat(5), fc.boolean(), (value, escapeEvery, slashes) => {
        const text = spelled(value, escapeEvery, slashes);
        if (jsonMayHoldSecret(text, secrets)) return;
        expect(scrubText(text, secrets)).toBe(text);
        for (const s of strings(JSON.parse(text))) expect(scrubText(s, secrets)).toBe(s);
        expect(scrubDeep(JSON.parse(text), secrets)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("says no to an ordinary page, so the page is neither walked nor copied", () => {
    const page = JSON.stringify({
      count: 1,
      failure_jobs: [{ job_id: "j1", fail_reason: 'volume "vol-1" is error\n卷状态异常 😀' }],
    });
    expect(jsonMayHoldSecret(page, secrets)).toBe(false);
    expect(scrubText(page, secrets)).toBe(page);
  });

  it("says yes to a credential in any spelling, a key, or a token shape", () => {
    const doc = (value: unknown) => JSON.stringify({ a: value });
    for (const text of [
      doc(`x ${secret}`),
      JSON.stringify({ [secret]: 1 }),
      doc(`x ${secret}`).replaceAll("/", "\\/"),
      doc("t\\u006fk"),
      doc("X-Auth-Token: a"),
      doc("x-subject-token=abc"),
      doc(`MII${"A".repeat(20)}`),
      doc("Signature=0123456789abcdef"),
      doc("via https://user:pw@proxy:3128 refused"),
    ]) {
      expect(jsonMayHoldSecret(text, secrets), text).toBe(true);
    }
  });
});
