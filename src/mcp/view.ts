/**
 * The readiness view, an MCP App (the MCP Apps extension, @modelcontextprotocol/ext-apps): the
 * `ui://` resource hosts render beside the answers of assess_sdrs_readiness and
 * summarize_sdrs_failures. Hosts without MCP Apps ignore the tools' `_meta.ui` and the resource,
 * and see the same text and structuredContent as ever.
 *
 * The page is built from src/view/ by the bundle step (scripts/view.mjs) and kept in a chunk of
 * its own: it is imported on the first resources/read of it, never at start-up.
 *
 * Registered with the SDK directly rather than with ext-apps' registerAppResource: that helper
 * is one line, but its module carries the whole App client and builds ~80 zod schemas when
 * imported (+26 KB and one more chunk at every start). test/mcp/view.test.ts holds these names
 * and the tools' `_meta` equal to what ext-apps' own helpers produce.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { requestError } from "./errors.js";

export const READINESS_VIEW_URI = "ui://sdrs-mcp/readiness.html";
/** ext-apps RESOURCE_MIME_TYPE: the MCP Apps HTML profile. */
const MCP_APP_MIME_TYPE = "text/html;profile=mcp-app";
/** ext-apps RESOURCE_URI_META_KEY: the flat key of hosts built before `_meta.ui`. */
const LEGACY_URI_KEY = "ui/resourceUri";

/**
 * The tools' `_meta`: `ui.resourceUri` as the MCP Apps specification (2026-01-26) has it, and
 * the flat `ui/resourceUri` key it deprecates, which hosts built before it still read (ext-apps'
 * own registerAppTool sets both the same way).
 */
export const READINESS_VIEW_META = {
  ui: { resourceUri: READINESS_VIEW_URI },
  [LEGACY_URI_KEY]: READINESS_VIEW_URI,
};

/** No CSP domains: the view fetches nothing, so hosts apply their most restrictive default. */
const RESOURCE_UI_META = { ui: { prefersBorder: true, csp: {} } };

export function registerReadinessView(server: McpServer): void {
  server.registerResource(
    "readiness-view",
    READINESS_VIEW_URI,
    {
      title: "SDRS readiness view",
      mimeType: MCP_APP_MIME_TYPE,
      description:
        "Interactive view of assess_sdrs_readiness and summarize_sdrs_failures answers for hosts that render MCP Apps: verdict per protection group, abnormal replication pairs and instances, drill age, failures by status and code.",
      _meta: RESOURCE_UI_META,
    },
    async () => ({
      contents: [
        {
          uri: READINESS_VIEW_URI,
          mimeType: MCP_APP_MIME_TYPE,
          text: await readinessHtml(),
          _meta: RESOURCE_UI_META,
        },
      ],
    }),
  );
}

async function readinessHtml(): Promise<string> {
  try {
    // Built by the bundle (scripts/view.mjs) or, under vitest, by the same build on import.
    return (await import("virtual:sdrs-mcp/readiness-html")).READINESS_HTML;
  } catch {
    throw requestError(
      "internal",
      "the readiness view is part of the bundled server (npm run build: dist/sdrs-mcp.js)",
    );
  }
}
