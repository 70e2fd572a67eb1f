/**
 * Upstream text (fail_reason, error messages, names) is data from another system that reaches a
 * model. cleanText cuts it first (so the work is bounded by windows, never by the input: only
 * indexOf looks at the whole, for where the innermost cause of a chain sits),
 * strips what a person cannot see but a model reads (control, bidi and every format character,
 * the tag block, lone surrogates), and shortens it keeping what failed and why: for an exception
 * chain (root-cause.ts) its first line and its innermost cause, frames dropped first; for text of
 * no known shape its beginning and its end. `…` marks every cut. Every pattern here is linear in
 * its input.
 */
import {
  type Cause,
  type Chain,
  causeAnchors,
  ELLIPSIS,
  findChain,
  LINE_BREAK,
  NOT_FLAT,
} from "./root-cause.js";

export { ELLIPSIS };

/**
 * Control and format characters (bidi, zero-width, U+00AD, U+061C, U+180E, U+2060, U+FFF9-FFFB,
 * tags), except the line breaks and tabs that give a stack trace its shape (flatten makes them
 * spaces), and lone surrogates: with the u flag a surrogate pair is one code point, so the
 * surrogate range matches only a half without its other half. One pass finds them all.
 */
const HIDDEN = /(?![\t\n\v\f\r\u0085])[\p{Cc}\p{Cf}\u{E0000}-\u{E007F}\uD800-\uDFFF]/gu;
/** Runs of white space and of the breaks left by HIDDEN: they become one space, not nothing. */
const SPACES = /[\s\u0085]+/g;
/** What HIDDEN may find: without any, the text is left as it is. */
const MAYBE_HIDDEN = /[^\x20-\x7e\t\n\r]/;
/** Printable ASCII words separated by single spaces: nothing to strip, the common case. */
const PLAIN = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;
/** Share of a shortened text given to its beginning; the rest (and the root cause) is its end. */
const HEAD_SHARE = 0.4;
/**
 * How much of each end of a huge text is read: this many times the length asked for, at most
 * WINDOW_SIDE. Generous, because the innermost cause of a Java chain is followed by its frames
 * (30 of them are ~3,000 characters); bounded, because every field of every row is cleaned.
 */
const WINDOW_PER_CHARACTER = 32;
const WINDOW_SIDE = 16_384;
/** A head cut shorter than this says nothing; the cause alone is kept instead. */
const MIN_HEAD = 16;
const GAP = ` ${ELLIPSIS} `;

export function cleanText(value: string, maxLength: number): string {
  return value.length <= maxLength && PLAIN.test(value) ? value : cleanCut(value, maxLength);
}

/**
 * cleanText of one value at any length, for a caller that tries several (the output budget
 * does): what does not depend on the length (hidden characters stripped, the text flattened,
 * its chain found) is done once; a value so long that each length cuts it first has the place
 * of its innermost cause found once.
 */
export function cleanerOf(value: string): (maxLength: number) => string {
  let plain: boolean | undefined;
  let text: string | undefined;
  let whole: string | undefined;
  let why: Why | undefined | null = null;
  let anchors: Anchors | undefined;
  return (maxLength) => {
    if (value.length <= maxLength) {
      plain ??= PLAIN.test(value);
      if (plain) return value;
    }
    if (value.length > 2 * windowSide(maxLength)) {
      anchors ??= causeAnchors(value);
      return cleanCut(value, maxLength, anchors);
    }
    text ??= unhide(value);
    whole ??= flatten(text);
    if (whole.length <= maxLength) return whole;
    if (why === null) {
      const chain = findChain(text);
      why = chain && whyOf(chain);
    }
    return why ? keepWhy(why, maxLength) : shortenMiddle(whole, maxLength);
  };
}

type Anchors = ReturnType<typeof causeAnchors>;

/**
 * cleanText without reuse: a value within the window read for `maxLength` whole, a longer one
 * cut around its `anchors` first (where its innermost cause sits; found here unless given).
 */
function cleanCut(value: string, maxLength: number, anchors?: Anchors): string {
  const text = unhide(cutFirst(value, maxLength, anchors));
  const whole = flatten(text);
  if (whole.length <= maxLength) return whole;
  const chain = findChain(text);
  return chain ? keepWhy(whyOf(chain), maxLength) : shortenMiddle(whole, maxLength);
}

/** How much of each end of a text is read to shorten it to `maxLength`. */
function windowSide(maxLength: number): number {
  return Math.max(2 * maxLength + 64, Math.min(WINDOW_SIDE, WINDOW_PER_CHARACTER * maxLength));
}

/**
 * Huge inputs keep only what can survive, before any pattern runs: a generous beginning and end,
 * and the same around the innermost cause wherever it sits (root-cause.ts finds it by indexOf:
 * Java's last `Caused by:` line and what follows it, Python's innermost exception before its
 * first chain link). A window never starts or ends inside a line when a line break is near: a
 * fragment of a frame must not be read as an exception line.
 */
function cutFirst(value: string, maxLength: number, anchors?: Anchors): string {
  const side = windowSide(maxLength);
  if (value.length <= 2 * side) return value;
  const { causeLine, linkEnd } = anchors ?? causeAnchors(value);
  const starts = [0, value.length - side];
  if (causeLine !== undefined) starts.push(causeLine);
  if (linkEnd !== undefined) starts.push(Math.max(0, linkEnd - side));
  starts.sort((a, b) => a - b);
  const kept: [number, number][] = [];
  for (const start of starts) {
    const end = Math.min(value.length, start + side);
    const last = kept.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else kept.push([start, end]);
  }
  const parts = kept.map(([start, end]) => value.slice(...wholeLines(value, start, end)));
  // A line of its own, so a trace cut here keeps its lines (root-cause.ts drops it as a frame).
  const cut = parts[0]?.includes("\n") ? `\n${ELLIPSIS}\n` : GAP;
  return parts.join(cut);
}

/**
 * The window [start, end) moved in to the nearest line starts: past the first line break of
 * its first half, back to the last one of its second half. Where none is that near, the
 * window stays as it is (one long line: what it holds matters more than where it starts).
 */
function wholeLines(value: string, start: number, end: number): [number, number] {
  const half = Math.floor((end - start) / 2);
  let from = start;
  if (start > 0 && !LINE_BREAK.test(value.charAt(start - 1))) {
    const found = value.slice(start, start + half).search(LINE_BREAK);
    if (found >= 0) from = start + found + 1;
  }
  let to = end;
  if (end < value.length && !LINE_BREAK.test(value.charAt(end))) {
    for (let i = end - 1; i >= end - half; i--) {
      if (LINE_BREAK.test(value.charAt(i))) {
        to = i;
        break;
      }
    }
  }
  return [from, to];
}

function unhide(value: string): string {
  return MAYBE_HIDDEN.test(value) ? value.replace(HIDDEN, "") : value;
}

/** One line of a text `unhide` cleaned: its breaks and runs of spaces become one space. */
function flatten(value: string): string {
  return (NOT_FLAT.test(value) ? value.replace(SPACES, " ") : value).trim();
}

/** What keepWhy needs of a chain, whatever the length: its parts flattened and rendered once. */
interface Why {
  what: string;
  root: ReturnType<typeof forms>;
  /** Every cause in its longest form, outermost first. */
  causes: string[];
  joiner: string;
  lead: string;
  trail: string;
}

function whyOf(chain: Chain): Why {
  const what = flatten(chain.what);
  const causes = chain.causes.map(forms);
  return {
    what,
    root: causes.at(-1) ?? forms({ label: "", type: "", message: "" }),
    causes: causes.map((c) => c.all[0] ?? ""),
    joiner: chain.joiner,
    lead: what || chain.cutBefore ? `${ELLIPSIS} ` : "",
    trail: chain.cutAfter ? ` ${ELLIPSIS}` : "",
  };
}

/**
 * What failed and the innermost cause, in the first of these that fits: the whole chain without
 * its frames; what failed and the innermost causes (outer ones dropped first); the innermost
 * cause with a shorter type, then with none; what failed cut at its end; the cause alone; the
 * cause cut in its own middle.
 */
function keepWhy({ what, root, causes: all, joiner, lead, trail }: Why, maxLength: number): string {
  // Room for everything before the trailing mark.
  const body = maxLength - trail.length;
  const fits = (s: string | undefined) => (s !== undefined && s.length <= body ? s : undefined);
  const withWhat = (why: string) => (what ? `${what}${GAP}${why}` : `${lead}${why}`);
  const causes = mostCauses(all, joiner, body - (what ? what.length + GAP.length : lead.length));
  const found =
    fits(causes === undefined ? undefined : withWhat(causes)) ??
    firstFit(root.all, (why) => fits(withWhat(why))) ??
    firstFit(root.cut, (why) => cutWhat(what, body, why)) ??
    fits(`${lead}${root.message}`);
  if (found !== undefined) return `${found}${trail}`;
  // The cause alone is longer than the field: its own middle goes.
  const marks = lead.trim() + trail.trim();
  if (maxLength - marks.length < 8) return shortenMiddle(root.message, maxLength);
  return `${lead.trim()}${shortenMiddle(root.message, maxLength - marks.length)}${trail.trim()}`;
}

function firstFit(
  candidates: readonly string[],
  render: (why: string) => string | undefined,
): string | undefined {
  for (const why of candidates) {
    const out = render(why);
    if (out !== undefined) return out;
  }
  return undefined;
}

/**
 * A cause's renderings, longest first (`all`): with its label and type, with the type's simple
 * name, without the label, its message alone. `cut`: the ones to keep beside a shortened head,
 * where the package of a type is worth less than the head's words.
 */
function forms(cause: Cause) {
  const message = flatten(cause.message);
  const type = flatten(cause.type);
  const label = flatten(cause.label);
  const simple = type.slice(type.lastIndexOf(".") + 1);
  const typed = (t: string, l: string) => [l, t ? `${t}: ${message}` : message].join(" ").trim();
  const all = [typed(type, label), typed(simple, label), typed(simple, ""), message];
  const unique = all.filter((s, i) => s !== "" && all.indexOf(s) === i);
  return { all: unique, cut: simple !== type ? unique.slice(1) : unique, message };
}

/** The innermost causes that fit in `room`, joined; undefined when not even one does. */
function mostCauses(causes: readonly string[], joiner: string, room: number): string | undefined {
  let used = -joiner.length;
  let from = causes.length;
  while (from > 0) {
    const next = used + joiner.length + (causes[from - 1] ?? "").length;
    if (next > room) break;
    used = next;
    from--;
  }
  return from < causes.length ? causes.slice(from).join(joiner) : undefined;
}

/** "what fai… why" in `length` characters: what failed cut at its end, if enough of it is left. */
function cutWhat(what: string, length: number, why: string): string | undefined {
  const room = length - why.length - 2;
  if (what === "" || room < MIN_HEAD) return undefined;
  const head = what
    .slice(0, room)
    .replace(/[\uD800-\uDBFF]$/, "")
    .trimEnd();
  return `${head}${ELLIPSIS} ${why}`;
}

/** Beginning … end, at most maxLength characters, never splitting a surrogate pair. */
export function shortenMiddle(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength < 2) return ELLIPSIS.slice(0, maxLength);
  const headLength = Math.floor((maxLength - 1) * HEAD_SHARE);
  const head = text.slice(0, headLength).replace(/[\uD800-\uDBFF]$/, "");
  const tail = text
    .slice(text.length - (maxLength - 1 - headLength))
    .replace(/^[\uDC00-\uDFFF]/, "");
  return `${head.trimEnd()}${ELLIPSIS}${tail.trimStart()}`;
}

/** Completion candidates: the values that start with what was typed, case-insensitively. */
export function startsWith(values: readonly string[], prefix: string | undefined): string[] {
  const p = (prefix ?? "").toLowerCase();
  return values.filter((v) => v.toLowerCase().startsWith(p));
}
