import { describe, expect, it } from "vitest";
import { cleanerOf, cleanText, ELLIPSIS, shortenMiddle } from "../../../src/text/clean.js";

describe("cleanText", () => {
  it("leaves plain text alone", () => {
    expect(cleanText("SDRS.1030 failed", 100)).toBe("SDRS.1030 failed");
  });

  it("keeps the beginning and the end of a long text of no known shape, with … between", () => {
    const text = `SdrsFailoverTask-fail: ${"replication is slow, retrying in 30 s; ".repeat(50)}wait for volume status [available] timed out after 600000 ms; last status [creating]`;
    const short = cleanText(text, 200);
    expect(short.length).toBeLessThanOrEqual(200);
    expect(short.startsWith("SdrsFailoverTask-fail: replication is slow")).toBe(true);
    expect(short.endsWith("timed out after 600000 ms; last status [creating]")).toBe(true);
    expect(short.split(ELLIPSIS)).toHaveLength(2);
  });

  it("keeps what failed and the innermost cause of a chain, without its frames", () => {
    const chain = `SdrsFailoverTask-fail: ${"at com.huawei.sdrs.Worker.run(Worker.java:42) ".repeat(50)}Caused by: wait for volume status [available] timed out after 600000 ms; last status [creating]`;
    expect(cleanText(chain, 200)).toBe(
      "SdrsFailoverTask-fail: … Caused by: wait for volume status [available] timed out after 600000 ms; last status [creating]",
    );
  });

  it("strips every format character, the tag block and the listed invisibles", () => {
    const invisible = [
      "\u00AD", // soft hyphen
      "\u061C", // Arabic letter mark
      "\u180E", // Mongolian vowel separator
      "\u200B\u200C\u200D\u200E\u200F", // zero width, LRM/RLM
      "\u202A\u202B\u202C\u202D\u202E", // bidi embeddings and overrides
      "\u2060\u2061\u2062\u2063\u2064", // word joiner, invisible operators
      "\u2066\u2067\u2068\u2069", // bidi isolates
      "\uFEFF", // BOM
      "\uFFF9\uFFFA\uFFFB", // interlinear annotation
      "\u{E0001}\u{E0020}\u{E0041}\u{E0049}\u{E007F}", // tag characters: text only a model reads
      "\u{E0000}\u{E0002}", // unassigned code points of the tag block
    ].join("");
    expect(cleanText(`ok${invisible}ay`, 100)).toBe("okay");
    // Every \p{Cf} character and the tag block, one by one, whatever plane.
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      if (!/\p{Cf}/u.test(c) && !(cp >= 0xe0000 && cp <= 0xe007f)) continue;
      expect(cleanText(`a${c}b`, 10), cp.toString(16)).toBe("ab");
    }
  });

  it("turns control characters between words into one space and drops the rest", () => {
    expect(cleanText("bad\u0000\u001b[31m\u202Ereason\nnext\tline\r\n", 100)).toBe(
      "bad[31mreason next line",
    );
    expect(cleanText("a\u2028b\u2029c\u0085d", 100)).toBe("a b c d");
  });

  it("never leaves half of a surrogate pair, at a cut or from the input", () => {
    const emoji = "😀".repeat(100);
    for (const max of [5, 6, 7, 50, 51]) {
      const short = cleanText(emoji, max);
      expect(short.length).toBeLessThanOrEqual(max);
      expect(short).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
    expect(cleanText("a\uD800b\uDC00c", 10)).toBe("abc");
    // Lone halves are found in the same pass as the format characters, pairs kept whole.
    expect(cleanText("\uDC00\uD800x\uD83D\uDE00\uD83D", 10)).toBe("x😀");
    expect(cleanText("é\uDBFF\u202E😀\uDFFF", 10)).toBe("é😀");
  });

  it("folds every kind of white space, though text already flat is not rewritten", () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      // (U+FEFF, white space to JavaScript, is a format character: stripped, not folded.)
      if ((!/\s/.test(c) && c !== "\u0085") || /\p{Cf}/u.test(c)) continue;
      expect(cleanText(`é${c}b`, 10), unit.toString(16)).toBe("é b");
      expect(cleanText(`é ${c}b`, 10), unit.toString(16)).toBe("é b");
    }
    expect(cleanText("é  b   c", 10)).toBe("é b c");
    const flat = "Ströme fließen — 卷状态异常 😀 ok";
    expect(cleanText(flat, 100)).toBe(flat);
  });

  it("cleans a value at several lengths as it cleans it at each one alone", () => {
    const values = [
      "plain ascii words",
      `SdrsFailoverTask-fail: ${"at com.huawei.sdrs.Worker.run(Worker.java:42) ".repeat(50)}Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out`,
      `Volumen »error« \u202E 卷状态异常 😀 ${"réplication interrompue; ".repeat(80)}`,
      `head ${"x".repeat(40_000)} tail`,
    ];
    for (const value of values) {
      const at = cleanerOf(value);
      for (const length of [6000, 1500, 600, 300, 160, 40, 1500, 160]) {
        expect(at(length)).toBe(cleanText(value, length));
      }
    }
  });

  it("cuts a huge input before cleaning it, keeping its two ends", () => {
    const huge = `start ${"\u202E<".repeat(500_000)} end`;
    const short = cleanText(huge, 100);
    expect(short.length).toBeLessThanOrEqual(100);
    expect(short.startsWith("start")).toBe(true);
    expect(short.endsWith("end")).toBe(true);
  });
});

describe("shortenMiddle", () => {
  it("fits any length, down to one character", () => {
    for (let max = 1; max < 12; max++) {
      expect(shortenMiddle("abcdefghijklmnop", max).length).toBeLessThanOrEqual(max);
    }
    expect(shortenMiddle("abcdefghij", 6)).toBe("ab…hij");
    expect(shortenMiddle("short", 10)).toBe("short");
  });
});
