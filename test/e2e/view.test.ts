/**
 * The readiness view in a real browser: Debian's Chromium, headless, driven by playwright-core,
 * loads a host page on 127.0.0.1 that speaks the host side of MCP Apps with ext-apps' own
 * AppBridge (test/e2e/view-host/host.ts). The host reads the tool's `_meta.ui` resource from the
 * real server (createApp against the simulator, through the harness), calls the tool, hands the
 * view the result, and forwards the view's own tool calls back to the server.
 *
 * Skipped only where /usr/bin/chromium is missing (install it: apt-get install -y chromium).
 * SDRS_MCP_SCREENSHOTS=1 also writes docs/images/readiness-light.png and readiness-dark.png.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { build } from "esbuild";
import { type BrowserContext, chromium, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Summary } from "../../src/format/summary-output.js";
import type { Readiness } from "../../src/readiness/output.js";
import { VERDICTS } from "../../src/readiness/verdicts.js";
import { verdictOf } from "../../src/view/model.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { BUNDLE, CLEAN_ENV } from "../helpers/stdio.js";

const CHROMIUM = "/usr/bin/chromium";
const MISSING = !existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCREENSHOTS = process.env.SDRS_MCP_SCREENSHOTS === "1";
const VIEWPORT = { width: 960, height: 900 };
const SHOT_HEIGHT = 1500;

const title = MISSING
  ? `the readiness view in Chromium: SKIPPED, ${CHROMIUM} is missing (install it: apt-get install -y chromium)`
  : "the readiness view in Chromium";
// Said where a run's output shows it, not only in the skipped tests' names.
if (MISSING) console.warn(title);

/** What the host page's origin answered: every MCP request the page sent to its own /mcp. */
interface Forwarded {
  method: string;
  params: { name?: string; arguments?: Record<string, unknown>; uri?: string };
}

let h: Harness;
let http: Server;
let origin: string;
let profile: string;
let context: BrowserContext;
const forwarded: Forwarded[] = [];
/** Requests the browser tried to send anywhere but the host page's origin. */
const escaped: string[] = [];
const consoleErrors: string[] = [];

async function hostPage(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, "test/e2e/view-host/host.ts")],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "warning",
  });
  const script = out.outputFiles[0]?.text ?? "";
  return [
    "<!doctype html><html><head><meta charset=utf-8><title>host</title><style>",
    "html{background:#fff;color:#111}html[data-theme=dark]{background:#0f1012;color:#eee}",
    "body{margin:0;padding:16px}iframe{display:block;width:920px;height:400px;border:1px solid #8884;border-radius:10px}",
    `</style></head><body><script type="module">${script.replace(/<\/script/gi, "<\\/script")}</script></body></html>`,
  ].join("");
}

async function answer(body: Forwarded): Promise<unknown> {
  if (body.method === "tools/list") return h.client.listTools();
  if (body.method === "resources/read")
    return h.client.readResource({ uri: body.params.uri ?? "" });
  if (body.method === "tools/call") {
    return h.client.callTool({
      name: body.params.name ?? "",
      arguments: body.params.arguments ?? {},
    });
  }
  throw new Error(`not forwarded: ${body.method}`);
}

async function startHost(): Promise<void> {
  const page = await hostPage();
  http = createServer((req, res) => {
    if (req.method === "GET" && (req.url ?? "").split("?")[0] === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      return;
    }
    if (req.method === "POST" && req.url === "/mcp") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Forwarded;
        forwarded.push(body);
        answer(body).then(
          (result) =>
            res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result)),
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

/** Opens the host page for `tool` and returns the view's frame once it has rendered. */
async function openView(
  tool: string,
  query: Record<string, string> = {},
): Promise<{ page: Page; view: Frame }> {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  const search = new URLSearchParams({ tool, ...query });
  await page.goto(`${origin}/?${search}`);
  await page.waitForSelector("body[data-ready]");
  const frame = await (await page.waitForSelector("iframe")).contentFrame();
  if (!frame) throw new Error("no view frame");
  await frame.waitForSelector("main[aria-busy=false]");
  return { page, view: frame };
}

async function toolResult(
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await h.client.callTool({ name, arguments: args })) as CallToolResult;
}

/*
 * Code that runs in the browser is given as expressions: this file is type-checked for Node,
 * without the DOM's types.
 */
const BODY_COLORS =
  "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]";
const FOCUSED = `(() => {
  const el = document.activeElement;
  return {
    tag: el ? el.tagName : "",
    key: (el && el.dataset.key) || "",
    inGroups: !!(el && el.closest("section[aria-labelledby=groups-title]")),
    outline: el ? getComputedStyle(el).outlineStyle : "none",
  };
})()`;
const CALLS_FROM_VIEW = "window.host.fromView.map((m) => m.name || m.method)";
const setTheme = (theme: string) => `window.host.setTheme(${JSON.stringify(theme)})`;

/** The view body's background and text colours, each as [r, g, b]. */
async function colors(view: Frame): Promise<{ background: number[]; text: number[] }> {
  const [background = "", text = ""] = await view.evaluate<string[]>(BODY_COLORS);
  const rgb = (color: string) => (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  return { background: rgb(background), text: rgb(text) };
}

const luminance = ([r = 0, g = 0, b = 0]: number[]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

describe.skipIf(MISSING)(title, () => {
  beforeAll(async () => {
    h = await startHarness();
    await startHost();
    profile = await mkdtemp(join(tmpdir(), "sdrs-mcp-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: VIEWPORT,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    // Every frame reports CSP violations as console errors (Chromium logs only some of them).
    await context.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
    );
    // Nothing may leave the page but requests to its own origin (the host's /mcp).
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      escaped.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => http?.close(resolve));
    await h?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it("shows every group with its verdict, the totals, pairs and instances of assess_sdrs_readiness", async () => {
    const { page, view } = await openView("assess_sdrs_readiness");
    const s = (await toolResult("assess_sdrs_readiness")).structuredContent as Readiness;
    try {
      // The host found the view through the tool's _meta and read it from the server.
      expect(forwarded.map((f) => f.method)).toContain("resources/read");
      expect(forwarded.find((f) => f.method === "resources/read")?.params.uri).toBe(
        "ui://sdrs-mcp/readiness.html",
      );
      const rows = await view.$$eval("section[aria-labelledby=groups-title] tbody tr", (trs) =>
        trs.map((tr) => ({
          key: tr.getAttribute("data-key"),
          verdict: tr.querySelector("[data-verdict]")?.getAttribute("data-verdict"),
          word: tr.querySelector(".verdict")?.textContent,
          icon: tr.querySelector(".verdict svg") !== null,
          cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
        })),
      );
      expect(rows).toHaveLength(s.groups.length);
      const byId = new Map(rows.map((r) => [r.key, r]));
      for (const g of s.groups) {
        const row = byId.get(g.server_group_id);
        expect(row, g.name).toBeDefined();
        expect(row?.verdict).toBe(g.verdict);
        expect(row?.word).toBe(verdictOf(g.verdict).word);
        expect(row?.icon).toBe(true);
        expect(row?.cells[1]).toBe(g.name);
        expect(row?.cells[6]).toBe(String(g.failures ?? "unknown"));
      }
      // Worst verdict first, as the caption says.
      const order: readonly string[] = VERDICTS;
      const ranks = rows.map((r) => order.indexOf(r.verdict ?? ""));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

      const tile = (key: string) => view.textContent(`[data-tile="${key}"] .tile-value`);
      expect(await tile("groups")).toBe(String(s.totals.groups));
      expect(await tile("pairs")).toBe(String(s.totals.abnormal_replication_pairs));
      expect(await tile("instances")).toBe(String(s.totals.abnormal_protected_instances));
      expect(await tile("drills")).toBe(String(s.totals.drills_overdue));
      expect(await tile("failures")).toBe(String(s.failures.total));
      for (const [verdict, n] of Object.entries(s.totals.by_verdict)) {
        expect(await tile(`verdict-${verdict}`)).toBe(String(n));
      }
      const pairKeys = await view.$$eval("section[aria-labelledby=pairs-title] tbody tr", (trs) =>
        trs.map((tr) => tr.getAttribute("data-key")),
      );
      expect(pairKeys.sort()).toEqual(s.abnormal_replication_pairs.map((p) => p.id).sort());
      const linkDown = s.abnormal_replication_pairs.find((p) => p.fault_level === "5");
      expect(linkDown).toBeDefined();
      expect(
        await view.textContent(
          `section[aria-labelledby=pairs-title] tr[data-key="${linkDown?.id}"]`,
        ),
      ).toContain("replication link disconnected: a failover is not allowed");
      const instanceKeys = await view.$$eval(
        "section[aria-labelledby=instances-title] tbody tr",
        (trs) => trs.map((tr) => tr.getAttribute("data-key")),
      );
      expect(instanceKeys.sort()).toEqual(s.abnormal_protected_instances.map((i) => i.id).sort());
      // Drill age as days; "overdue" written out, not only coloured.
      const overdue = s.groups.find((g) => g.drill_overdue && g.last_drill_days_ago !== null);
      const drillCell = await view.textContent(
        `tr[data-key="${overdue?.server_group_id}"] td:nth-child(6)`,
      );
      expect(drillCell).toBe(`${overdue?.last_drill_days_ago} days agooverdue`);
      // Not demo data: no sample-data banner.
      expect(await view.$("[data-demo]")).toBeNull();
    } finally {
      await page.close();
    }
  }, 60_000);

  it("sorts and filters the groups", async () => {
    const { page, view } = await openView("assess_sdrs_readiness");
    const s = (await toolResult("assess_sdrs_readiness")).structuredContent as Readiness;
    try {
      const names = () =>
        view.$$eval("section[aria-labelledby=groups-title] tbody tr td:nth-child(2)", (tds) =>
          tds.map((td) => td.textContent),
        );
      await view.click("section[aria-labelledby=groups-title] th:nth-child(2) button");
      expect(await names()).toEqual(s.groups.map((g) => g.name).sort((a, b) => a.localeCompare(b)));
      expect(
        await view.getAttribute(
          "section[aria-labelledby=groups-title] th:nth-child(2)",
          "aria-sort",
        ),
      ).toBe("ascending");
      await view.click("section[aria-labelledby=groups-title] th:nth-child(2) button");
      expect(
        await view.getAttribute(
          "section[aria-labelledby=groups-title] th:nth-child(2)",
          "aria-sort",
        ),
      ).toBe("descending");
      expect(await names()).toEqual(s.groups.map((g) => g.name).sort((a, b) => b.localeCompare(a)));

      const one = s.groups[s.groups.length - 1];
      await view.fill("#filter", one?.name ?? "");
      expect(await names()).toEqual(
        s.groups.filter((g) => g.name.includes(one?.name ?? "")).map((g) => g.name),
      );
      await view.fill("#filter", "");
      await view.selectOption("#choice", "not_ready");
      const notReady = s.groups.filter((g) => g.verdict === "not_ready").map((g) => g.name);
      expect((await names()).sort()).toEqual(notReady.sort());
      expect(await view.textContent("[data-shown]")).toBe(
        `${notReady.length} of ${s.groups.length} groups shown`,
      );
    } finally {
      await page.close();
    }
  }, 60_000);

  it("follows the host's theme: light, then dark through host-context-changed", async () => {
    const { page, view } = await openView("assess_sdrs_readiness");
    try {
      await view.waitForSelector("html[data-theme=light]");
      if (SCREENSHOTS) {
        // The pictures show a drill-down open: the first group's failed tasks.
        await view.click("section[aria-labelledby=groups-title] tbody tr");
        await view.waitForSelector("[data-drill=group] tbody tr");
      }
      const light = await colors(view);
      expect(luminance(light.background)).toBeGreaterThan(0.8);
      expect(luminance(light.text)).toBeLessThan(0.3);
      if (SCREENSHOTS) await screenshot(page, "light");
      await page.evaluate(setTheme("dark"));
      await view.waitForSelector("html[data-theme=dark]");
      const dark = await colors(view);
      expect(luminance(dark.background)).toBeLessThan(0.2);
      expect(luminance(dark.text)).toBeGreaterThan(0.7);
      if (SCREENSHOTS) await screenshot(page, "dark");
    } finally {
      await page.close();
    }
  }, 60_000);

  it("moves keyboard focus through the group rows, visibly, and drills into a group with Enter", async () => {
    const { page, view } = await openView("assess_sdrs_readiness");
    const s = (await toolResult("assess_sdrs_readiness")).structuredContent as Readiness;
    try {
      const focused = () =>
        view.evaluate<{ tag: string; key: string; inGroups: boolean; outline: string }>(FOCUSED);
      // Tab from the top of the page until the first group row has focus (bounded).
      await view.focus("#filter");
      let reached = await focused();
      for (let i = 0; i < 40 && !(reached.tag === "TR" && reached.inGroups); i++) {
        await page.keyboard.press("Tab");
        reached = await focused();
      }
      const rowKeys = await view.$$eval("section[aria-labelledby=groups-title] tbody tr", (trs) =>
        trs.map((tr) => tr.getAttribute("data-key")),
      );
      expect(reached).toMatchObject({ tag: "TR", inGroups: true, key: rowKeys[0] });
      expect(reached.outline).not.toBe("none");
      await page.keyboard.press("Tab");
      expect((await focused()).key).toBe(rowKeys[1]);
      await page.keyboard.press("ArrowDown");
      expect((await focused()).key).toBe(rowKeys[2]);
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      expect((await focused()).key).toBe(rowKeys[0]);

      // Enter on the first row: the view asks the host for list_failed_sdrs_tasks of that group.
      const group = s.groups.find((g) => g.server_group_id === rowKeys[0]);
      const before = forwarded.length;
      await page.keyboard.press("Enter");
      const caption = `Failed tasks of “${group?.name}”`;
      await view.waitForSelector(`[data-drill=group] caption:has-text("${caption}")`);
      const call = forwarded.slice(before).find((f) => f.method === "tools/call");
      expect(call?.params.name).toBe("list_failed_sdrs_tasks");
      expect(call?.params.arguments).toEqual({
        project_id: s.project_id,
        server_group_id: group?.server_group_id,
        limit: 50,
      });
      expect(await page.evaluate<string[]>(CALLS_FROM_VIEW)).toContain("list_failed_sdrs_tasks");
      // What the view shows is what the server answers for that group.
      const direct = await toolResult("list_failed_sdrs_tasks", call?.params.arguments ?? {});
      const tasks = (
        direct.structuredContent as { tasks: { job_id: string; fail_reason: string }[] }
      ).tasks;
      const shown = await view.$$eval("[data-drill=group] tbody tr", (trs) =>
        trs.map((tr) => tr.getAttribute("data-key")),
      );
      expect(shown.sort()).toEqual(tasks.map((t) => t.job_id).sort());
      expect(await view.textContent("[data-drill-status]")).toContain(
        `${group?.name}: ${tasks.length} failed task`,
      );
      expect(await view.getAttribute("[data-drill-status]", "aria-live")).toBe("polite");
      // The drill-down's rows open the job: Space this time.
      const first = tasks[0];
      await view.focus(`[data-drill=group] tr[data-key="${first?.job_id}"]`);
      await page.keyboard.press("Space");
      await view.waitForSelector(`[data-drill=job] h4`);
      expect(forwarded.at(-1)?.params.name).toBe("get_sdrs_job");
      expect(forwarded.at(-1)?.params.arguments).toEqual({
        project_id: s.project_id,
        job_id: first?.job_id,
      });
      const job = (
        await toolResult("get_sdrs_job", { project_id: s.project_id, job_id: first?.job_id })
      ).structuredContent as {
        job: { status: string; job_id: string };
      };
      const jobText = await view.textContent("[data-drill=job]");
      expect(jobText).toContain(job.job.job_id);
      expect(jobText).toContain(job.job.status);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("shows summarize_sdrs_failures: counts by status and code, the newest failures with their reason, a job on Enter", async () => {
    const { page, view } = await openView("summarize_sdrs_failures");
    const s = (await toolResult("summarize_sdrs_failures")).structuredContent as Summary;
    try {
      expect(await view.textContent('[data-tile="failures"] .tile-value')).toBe(
        String(s.totals.failures),
      );
      const statusCounts = await view.$$eval("table[data-counts=status] tbody tr", (trs) =>
        trs.map((tr) => [tr.getAttribute("data-key"), tr.querySelector(".count")?.textContent]),
      );
      expect(Object.fromEntries(statusCounts)).toEqual(
        Object.fromEntries(Object.entries(s.by_failure_status).map(([k, n]) => [k, String(n)])),
      );
      const codeCounts = await view.$$eval("table[data-counts=code] tbody tr", (trs) =>
        trs.map((tr) => tr.getAttribute("data-key")),
      );
      expect(codeCounts.sort()).toEqual(Object.keys(s.by_error_code).sort());
      const newest = await view.$$eval("section[aria-labelledby=newest-title] tbody tr", (trs) =>
        trs.map((tr) => ({
          key: tr.getAttribute("data-key"),
          // The whole reason (a long one sits behind its gist, in a disclosure).
          reason: tr.querySelector("span.reason")?.textContent,
        })),
      );
      expect(newest.map((n) => n.key)).toEqual(s.newest.map((f) => f.job_id));
      expect(newest.map((n) => n.reason)).toEqual(s.newest.map((f) => f.fail_reason));
      const groupKeys = await view.$$eval("section[aria-labelledby=groups-title] tbody tr", (trs) =>
        trs.map((tr) => tr.getAttribute("data-key")),
      );
      expect(groupKeys.sort()).toEqual(s.groups.map((g) => g.server_group_id).sort());

      const failure = s.newest[0];
      await view.focus(`section[aria-labelledby=newest-title] tr[data-key="${failure?.job_id}"]`);
      await page.keyboard.press("Enter");
      await view.waitForSelector("[data-drill=job] h4");
      expect(forwarded.at(-1)?.params.name).toBe("get_sdrs_job");
      expect(forwarded.at(-1)?.params.arguments).toEqual({
        project_id: s.project_id,
        job_id: failure?.job_id,
      });
      expect(await view.textContent("[data-drill-status]")).toContain(`Job ${failure?.job_id}`);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("marks sample data when structuredContent.demo is true", async () => {
    const { page, view } = await openView("assess_sdrs_readiness", { demo: "1" });
    try {
      expect(await view.textContent("[data-demo]")).toContain("Sample data");
    } finally {
      await page.close();
    }
  }, 60_000);

  it("sent nothing anywhere but the host page's origin, and logged no error (no CSP violation)", () => {
    expect(escaped).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

/** The top of the host page: the view's head, totals, groups and the open drill-down. */
describe("the readiness view in the shipped bundle", () => {
  it("is served by `node dist/sdrs-mcp.js` exactly as the tests build it from src/", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BUNDLE, "--demo"],
      env: { ...CLEAN_ENV, SDRS_MCP_LOG_LEVEL: "warn" },
      stderr: "pipe",
    });
    const client = new Client({ name: "view-test", version: "1.0.0" });
    await client.connect(transport);
    const source = await startHarness();
    try {
      const uri = "ui://sdrs-mcp/readiness.html";
      const shipped = await client.readResource({ uri });
      const fromSource = await source.client.readResource({ uri });
      expect(shipped.contents).toEqual(fromSource.contents);
      expect((shipped.contents[0] as { text: string }).text.length).toBeGreaterThan(100_000);
    } finally {
      await client.close();
      await source.close();
    }
  }, 60_000);

  it("keeps the page in a chunk of its own, loaded only when a host reads it", async () => {
    const dir = join(ROOT, "dist/chunks");
    const marker = '<meta http-equiv="Content-Security-Policy"';
    const files = await readdir(dir);
    const holding: string[] = [];
    const importing: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const text = await readFile(join(dir, file), "utf8");
      if (text.includes(marker)) holding.push(file);
      else if (text.includes("readiness-html-")) importing.push(file);
    }
    expect(holding).toHaveLength(1);
    expect(holding[0]).toMatch(/^readiness-html-\w+\.js$/);
    expect(await readFile(BUNDLE, "utf8")).not.toContain("readiness-html-");
    // Its one reference is a dynamic import(), run on the first resources/read of the view.
    expect(importing).toHaveLength(1);
    const text = await readFile(join(dir, importing[0] ?? ""), "utf8");
    const references = text.match(/.{0,8}["']\.\/readiness-html-\w+\.js["']/g) ?? [];
    expect(references).toHaveLength(1);
    expect(references[0]).toMatch(/import\(["']/);
  });
});

async function screenshot(page: Page, theme: "light" | "dark"): Promise<void> {
  const dir = join(ROOT, "docs/images");
  await mkdir(dir, { recursive: true });
  await page.setViewportSize({ width: VIEWPORT.width, height: SHOT_HEIGHT });
  await page.screenshot({
    path: join(dir, `readiness-${theme}.png`),
    clip: { x: 0, y: 0, width: 954, height: SHOT_HEIGHT },
  });
}
