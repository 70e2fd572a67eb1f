/**
 * Where the why sits in a long upstream text. Real SDRS fail_reasons are exception chains: a
 * Java one says what failed on its first line and the innermost cause on its LAST `Caused by:`
 * line, each followed by stack frames (`\tat …`, `... 34 more`); a chained Python traceback
 * gives the innermost cause FIRST ("The above exception was the direct cause of the following
 * exception:") and what failed last; a Go error reads `outer: inner: root`. Java and Python
 * traces whose line breaks a logger turned into spaces are read too. findChain returns those
 * parts, without the frames, so a shortened text can keep what failed and why
 * (src/text/clean.ts). Text of no known shape gives undefined. causeAnchors says where the
 * innermost cause sits in a text too long to read whole, so that cutting it keeps the cause.
 *
 * Every scan here is indexOf or a loop over lines, each line looked at a bounded number of
 * times: linear in the text, whatever it holds (the caller cuts huge texts first, around the
 * places causeAnchors found by indexOf).
 */

export interface Cause {
  /** The words that introduce it in the text ("Caused by: "), kept while there is room. */
  label: string;
  /** The exception type (`java.util.concurrent.TimeoutException`); "" when the text has none. */
  type: string;
  /** Its message; the type itself when the exception has no message. Never "". */
  message: string;
}

export interface Chain {
  /** What failed: the first line (Java, Go) or the last exception line (Python); may be "". */
  what: string;
  /** The causes, outermost first: the last one is the innermost cause. Never empty. */
  causes: readonly Cause[];
  /** What stands between two causes kept side by side: " … " where frames were cut, or ": ". */
  joiner: string;
  /** Text before the first cause was dropped although `what` is empty (a traceback's frames). */
  cutBefore: boolean;
  /** Text after the innermost cause was dropped (its frames). */
  cutAfter: boolean;
}

/** Chains deeper than this keep their innermost causes (the outer ones would be cut first). */
const MAX_CAUSES = 16;
const CAUSED_BY = "Caused by: ";
const SUPPRESSED = "Suppressed: ";
const TRACEBACK = "Traceback (most recent call last):";
const PY_LINKS = new Set([
  "The above exception was the direct cause of the following exception:",
  "During handling of the above exception, another exception occurred:",
]);
/** Line breaks, as every reader of upstream text takes them. */
export const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/;
/** What marks every cut of upstream text (src/text/clean.ts). */
export const ELLIPSIS = "…";
/** A traceback header with more on its line: the traceback's line breaks became spaces. */
const FLAT_TRACEBACK = /^Traceback \(most recent call last\):[ \t]*\S/;
/** `File "/opt/x.py", line 12, in run`: a Python frame header, read where `File "` starts. */
const FRAME_AT = /File "[^"]*", line \d+, in \S+/y;
const FRAME_HEADER = /^File "[^"]*", line \d+, in /;
/** A word that may start an exception line: a dotted name and ":" (checked by readsAsType). */
const EXCEPTION_HEAD = /(?:^| )([A-Za-z_][\w.]*):(?= |$)/g;
/**
 * What folding white space would change: two spaces in a row, or any white space but the
 * space (JavaScript's \s and U+0085 spelled out, several times faster to look for than a
 * negated class). Text without it is already one line of single spaces.
 */
export const NOT_FLAT =
  /[\t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;
/** `... 34 more` (Java) and `... 34 common frames omitted` (logback). */
const MORE = /^\.\.\. \d+ (?:more|common frames omitted)/;
/** A Java exception type: a dotted name of identifier characters, nothing else. */
const TYPE_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*(?:[./][\p{L}_$][\p{L}\p{N}_$]*)*$/u;
/** Go: segments longer than this, or this many, are prose rather than a chain of wrappers. */
const GO_MAX_SEGMENT = 160;
const GO_MAX_SEGMENTS = 24;

export function findChain(text: string): Chain | undefined {
  return pythonChain(text) ?? javaChain(text) ?? goChain(text);
}

/**
 * Where the innermost cause sits in a text too long to read whole, so that a cut keeps it
 * whatever its position: `causeLine`, the start of the line of Java's last top-level
 * `Caused by:` (the cause follows it; in a trace without line breaks, the last `Caused by:`),
 * and `linkEnd`, the end of Python's first chain link (the innermost exception precedes it).
 * indexOf alone, and a look back over the spaces before each `Caused by:`: linear.
 */
export function causeAnchors(text: string): { causeLine?: number; linkEnd?: number } {
  const anchors: { causeLine?: number; linkEnd?: number } = {};
  const hasLines = LINE_BREAK.test(text);
  let topIndent = Number.POSITIVE_INFINITY;
  for (let at = text.indexOf(CAUSED_BY); at >= 0; at = text.indexOf(CAUSED_BY, at + 1)) {
    let lineStart = at;
    while (lineStart > 0 && (text[lineStart - 1] === " " || text[lineStart - 1] === "\t")) {
      lineStart--;
    }
    const startsLine = lineStart === 0 || LINE_BREAK.test(text.charAt(lineStart - 1));
    if (hasLines && !startsLine) continue; // quoted inside a line: not a cause of the chain
    const indent = hasLines ? at - lineStart : 0;
    if (indent <= topIndent) {
      topIndent = indent;
      anchors.causeLine = hasLines ? lineStart : at;
    }
  }
  const traceback = text.indexOf(TRACEBACK);
  if (traceback >= 0) {
    for (const link of PY_LINKS) {
      const at = text.indexOf(link, traceback);
      if (at >= 0 && at + link.length < (anchors.linkEnd ?? Number.POSITIVE_INFINITY)) {
        anchors.linkEnd = at + link.length;
      }
    }
  }
  return anchors;
}

/** "java.io.IOException: disk gone" -> type and message; text without a type is all message. */
function splitException(text: string, label = ""): Cause {
  const colon = text.indexOf(": ");
  const head = colon < 0 ? text.trim() : text.slice(0, colon);
  if (TYPE_NAME.test(head)) {
    const message = colon < 0 ? "" : text.slice(colon + 2).trim();
    return message ? { label, type: head, message } : { label, type: "", message: head };
  }
  return { label, type: "", message: text.trim() };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

// Java

/**
 * `at com.x.Y.run(Y.java:12)`, `at java.base/…invoke0(Native Method)`: a qualified name (it
 * has a dot) right before "(".
 */
function isFrame(trimmed: string): boolean {
  if (!trimmed.startsWith("at ")) return false;
  const space = trimmed.indexOf(" ", 3);
  const paren = trimmed.indexOf("(", 3);
  return paren > 3 && (space < 0 || paren < space) && trimmed.lastIndexOf(".", paren) > 3;
}

/**
 * One line per part of a trace that lost its line breaks (flattened by a logger): a break
 * before every `Caused by:`, `Suppressed:`, frame and `... N more`.
 */
function flatLines(text: string): string[] {
  const starts: number[] = [];
  for (const marker of [CAUSED_BY, SUPPRESSED, "... "]) {
    for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length)) {
      if (marker !== "... " || MORE.test(text.slice(i, i + 40))) starts.push(i);
    }
  }
  for (let i = text.indexOf(" at "); i >= 0; i = text.indexOf(" at ", i + 4)) {
    // Each check reads up to the next space, so the checks together read the text once.
    const space = text.indexOf(" ", i + 4);
    if (isFrame(text.slice(i + 1, space < 0 ? undefined : space + 1))) starts.push(i + 1);
  }
  starts.sort((a, b) => a - b);
  const lines: string[] = [];
  let from = 0;
  for (const start of starts) {
    if (start > from) lines.push(text.slice(from, start));
    from = Math.max(from, start);
  }
  lines.push(text.slice(from));
  return lines;
}

type JavaPart = "head" | "message" | "dropped";

/**
 * The top-level chain only: a `Suppressed:` exception (indented under the one it belongs to)
 * and the causes printed under it are left out. Without line breaks the indentation is gone,
 * so a `Caused by:` after a `Suppressed:` block counts as the main chain's.
 */
function javaChain(text: string): Chain | undefined {
  const lines = LINE_BREAK.test(text)
    ? text.split(LINE_BREAK)
    : flatLines(NOT_FLAT.test(text) ? text.replace(/\s+/g, " ") : text);
  let topIndent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trimStart().startsWith(CAUSED_BY)) topIndent = Math.min(topIndent, indentOf(line));
  }
  const head: string[] = [];
  const causes: string[][] = [];
  let part: JavaPart = "head";
  let framesSeen = false;
  let cutAfter = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith(CAUSED_BY) && indentOf(line) === topIndent) {
      causes.push([trimmed.slice(CAUSED_BY.length)]);
      if (causes.length > MAX_CAUSES) causes.shift();
      part = "message";
      cutAfter = false;
    } else if (
      trimmed.startsWith(CAUSED_BY) ||
      trimmed.startsWith(SUPPRESSED) ||
      isFrame(trimmed) ||
      MORE.test(trimmed) ||
      trimmed === "…"
    ) {
      framesSeen = true;
      part = "dropped";
      cutAfter = true;
    } else if (part === "head") {
      head.push(trimmed);
    } else if (part === "message") {
      causes.at(-1)?.push(trimmed);
    } else {
      cutAfter = true; // a line among frames: dropped with them
    }
  }
  if (!framesSeen && causes.length === 0) return undefined;
  const what = head.join(" ");
  if (causes.length === 0) {
    // Frames but no cause: the first line is both what failed and why.
    if (what === "") return undefined;
    return { what: "", causes: [splitException(what)], joiner: " … ", cutBefore: false, cutAfter };
  }
  return {
    what,
    causes: causes.map((lines) => splitException(lines.join(" "), CAUSED_BY)),
    joiner: " … ",
    cutBefore: false,
    cutAfter,
  };
}

// Python

/**
 * Each traceback's exception lines, in the order printed: the innermost cause is the first
 * traceback's, what failed the last one's. Frames (`  File "…", line N, in f` and the indented
 * source and caret lines under them) are the indented lines before an exception line. Where a
 * long text was cut (a line "…"), what follows may belong to a later traceback whose header was
 * cut out: after a cut between tracebacks, or a frame after a cut inside one, a new traceback
 * starts, so that a fragment of frames is never read as an exception.
 */
function pythonChain(text: string): Chain | undefined {
  const first = text.indexOf(TRACEBACK);
  if (first < 0) return undefined;
  const prefix = text.slice(0, first).trim();
  const rest = text.slice(first);
  const blocks: string[][] = [];
  let block: string[] | undefined;
  let ended = false; // the current exception ended at a blank line
  let cut = false; // a cut since the current traceback started
  let cutAfter = false;
  const start = () => {
    block = [];
    blocks.push(block);
    if (blocks.length > MAX_CAUSES + 1) blocks.splice(1, 1); // keep the innermost and the last
    ended = false;
    cut = false;
    cutAfter = false;
  };
  const lines = FLAT_TRACEBACK.test(rest) ? flatPythonLines(rest) : rest.split(LINE_BREAK);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith(TRACEBACK)) {
      start();
    } else if (PY_LINKS.has(trimmed)) {
      block = undefined;
    } else if (trimmed === ELLIPSIS) {
      if (block) cut = true;
      else start();
      cutAfter = true;
    } else if (!block) {
      cutAfter = true; // between tracebacks
    } else if (trimmed === "") {
      if (block.length > 0) ended = true;
    } else if (cut && FRAME_HEADER.test(trimmed)) {
      start();
      cutAfter = true;
    } else if (ended || (block.length === 0 && indentOf(line) > 0)) {
      cutAfter = true; // a frame, or text after the exception
    } else {
      block.push(trimmed);
      cutAfter = false;
    }
  }
  const exceptions = blocks.filter((b) => b.length > 0).map((b) => b.join(" "));
  const last = exceptions.at(-1);
  if (last === undefined) return undefined;
  if (exceptions.length === 1) {
    return {
      what: prefix,
      causes: [splitException(last)],
      joiner: " … ",
      cutBefore: prefix === "",
      cutAfter,
    };
  }
  return {
    what: prefix ? `${prefix} ${last}` : last,
    causes: exceptions
      .slice(0, -1)
      .reverse()
      .map((e) => splitException(e)),
    joiner: " … ",
    cutBefore: false,
    cutAfter: false,
  };
}

/**
 * The lines of a traceback whose line breaks became spaces (as some log pipelines write it),
 * rebuilt from its markers: every traceback header, chain link, cut ("…") and frame header
 * (`File "…", line N, in f`) starts a line. The text after a traceback's last frame holds that
 * frame's source line and then the exception: the exception starts at the first word that
 * reads as an exception type followed by ":" (`sdrs_driver.errors.DriverError:`), else it is
 * the last word when that reads as a type (an exception without a message), else all of it.
 * Each marker is found by indexOf and checked within its own few characters: linear.
 */
function flatPythonLines(text: string): string[] {
  const flat = text.replace(/\s+/g, " ");
  const marks: { at: number; end: number; kind: "traceback" | "link" | "cut" | "frame" }[] = [];
  const each = (marker: string, found: (at: number) => void) => {
    for (let at = flat.indexOf(marker); at >= 0; at = flat.indexOf(marker, at + marker.length)) {
      found(at);
    }
  };
  each(TRACEBACK, (at) => marks.push({ at, end: at + TRACEBACK.length, kind: "traceback" }));
  for (const link of PY_LINKS)
    each(link, (at) => marks.push({ at, end: at + link.length, kind: "link" }));
  each(ELLIPSIS, (at) => marks.push({ at, end: at + 1, kind: "cut" }));
  each('File "', (at) => {
    FRAME_AT.lastIndex = at;
    if (FRAME_AT.test(flat)) marks.push({ at, end: FRAME_AT.lastIndex, kind: "frame" });
  });
  marks.sort((a, b) => a.at - b.at);
  // A marker inside another ("…" in a frame's file name) is text.
  const kept: typeof marks = [];
  for (const mark of marks) {
    if (mark.at >= (kept.at(-1)?.end ?? 0)) kept.push(mark);
  }
  const lines: string[] = [];
  for (const [i, mark] of kept.entries()) {
    const next = kept[i + 1];
    const after = flat.slice(mark.end, next?.at).trim();
    if (mark.kind === "frame") lines.push(`  ${flat.slice(mark.at, mark.end)}`);
    else if (mark.kind === "cut") lines.push(ELLIPSIS);
    else lines.push(flat.slice(mark.at, mark.end), "");
    if (after === "") continue;
    // Text before another frame (or a cut) is source; before anything else it ends with the
    // exception.
    if (next?.kind === "frame" || (next?.kind === "cut" && mark.kind !== "cut")) {
      lines.push(`    ${after}`);
    } else {
      const exception = exceptionStart(after);
      if (exception > 0) lines.push(`    ${after.slice(0, exception)}`);
      lines.push(after.slice(exception));
    }
  }
  return lines;
}

/** Where the exception starts in a frame's source line followed by the exception (see above). */
function exceptionStart(text: string): number {
  EXCEPTION_HEAD.lastIndex = 0;
  for (let found = EXCEPTION_HEAD.exec(text); found; found = EXCEPTION_HEAD.exec(text)) {
    const type = found[1] ?? "";
    if (readsAsType(type)) return found.index + (found[0].length - type.length - 1);
  }
  const space = text.lastIndexOf(" ");
  return space >= 0 && readsAsType(text.slice(space + 1)) ? space + 1 : 0;
}

/** `ValueError`, `socket.timeout`: dotted, or a capitalised class name; `else`, `ok` are not. */
function readsAsType(word: string): boolean {
  return /^[A-Za-z_][\w.]*$/.test(word) && (word.includes(".") || /^_*[A-Z]/.test(word));
}

// Go

/**
 * `create pair: attach volume: Post "https://…": dial tcp 10.0.0.1:443: connect: connection
 * refused`: wrappers joined by ": ". Only ": " splits (URLs, times and ports have no space after
 * their colon), only one line, at least three segments, and every wrapper short and free of
 * what lists and documents have (", ", "; ", braces): "status: error, code: 500" is no chain.
 */
function goChain(text: string): Chain | undefined {
  const line = text.trim();
  if (LINE_BREAK.test(line)) return undefined;
  const segments: string[] = [];
  let from = 0;
  for (let i = line.indexOf(": "); i >= 0; i = line.indexOf(": ", from)) {
    const segment = line.slice(from, i);
    if (!isWrapper(segment)) return undefined;
    segments.push(segment);
    if (segments.length >= GO_MAX_SEGMENTS) return undefined;
    from = i + 2;
  }
  const root = line.slice(from).trim();
  if (segments.length < 2 || root === "") return undefined;
  const [what = "", ...wrappers] = segments;
  return {
    what,
    causes: [...wrappers, root].map((message) => ({ label: "", type: "", message })),
    joiner: ": ",
    cutBefore: false,
    cutAfter: false,
  };
}

function isWrapper(segment: string): boolean {
  return (
    segment.trim() !== "" &&
    segment.length <= GO_MAX_SEGMENT &&
    !segment.includes(", ") &&
    !segment.includes("; ") &&
    !segment.includes("{") &&
    !segment.includes("}")
  );
}
