/**
 * The why survives shortening. Generated Java, Python and Go chains of random depth, frame
 * counts and unicode messages, at random field lengths: the innermost cause message (or, when it
 * alone is longer than the field, its middle-cut form) is always in the output, the output fits
 * the field, and no frame survives once the text had to be cut. Then hostile 1 MiB texts shaped
 * to trip the chain readers, and a full page of real-shaped failures through the list tool's
 * answer: every row shown keeps its innermost cause.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reasonChainPage } from "../../bench/lib/reason-chains.mjs";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { buildFailurePageResult } from "../../src/format/failure-page.js";
import { REASON_LENGTHS } from "../../src/format/fields.js";
import { failureJobsPageSchema } from "../../src/sdrs/schemas.js";
import { cleanText, shortenMiddle } from "../../src/text/clean.js";
import { findChain } from "../../src/text/root-cause.js";
import { expectLinearGrowth } from "../helpers/growth.js";

/**
 * Letters of many scripts, digits, some punctuation, pairs of surrogates and characters the
 * cleaning strips; no space, colon, comma or bracket, so a message never forms a marker of the
 * shapes (a frame needs "(", a Go wrapper ": ").
 */
const ALPHABET = [
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_'»«!?/",
  ..."äöüßéèçñøåłžšÄÖÜ",
  ..."卷状态异常复制对请检查源端云硬盘ボリュームが異常状態",
  ..."שגיאהخطأ",
  "😀",
  "🚀",
  "👩‍💻",
  "\u200b",
  "\u202e",
  "\u00ad",
];
const word = fc
  .string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 12 })
  .filter((w) => cleanText(w, 100) !== "" && w !== "at");
const message = (max: number) =>
  fc.array(word, { minLength: 1, maxLength: max }).map((words) => words.join(" "));
/**
 * The reason lengths of the answers, and others from 100 up: cleanText reads 32 characters of
 * each end per character asked for, which holds a chain's frames from about 100 characters on.
 */
const fieldLength = fc.oneof(
  fc.constantFrom(...REASON_LENGTHS),
  fc.integer({ min: 100, max: 700 }),
);

const JAVA_TYPES = [
  "java.util.concurrent.TimeoutException",
  "com.huawei.sdrs.common.exception.SdrsException",
  "java.io.IOException",
  "IllegalStateException",
];
const javaFrames = (n: number, indent: string) =>
  Array.from({ length: n }, (_, i) => `${indent}at com.huawei.sdrs.Gen.run${i}(Gen.java:${i + 1})`);

/**
 * A Java chain: what failed, frames, causes with frames and `... N more`, suppressed blocks;
 * the innermost cause's message from `rootMessage`.
 */
const javaChainWith = (rootMessage: fc.Arbitrary<string>) =>
  fc
    .record({
      head: message(8),
      rootMessage,
      causes: fc.array(
        fc.record({
          type: fc.constantFrom(...JAVA_TYPES),
          message: message(16),
          frames: fc.integer({ min: 0, max: 30 }),
          more: fc.boolean(),
          suppressed: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      headFrames: fc.integer({ min: 0, max: 30 }),
      flat: fc.boolean(),
    })
    .map(({ head, rootMessage, causes, headFrames, flat }) => {
      const last = causes.at(-1);
      if (last) last.message = rootMessage;
      const lines = [`SdrsFailoverTask-fail:com.huawei.sdrs.SdrsException: ${head}`];
      lines.push(...javaFrames(headFrames, "\t"));
      for (const c of causes) {
        lines.push(`Caused by: ${c.type}: ${c.message}`, ...javaFrames(c.frames, "\t"));
        if (c.more) lines.push(`\t... ${c.frames + 7} more`);
        if (c.suppressed && !flat) {
          lines.push("\tSuppressed: java.lang.IllegalStateException: close failed");
          lines.push(...javaFrames(2, "\t\t"), "\tCaused by: java.io.IOException: not the root");
        }
      }
      return { text: lines.join(flat ? " " : "\n"), root: rootMessage };
    });
const javaChain = javaChainWith(message(16));

const pythonFrames = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `  File "/opt/sdrs/agent/gen.py", line ${i + 1}, in step${i}`,
    `    self.step${i + 1}(volume_id)`,
  ]).flat();

const PY_LINKS = [
  "The above exception was the direct cause of the following exception:",
  "During handling of the above exception, another exception occurred:",
] as const;

/**
 * A chained traceback, its line breaks kept or flattened into spaces: the innermost cause's
 * block first, what failed last.
 */
const pythonChain = fc
  .record({
    prefix: fc.constantFrom("", "SdrsExpandVolumeTask-fail:"),
    blocks: fc.array(
      fc.record({
        type: fc.constantFrom("TimeoutError", "sdrs_agent.errors.EvsError", "KeyError"),
        message: message(16),
        frames: fc.integer({ min: 1, max: 12 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    link: fc.constantFrom(...PY_LINKS),
    flat: fc.boolean(),
  })
  .map(({ prefix, blocks, link, flat }) => {
    const text = blocks
      .map((b) =>
        [
          "Traceback (most recent call last):",
          ...pythonFrames(b.frames),
          `${b.type}: ${b.message}`,
        ].join("\n"),
      )
      .join(`\n\n${link}\n\n`);
    // Flattened as some log pipelines write it: every line break (and indent) one space.
    const whole = `${prefix}${text}`;
    return { text: flat ? whole.replace(/\s+/g, " ") : whole, root: blocks[0]?.message ?? "" };
  });

/** `task-fail:outer: inner: …: root`. */
const goChain = fc
  .record({ wrappers: fc.array(message(4), { minLength: 2, maxLength: 6 }), root: message(16) })
  .map(({ wrappers, root }) => ({
    text: `SdrsAttachVolumeTask-fail:${[...wrappers, root].join(": ")}`,
    root,
  }));

const FRAME_TEXT = /Gen\.java:|File "\/opt\//;

function expectWhyKept(text: string, root: string, length: number) {
  const out = cleanText(text, length);
  expect(out.length).toBeLessThanOrEqual(length);
  expect(out).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  const whole = cleanText(text, Number.MAX_SAFE_INTEGER);
  if (whole.length <= length) {
    expect(out).toBe(whole);
    return;
  }
  expect(out).not.toMatch(FRAME_TEXT);
  const cause = cleanText(root, Number.MAX_SAFE_INTEGER);
  if (out.includes(cause)) return;
  // Only a cause longer than the field may be cut, and only in its own middle (the marks of
  // what was cut around it take one character each).
  expect(cause.length).toBeGreaterThan(length - 4);
  expect([0, 1, 2].some((marks) => out.includes(shortenMiddle(cause, length - marks)))).toBe(true);
}

describe("the innermost cause survives shortening", () => {
  for (const [shape, chain] of [
    ["Java", javaChain],
    ["Python", pythonChain],
    ["Go", goChain],
  ] as const) {
    it(`${shape} chains of random depth, frames and unicode messages`, () => {
      fc.assert(
        fc.property(chain, fieldLength, ({ text, root }, length) => {
          expectWhyKept(text, root, length);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("a cause longer than the field, cut in its own middle", () => {
    fc.assert(
      fc.property(
        javaChainWith(message(16).map((m) => `${m} ${"x".repeat(200)} ${m}`)),
        fc.integer({ min: 100, max: 150 }),
        ({ text, root }, length) => expectWhyKept(text, root, length),
      ),
      { numRuns: 100 },
    );
  });
});

/**
 * A chain of hundreds of kilobytes to megabytes, its innermost cause anywhere: after 0 to 20,000
 * frames and before 0 to 20,000 more, with line breaks or flattened. cleanText reads 16 KiB of
 * each end and around the cause: the cause and what failed survive whatever surrounds them.
 */
const hugeChain = fc
  .record({
    shape: fc.constantFrom("Java", "Python"),
    before: fc.integer({ min: 0, max: 20_000 }),
    after: fc.integer({ min: 0, max: 20_000 }),
    flat: fc.boolean(),
    what: message(6),
    root: message(8),
    length: fc.constantFrom(...REASON_LENGTHS),
  })
  .map(({ shape, before, after, flat, what, root, length }) => {
    const lines =
      shape === "Java"
        ? [
            `SdrsFailoverTask-fail:com.huawei.sdrs.SdrsException: ${what}`,
            ...javaFrames(before, "\t"),
            `Caused by: java.util.concurrent.TimeoutException: ${root}`,
            ...javaFrames(after, "\t"),
            `\t... ${after + 3} more`,
          ]
        : [
            "Traceback (most recent call last):",
            ...pythonFrames(before),
            `TimeoutError: ${root}`,
            "",
            PY_LINKS[0],
            "",
            "Traceback (most recent call last):",
            ...pythonFrames(after),
            `sdrs_agent.errors.TaskFailed: ${what}`,
          ];
    const joined = lines.join("\n");
    return { text: flat ? joined.replace(/\s+/g, " ") : joined, what, root, length };
  });

describe("a huge chain keeps its innermost cause and what failed, wherever the cause sits", () => {
  it("Java and Python, with line breaks or flattened", () => {
    fc.assert(
      fc.property(hugeChain, ({ text, what, root, length }) => {
        expectWhyKept(text, root, length);
        const out = cleanText(text, length);
        // Both fit in every field from 300 characters on (short messages): both are kept.
        if (length >= 300) expect(out).toContain(cleanText(what, Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * Texts that trip the chain readers. findChain reads them whole, and cleanText looks for the
 * innermost cause in the whole text before it cuts it to windows, so the CPU time of both may
 * grow only about as fast as the text (test/helpers/growth.ts: a quadratic reader fails there
 * in seconds, where on 1 MiB it would take hours); then both read the 1 MiB text.
 */
const MiB = 1 << 20;
const fill = (unit: string) => (size: number) =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** Each a repeated unit, at any length. */
const HOSTILE: Record<string, (size: number) => string> = {
  "Caused by:": fill("Caused by: "),
  "Caused by: lines": fill("Caused by: x\n"),
  frames: fill("\tat a.b(c)\n"),
  "flat frames": fill(" at a.b( "),
  "more lines": fill("... 1 more "),
  "suppressed blocks": fill("\tSuppressed: x\n\t\tCaused by: y\n"),
  tracebacks: fill("Traceback (most recent call last):\n"),
  "traceback chains": fill(
    "Traceback (most recent call last):\nE: x\n\nThe above exception was the direct cause of the following exception:\n\n",
  ),
  "flat tracebacks": fill('Traceback (most recent call last): File "a", line 1, in f x A: '),
  "flat frame headers": fill('File "a", line 1, in f '),
  "exception-like words": fill("Traceback (most recent call last): a: b.c: D "),
  "cut marks": fill("… Traceback (most recent call last): … "),
  "Go separators": fill(": "),
  "Go wrappers": fill("a: "),
  "line breaks": fill("\n"),
  "type names": fill("a."),
};

describe.each(Object.entries(HOSTILE))("a 1 MiB text of %s", (_name, text) => {
  it("is read whole in linear time, and shortened within every field length", async () => {
    const framed = (size: number) => `SdrsTask-fail:${text(size)}end`;
    await expectLinearGrowth(framed, findChain, "findChain");
    // With the cut first: the look for the innermost cause reads the whole text too.
    await expectLinearGrowth(framed, (t) => cleanText(t, 160), "cleanText");
    const input = framed(MiB);
    expect(() => findChain(input)).not.toThrow();
    for (const length of [40, 160, 6000]) {
      expect(cleanText(input, length).length).toBeLessThanOrEqual(length);
    }
  });
});

describe("a full page of real-shaped failures (bench/root-causes.mjs)", () => {
  it("keeps the innermost cause in every row shown, within the output budget", () => {
    const generated = reasonChainPage(1000);
    const page = failureJobsPageSchema.parse({
      count: 1000,
      failure_jobs: generated.map(({ cause: _cause, ...job }) => job),
    });
    const result = buildFailurePageResult({
      projectId: "0605767e1f00d4b72f1ec0127a5e6a5b",
      filters: {},
      offset: 0,
      limit: 1000,
      count: page.count,
      jobs: page.failure_jobs,
      rawResourceUri: "sdrs://responses/0badcafe-1",
    });
    const { tasks } = result.structuredContent;
    expect(tasks.length).toBeGreaterThan(40);
    for (const [i, row] of tasks.entries()) {
      expect(row.fail_reason, row.job_id).toContain(generated[i]?.cause);
      expect(row.fail_reason).not.toMatch(/\.java:\d+\)|File "/);
    }
    expect(JSON.stringify(result).length).toBeLessThan(OUTPUT_BUDGET);
  });
});
