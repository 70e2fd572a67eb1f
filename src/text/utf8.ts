/** Decoding UTF-8: the one way sdrs-mcp reads a body's bytes as text. */

/**
 * The UTF-8 text of `bytes`, exactly as `Buffer#toString("utf8")` reads it (a byte-order mark
 * kept, each malformed sequence one U+FFFD: test/unit/text/utf8.test.ts holds the two
 * equal for any bytes). A streaming TextDecoder, which Node runs on ICU, decodes a page of
 * non-Latin text about twice as fast as Buffer#toString (Node 20); in one call, so the text is
 * one flat string, not pieces to be joined by the first search.
 */
export function utf8Text(bytes: Uint8Array): string {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}
