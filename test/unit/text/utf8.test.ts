/** utf8Text, the decoding of every body: the text Buffer#toString reads, for any bytes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Text } from "../../../src/text/utf8.js";

describe("utf8Text", () => {
  /** Bytes where UTF-8 goes wrong: lead bytes, continuations, overlongs, surrogates, BOM, ASCII. */
  const edgeByte = fc.constantFrom(
    0x00,
    0x22,
    0x41,
    0x5c,
    0x7f,
    0x80,
    0x8f,
    0x9f,
    0xa0,
    0xbf,
    0xc0,
    0xc1,
    0xc2,
    0xdf,
    0xe0,
    0xe1,
    0xed,
    0xee,
    0xef,
    0xbb,
    0xf0,
    0xf1,
    0xf4,
    0xf5,
    0xf8,
    0xfe,
    0xff,
  );
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.array(edgeByte, { maxLength: 64 }).map((b) => Uint8Array.from(b)),
    fc.string({ unit: "grapheme", maxLength: 24 }).map((s) => Uint8Array.from(Buffer.from(s))),
  );

  it("reads any bytes as Buffer#toString reads them", () => {
    fc.assert(
      fc.property(fc.array(bytes, { maxLength: 6 }), fc.boolean(), (parts, bom) => {
        const whole = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), ...parts]);
        expect(utf8Text(whole)).toBe(whole.toString("utf8"));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps a byte-order mark and ends in a cut character", () => {
    const text = '\ufeff{"a":"数据库 😀"}';
    expect(utf8Text(Buffer.from(text))).toBe(text);
    expect(utf8Text(Buffer.from(text).subarray(0, 11))).toBe(`${text.slice(0, 7)}\ufffd`);
  });
});
