/**
 * A minimal MCP Apps host page for the browser test (test/e2e/view.test.ts), built on ext-apps'
 * own host side (AppBridge): it asks the server (through its page's origin, /mcp) for the
 * tool's `_meta.ui` resource, renders it in a sandboxed iframe, calls the tool and hands the
 * view the result, forwards the view's tool calls to the server, and can switch the theme.
 */
import {
  AppBridge,
  getToolUiResourceUri,
  isToolVisibilityModelOnly,
  type McpUiHostContext,
  PostMessageTransport,
} from "@modelcontextprotocol/ext-apps/app-bridge";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";

interface HostControl {
  /** Sets the host's theme and tells the view (ui/notifications/host-context-changed). */
  setTheme(theme: "light" | "dark"): void;
  /** Every message of the view to the host: method and params. */
  fromView: { method: string; name?: string }[];
}

declare global {
  interface Window {
    host: HostControl;
  }
}

async function mcp<T>(method: string, params: unknown): Promise<T> {
  const response = await fetch("/mcp", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method, params }),
  });
  if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function start(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const toolName = query.get("tool") ?? "";
  const theme = query.get("theme") === "dark" ? "dark" : "light";
  document.documentElement.dataset.theme = theme;

  const { tools } = await mcp<{ tools: Tool[] }>("tools/list", {});
  const tool = tools.find((t) => t.name === toolName);
  const uri = tool && getToolUiResourceUri(tool);
  if (!tool || !uri) throw new Error(`${toolName} declares no view`);
  const { contents } = await mcp<{ contents: { text?: string }[] }>("resources/read", { uri });
  const html = contents[0]?.text ?? "";

  let context: McpUiHostContext = {
    theme,
    displayMode: "inline",
    availableDisplayModes: ["inline"],
    locale: "en-US",
    timeZone: "UTC",
    platform: "web",
    containerDimensions: { maxHeight: 6000, width: 920 },
    toolInfo: { tool },
  };
  const fromView: HostControl["fromView"] = [];
  const bridge = new AppBridge(
    null,
    { name: "sdrs-mcp test host", version: "1.0.0" },
    { serverTools: {}, logging: {} },
    { hostContext: context },
  );
  bridge.oncalltool = async (params) => {
    fromView.push({ method: "tools/call", name: params.name });
    const called = tools.find((t) => t.name === params.name);
    // The MCP Apps rule: a view may call only its own server's tools that are visible to apps.
    if (!called || isToolVisibilityModelOnly(called))
      throw new Error(`${params.name} is not callable by views`);
    return mcp<CallToolResult>("tools/call", params);
  };
  bridge.onsizechange = ({ height }) => {
    if (height !== undefined) iframe.style.height = `${height}px`;
  };

  const iframe = document.createElement("iframe");
  iframe.title = "SDRS readiness view";
  // As web hosts do: scripts run, but the view's origin is opaque (no cookies, no host DOM).
  iframe.setAttribute("sandbox", "allow-scripts");
  document.body.append(iframe);
  const view = iframe.contentWindow;
  if (!view) throw new Error("no iframe window");
  await bridge.connect(new PostMessageTransport(view, view));

  const args = JSON.parse(query.get("args") ?? "{}") as Record<string, unknown>;
  const resultPromise = mcp<CallToolResult>("tools/call", { name: toolName, arguments: args });
  bridge.oninitialized = async () => {
    fromView.push({ method: "ui/notifications/initialized" });
    await bridge.sendToolInput({ arguments: args });
    const result = await resultPromise;
    if (query.get("demo") === "1" && result.structuredContent) {
      result.structuredContent = { ...result.structuredContent, demo: true };
    }
    await bridge.sendToolResult(result);
  };
  iframe.srcdoc = html;

  window.host = {
    fromView,
    setTheme(next) {
      document.documentElement.dataset.theme = next;
      context = { ...context, theme: next };
      bridge.setHostContext(context);
    },
  };
  document.body.dataset.ready = "";
}

start().catch((error: unknown) => {
  document.body.dataset.failed = error instanceof Error ? error.message : String(error);
});
