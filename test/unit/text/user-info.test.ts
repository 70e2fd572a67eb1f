/**
 * URL user info, whether the URL parses or not: a configuration value is one value (everything
 * from "://" to its last "@" is user info), free text hides a URL's user info whole even when
 * the password holds spaces or quotes. Configuration problems never quote a password, whatever
 * it holds and wherever the URL was set.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scrubDeep, withoutUserInfo } from "../../../src/text/secrets.js";
import {
  configWithUrl,
  NASTY_PASSWORDS,
  PASSWORD_MARK,
  problemsWithUrl,
  URL_SETTINGS,
  variableOf,
} from "../../helpers/user-info.js";

describe("withoutUserInfo in free text", () => {
  it("hides a password with a space, up to the last @ before the next URL or the line's end", () => {
    expect(withoutUserInfo("https://admin:hunter2 x/y@sdrs.example.com")).toBe(
      "https://…@sdrs.example.com",
    );
    expect(withoutUserInfo("GET https://a:p@ss word@host/x failed")).toBe(
      "GET https://…@host/x failed",
    );
    expect(withoutUserInfo('bad "https://a:p"q x@h/v3" here')).toBe('bad "https://…@h/v3" here');
    // A "://" inside the password starts no URL of its own.
    expect(withoutUserInfo("https://u:a://b c@host")).toBe("https://…@host");
    // A password that ends before another URL: hidden up to that URL's own user info.
    expect(withoutUserInfo("https://u:pw http://x@host")).toBe("https://…@host");
  });

  it("leaves a plain URL and the prose after it alone", () => {
    for (const text of [
      "https://sdrs.example.com/v1/x failed at com.huawei.Foo@1a2b",
      "http://localhost:8080/x failed at com.huawei.Foo@1a2b",
      "https://[::1]:8443 refused; ask ops@example.com",
      "https://host/x\nadmin@example.com",
    ]) {
      expect(withoutUserInfo(text)).toBe(text);
    }
  });

  it("is the same once more: an answer already redacted stays as it is", () => {
    const once = withoutUserInfo('OS_AUTH_URL "https://a:pw two/x@iam.example.com/v3" is bad');
    expect(once).toBe('OS_AUTH_URL "https://…@iam.example.com/v3" is bad');
    expect(withoutUserInfo(once)).toBe(once);
  });
});

describe("scrubDeep", () => {
  it("finds user info on a later line of a string, although its JSON joins the lines", () => {
    const value = { message: "https://sdrs.example.com/a\nhttps://u:hunter2 x@proxy.example" };
    expect(scrubDeep(value, [])).toEqual({
      message: "https://sdrs.example.com/a\nhttps://…@proxy.example",
    });
  });
});

describe("withoutUserInfo of a configuration value", () => {
  it("hides everything from :// to the value's last @, and all before the @ without a scheme", () => {
    expect(withoutUserInfo("https://admin:hunter2 x/y@sdrs.example.com/v1", "value")).toBe(
      "https://…@sdrs.example.com/v1",
    );
    expect(withoutUserInfo("admin:pw x@proxy:3128", "value")).toBe("…@proxy:3128");
    expect(withoutUserInfo("https://sdrs.example.com/v1", "value")).toBe(
      "https://sdrs.example.com/v1",
    );
    expect(withoutUserInfo("https://@host", "value")).toBe("https://@host");
  });
});

describe("configuration problems quote no password", () => {
  it.each(URL_SETTINGS)(
    "%s: passwords with a space, #, /, ?, @, percent, quotes, unicode",
    (where) => {
      for (const password of NASTY_PASSWORDS) {
        const url = `https://admin:${password}@host.example.com/v3`;
        const result = configWithUrl(where, url);
        // A proxy URL that parses is used (its password is then a secret scrubbed everywhere).
        if (where !== "HTTPS_PROXY") expect(result.kind, password).toBe("unconfigured");
        const problems = problemsWithUrl(where, url);
        if (result.kind === "unconfigured") expect(problems, password).toContain(variableOf(where));
        expect(problems, password).not.toContain(PASSWORD_MARK);
      }
    },
  );

  it("a URL that does not parse is quoted without its user info", () => {
    const url = "https://admin:hunter2 x#y/z@host.example.com";
    for (const where of ["SDRS_ENDPOINT", "OS_AUTH_URL", "clouds.yaml auth_url"] as const) {
      expect(problemsWithUrl(where, url)).toContain('"https://…@host.example.com" is not a URL');
    }
  });

  it("any password in scheme://user:PASSWORD@host/path never appears (property)", () => {
    const part = fc.string({ unit: "grapheme", maxLength: 12 });
    fc.assert(
      fc.property(
        fc.constantFrom(...URL_SETTINGS),
        fc.constantFrom("https", "http", "ftp"),
        part,
        part,
        part,
        (where, scheme, user, a, b) => {
          // Marks at its start, middle and end: no part of it may be shown.
          const password = `Zq9${a}Qx7${b}Jw5`;
          const problems = problemsWithUrl(where, `${scheme}://${user}:${password}@host.example/p`);
          for (const mark of ["Zq9", "Qx7", "Jw5"]) expect(problems).not.toContain(mark);
          expect(problems).not.toContain(password);
        },
      ),
      { numRuns: 400 },
    );
  });
});
