/**
 * The readiness view as the MCP Apps extension has hosts find it: the tools' `_meta`, the
 * listed `ui://` resource and its HTML; and the view's data mapping against real answers, so a
 * field renamed in an outputSchema shows up here rather than as "unknown" on screen.
 */
import {
  RESOURCE_MIME_TYPE,
  RESOURCE_URI_META_KEY,
  registerAppTool,
} from "@modelcontextprotocol/ext-apps/server";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VIEW_MAX_BYTES } from "../../scripts/view.mjs";
import { type Summary, summaryOutput } from "../../src/format/summary-output.js";
import { READINESS_VIEW_URI } from "../../src/mcp/view.js";
import { type Readiness, readinessOutput } from "../../src/readiness/output.js";
import { VERDICTS } from "../../src/readiness/verdicts.js";
import {
  type ReadinessModel,
  type SummaryModel,
  toViewModel,
  VERDICT_ORDER,
} from "../../src/view/model.js";
import { type Harness, startHarness } from "../helpers/harness.js";

const VIEW_TOOLS = ["assess_sdrs_readiness", "summarize_sdrs_failures"];

/** The `_meta` ext-apps' own registerAppTool gives a tool that names `resourceUri`. */
function extAppsToolMeta(resourceUri: string): unknown {
  let meta: unknown;
  const server = {
    registerTool: (_name: string, config: { _meta?: unknown }) => {
      meta = config._meta;
      return {};
    },
  } as unknown as Pick<McpServer, "registerTool">;
  registerAppTool(server, "probe", { _meta: { ui: { resourceUri } } }, async () => ({
    content: [],
  }));
  return meta;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("the view's declaration", () => {
  it("links assess_sdrs_readiness and summarize_sdrs_failures to the view, as ext-apps does", async () => {
    const { tools } = await h.client.listTools();
    const expected = extAppsToolMeta(READINESS_VIEW_URI);
    expect(expected).toHaveProperty(RESOURCE_URI_META_KEY, READINESS_VIEW_URI);
    for (const tool of tools) {
      if (VIEW_TOOLS.includes(tool.name)) expect(tool._meta, tool.name).toEqual(expected);
      else expect(JSON.stringify(tool._meta ?? {}), tool.name).not.toContain("ui://");
    }
    expect(
      tools
        .filter((t) => t._meta?.ui)
        .map((t) => t.name)
        .sort(),
    ).toEqual(VIEW_TOOLS);
  });

  it("lists the view as an MCP App resource", async () => {
    const { resources } = await h.client.listResources();
    const view = resources.find((r) => r.uri === READINESS_VIEW_URI);
    expect(view).toMatchObject({ mimeType: RESOURCE_MIME_TYPE, title: "SDRS readiness view" });
    expect(RESOURCE_MIME_TYPE).toBe("text/html;profile=mcp-app");
  });

  it("serves one self-contained HTML page under its size bound, with a CSP that forbids the network", async () => {
    const { contents } = await h.client.readResource({ uri: READINESS_VIEW_URI });
    expect(contents).toHaveLength(1);
    const page = contents[0] as { uri: string; mimeType: string; text: string; _meta?: unknown };
    expect(page).toMatchObject({ uri: READINESS_VIEW_URI, mimeType: RESOURCE_MIME_TYPE });
    expect(page._meta).toEqual({ ui: { prefersBorder: true, csp: {} } });
    const html = page.text;
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(Buffer.byteLength(html)).toBeLessThan(VIEW_MAX_BYTES);
    expect(VIEW_MAX_BYTES).toBe(600_000);
    const csp =
      html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    // Exactly one script and one stylesheet, both inline; nothing loaded by URL.
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).not.toMatch(
      /<script[^>]*\bsrc=|<link\b|<img\b|<iframe\b|@import|url\(\s*["']?https?:/i,
    );
  });
});

describe("the view's data mapping on real answers", () => {
  it("knows the verdicts assess_sdrs_readiness gives, in the same order (src/view may not import them)", () => {
    expect([...VERDICT_ORDER]).toEqual([...VERDICTS]);
  });

  it("reads every group, verdict, pair and instance of assess_sdrs_readiness", async () => {
    const result = await h.call("assess_sdrs_readiness");
    const s: Readiness = readinessOutput.parse(result.structuredContent);
    const model = toViewModel(result) as ReadinessModel;
    expect(model.kind).toBe("readiness");
    expect(model.verdict?.key).toBe(s.verdict);
    expect(model.totals.groups).toBe(s.totals.groups);
    expect(model.groups.map((g) => [g.id, g.name, g.verdict?.key, g.status, g.failures])).toEqual(
      s.groups.map((g) => [g.server_group_id, g.name, g.verdict, g.status, g.failures]),
    );
    expect(model.groups.map((g) => g.drill?.daysAgo)).toEqual(
      s.groups.map((g) => g.last_drill_days_ago),
    );
    expect(model.pairs.map((p) => [p.id, p.faultLevel, p.status])).toEqual(
      s.abnormal_replication_pairs.map((p) => [p.id, p.fault_level, p.status]),
    );
    expect(model.instances.map((i) => i.id)).toEqual(
      s.abnormal_protected_instances.map((i) => i.id),
    );
    expect(model.failures.total).toBe(s.failures.total);
    const counted = model.byFailureStatus.reduce((sum, c) => sum + c.count, 0);
    expect(counted).toBe(s.failures.total);
    // Every code with a meaning in the answer gets it in the view.
    for (const row of model.byErrorCode) {
      expect(row.meaning).toBe(s.error_meanings[row.key] ?? null);
    }
  });

  it("reads the totals, groups and newest failures of summarize_sdrs_failures", async () => {
    const result = await h.call("summarize_sdrs_failures");
    const s: Summary = summaryOutput.parse(result.structuredContent);
    const model = toViewModel(result) as SummaryModel;
    expect(model.kind).toBe("summary");
    expect(model.totals.failures).toBe(s.totals.failures);
    expect(model.groups.map((g) => [g.id, g.failures])).toEqual(
      s.groups.map((g) => [g.server_group_id, g.failures]),
    );
    expect(model.newest.map((f) => [f.jobId, f.failReason, f.errorCode])).toEqual(
      s.newest.map((f) => [f.job_id, f.fail_reason, f.error_code]),
    );
    expect(model.byFailureStatus.reduce((sum, c) => sum + c.count, 0)).toBe(s.totals.failures);
  });
});
