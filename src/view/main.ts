/**
 * The readiness view's entry: connects to the host with the ext-apps App client (the only place
 * it is imported), follows the host's theme, and renders each tool result the host sends.
 */
import {
  App,
  applyDocumentTheme,
  applyHostStyleVariables,
  type McpUiHostContext,
} from "@modelcontextprotocol/ext-apps";
import { el, replaceChildren } from "./dom.js";
import type { CallTool } from "./drill.js";
import { toViewModel, type ViewModel } from "./model.js";
import { renderReadiness } from "./readiness.js";
import { renderSummary } from "./summary.js";
import { demoBanner } from "./widgets.js";

declare const SDRS_MCP_VERSION: string;

const root = document.getElementById("root") ?? document.body;
const app = new App(
  { name: "sdrs-mcp readiness view", version: SDRS_MCP_VERSION },
  {},
  { autoResize: true },
);
let toolName: string | undefined;

/** The host's theme; a host that gives none gets the system's. */
function applyContext(context: McpUiHostContext): void {
  if (context.theme) applyDocumentTheme(context.theme);
  else if (!document.documentElement.dataset.theme) {
    applyDocumentTheme(matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  if (context.styles?.variables) applyHostStyleVariables(context.styles.variables);
  // Host fonts are not applied: their @font-face rules load from the network, which this
  // view's CSP forbids. The host's --font-sans still names the family.
  if (context.toolInfo?.tool.name) toolName = context.toolInfo.tool.name;
}

function callTool(): CallTool {
  if (!app.getHostCapabilities()?.serverTools) return undefined;
  return (call) => app.callServerTool(call);
}

function show(model: ViewModel): void {
  const demo = model.kind !== "error" && model.demo;
  const body =
    model.kind === "readiness"
      ? renderReadiness(model, callTool())
      : model.kind === "summary"
        ? renderSummary(model, callTool())
        : model.kind === "error"
          ? [
              el("h1", {}, "The call failed"),
              el("p", { class: "note warn", role: "alert" }, model.message),
            ]
          : [
              el("h1", {}, "SDRS"),
              el(
                "p",
                { class: "summary" },
                model.summary ?? "This answer holds nothing this view can show.",
              ),
            ];
  replaceChildren(root, demo ? demoBanner() : null, ...body);
  root.setAttribute("aria-busy", "false");
}

function waiting(message: string): void {
  replaceChildren(root, el("p", { class: "muted", role: "status" }, message));
}

// Handlers before connect(): the host may send the result right after the handshake.
app.ontoolinput = () => waiting("The tool is running…");
app.ontoolresult = (result) => show(toViewModel(result, toolName));
app.ontoolcancelled = (params) =>
  waiting(`The call was cancelled${params.reason ? `: ${params.reason}` : "."}`);
app.onhostcontextchanged = applyContext;
app.onteardown = async () => ({});

waiting("Waiting for the answer…");
app
  .connect()
  .then(() => applyContext(app.getHostContext() ?? {}))
  .catch((error: unknown) => {
    waiting(
      `Could not connect to the host: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
