/**
 * The one place that turns a failure into an `isError` result: what happened first (status,
 * SDRS/APIG code, upstream message, the documented meaning of an SDRS code), then what to do:
 * the Handling Measure the SDRS error-code appendix gives for the code, quoted, and what sdrs-mcp
 * knows of its own setting (credentials, endpoint, limits).
 */
import { type CallToolResult, ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { AuthError } from "../auth/errors.js";
import { certificateAdvice } from "../config/certificates.js";
import { named } from "../config/settings.js";
import { SdrsError } from "../sdrs/errors.js";
import { documentedCode, explainErrorCode } from "../sdrs/explain.js";
import { InvalidIdError } from "../sdrs/ids.js";
import { PagingLimitError } from "../sdrs/paging.js";
import { scrubText } from "../text/secrets.js";

export class ToolInputError extends Error {}

/** Team mode: the project is not one this server serves (SDRS_MCP_PROJECTS). */
export class ProjectRefusedError extends Error {
  constructor(
    readonly projectId: string,
    readonly allowed: readonly string[],
  ) {
    const list = allowed.length ? allowed.join(", ") : "none (no default project is known yet)";
    super(
      `project_id ${projectId} is not one this server serves: allowed are ${list} (SDRS_MCP_PROJECTS). Nothing was sent to SDRS. Ask the server's operator to add the project, or use one of these.`,
    );
    this.name = "ProjectRefusedError";
  }
}

/** The configuration could not be used; each problem says what to set. */
export class UnconfiguredError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `sdrs-mcp is not configured, so nothing was sent to SDRS. Fix this in the server's settings, then restart it:\n${problems.map((p) => `- ${p}`).join("\n")}`,
    );
    this.name = "UnconfiguredError";
  }
}

export class ToolDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`The tool call did not finish within ${ms / 1000} s and was stopped`);
    this.name = "ToolDeadlineError";
  }
}

export type FailureClass =
  | "authentication"
  | "permission"
  | "not-found"
  | "invalid-input"
  | "throttled"
  | "unavailable"
  | "timeout"
  | "clock-skew"
  | "malformed"
  | "network"
  | "redirected"
  | "cancelled"
  | "certificate";

const NEXT_STEP: Record<FailureClass, string> = {
  authentication: `The credentials were not accepted: a token may have expired (IAM tokens are valid 24 hours; renew ${named("OS_AUTH_TOKEN")}) or belong to another project, or ${named("OS_ACCESS_KEY")} / ${named("OS_SECRET_KEY")} are wrong.`,
  // The IAM permission list of Open Telekom Cloud: SDRS has one system role, SDRS Administrator
  // (full permissions; to be granted with Tenant Guest and Server Administrator), and Tenant
  // Guest is read-only for every service but IAM. No fine-grained SDRS actions are documented.
  permission:
    "The credentials lack permission for this SDRS operation or project: check the user's roles in IAM for this project (reading needs Tenant Guest or SDRS Administrator; deleting failed-task records needs SDRS Administrator, granted with Tenant Guest and Server Administrator) and the project_id.",
  "not-found":
    "Check the ID and project_id: find protection groups with list_sdrs_protection_groups and failed tasks with list_failed_sdrs_tasks.",
  "invalid-input":
    "SDRS rejected the request: check the arguments against the tool's input schema.",
  throttled: "SDRS is throttling requests: wait a minute before trying again.",
  unavailable: "SDRS is having trouble: try again in a few minutes.",
  timeout:
    "SDRS did not answer in time: try again later, ask for a smaller page (limit), or raise SDRS_MCP_TIMEOUT_MS.",
  "clock-skew":
    "The API gateway rejected the request time: check that the system clock is correct (it must be within 15 minutes of real time).",
  malformed:
    "SDRS answered with a body sdrs-mcp cannot read: try again; if it persists the API may have changed, run with SDRS_MCP_LOG_LEVEL=debug and report it.",
  network: `Could not reach SDRS: check the network and ${named("SDRS_ENDPOINT")} / ${named("OS_REGION_NAME")}.`,
  redirected: `SDRS answered with a redirect, which sdrs-mcp does not follow (credentials would go to another address): set ${named("SDRS_ENDPOINT")} to the final https:// address.`,
  cancelled: "The call was cancelled.",
  certificate: certificateAdvice(undefined, "SDRS_ENDPOINT"),
};

/**
 * SDRS refused the fixed IAM token (401): tokens are valid 24 hours and sdrs-mcp cannot renew
 * one it was given, so the advice is how to get a new one, that the server reads it at start,
 * and what lasts instead.
 */
const TOKEN_REJECTED =
  "SDRS rejected the IAM token: it has expired (IAM tokens are valid 24 hours) or was revoked. " +
  `Get a new one with \`openstack token issue -f value -c id\` (valid 24 hours), put it in ${named("OS_AUTH_TOKEN")} ` +
  "or in the clouds.yaml entry as auth.token, then restart sdrs-mcp: it reads the token at start " +
  "(an MCP Bundle restarts when its settings change). For a setup that lasts, use an access key " +
  `pair instead (${named("OS_ACCESS_KEY")} and ${named("OS_SECRET_KEY")}; an MCP Bundle keeps ` +
  `them in the system keychain) or a clouds.yaml entry (${named("OS_CLOUD")}).`;

const KEYS_REJECTED =
  `SDRS did not accept the access key pair: check ${named("OS_ACCESS_KEY")} and ${named("OS_SECRET_KEY")} ` +
  "(a key deleted or disabled in IAM is refused the same way; temporary keys also need a " +
  `${named("OS_SECURITY_TOKEN")} that has not expired), then restart sdrs-mcp.`;

const FRESH_TOKEN_REJECTED =
  "SDRS refused a token IAM had just issued for this user: check that the project " +
  `(${named("OS_PROJECT_ID")} / ${named("OS_PROJECT_NAME")}) is the one the user's SDRS permissions are in.`;

const REJECTED: Record<NonNullable<SdrsError["credential"]>, string> = {
  token: TOKEN_REJECTED,
  aksk: KEYS_REJECTED,
  iam: FRESH_TOKEN_REJECTED,
};

const PERMISSION_CODES = new Set(["SDRS.0003", "SDRS.0004", "SDRS.0005", "SDRS.0009"]);
const AUTH_CODES = new Set(["SDRS.0001", "SDRS.0002", "SDRS.0014", "APIG.0301", "APIG.0307"]);

export function classify(e: SdrsError): FailureClass {
  switch (e.kind) {
    case "timeout":
      return "timeout";
    case "network":
      return "network";
    case "malformed":
      return "malformed";
    case "aborted":
      return "cancelled";
    case "certificate":
      return "certificate";
    case "http":
      break;
  }
  const status = e.status ?? 0;
  const code = e.code ?? "";
  if (code === "APIG.0303") return "clock-skew";
  if (status === 401 || AUTH_CODES.has(code)) return "authentication";
  if (status === 403 || PERMISSION_CODES.has(code)) return "permission";
  if (status === 429 || code === "APIG.0308") return "throttled";
  if (status >= 300 && status < 400) return "redirected";
  if (status === 404 || /not found/i.test(explainErrorCode(code) ?? "")) return "not-found";
  if (status >= 500) return "unavailable";
  return "invalid-input";
}

/**
 * What to do next. A proxy in the way changes what to check for a network failure (a refused
 * certificate is never blamed on the proxy being down); the credentials SDRS refused decide the
 * advice for a 401.
 */
function nextStep(error: SdrsError): string {
  const failure = classify(error);
  if (failure === "certificate") {
    return certificateAdvice(error.certificateReason, "SDRS_ENDPOINT", error.proxy);
  }
  if (failure === "authentication" && error.credential) return REJECTED[error.credential];
  if (error.proxy && (failure === "network" || failure === "timeout")) {
    return `Could not reach SDRS through the proxy ${error.proxy}: check that the proxy is up and lets this host through (${named("HTTPS_PROXY")} / HTTP_PROXY, ${named("NO_PROXY")}), and ${named("SDRS_ENDPOINT")} / ${named("OS_REGION_NAME")}.`;
  }
  return NEXT_STEP[failure];
}

/** An isError result saying `text`. */
export function textError(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

export function errorResult(error: unknown, endpointNote?: string): CallToolResult {
  return textError(describeError(error, endpointNote));
}

/** IAM answered the sign-in with a refusal (wrong credentials, a locked user), not silence. */
export function refusedByIam(error: unknown): boolean {
  return error instanceof AuthError && error.kind === "http";
}

/**
 * `endpointNote`: what to say when SDRS could not be reached at an address that may not exist
 * (a region whose SDRS host is not in the official endpoint list: config/regions.ts).
 */
export function describeError(error: unknown, endpointNote?: string): string {
  if (error instanceof InvalidIdError || error instanceof ToolInputError) {
    return `Invalid input: ${error.message}. Nothing was sent to SDRS.`;
  }
  // Already phrased for a person, ending with what to do.
  if (
    error instanceof AuthError ||
    error instanceof UnconfiguredError ||
    error instanceof PagingLimitError ||
    error instanceof ProjectRefusedError
  ) {
    return error.message;
  }
  if (error instanceof ToolDeadlineError) {
    return `${error.message}. SDRS is slow or unreachable: try again later, narrow the request (filters, a smaller limit), or raise SDRS_MCP_TOOL_TIMEOUT_MS.`;
  }
  if (error instanceof SdrsError) {
    const code = documentedCode(error.code);
    const meaning =
      code && !error.upstreamMessage?.includes(code.message)
        ? ` [${error.code} is documented as: ${code.message}]`
        : "";
    const handling = code
      ? ` The SDRS error-code appendix says to do: ${JSON.stringify(code.handling)}.`
      : "";
    const step =
      error.code === "SDRS.1013"
        ? "The protection group does not exist in this project: find valid IDs with list_sdrs_protection_groups."
        : nextStep(error);
    const unreached = endpointNote && ["network", "timeout"].includes(classify(error));
    return `${error.message}${meaning}.${handling} ${step}${unreached ? ` ${endpointNote}` : ""}`;
  }
  return "Internal error in sdrs-mcp while handling this call. Try again; if it persists, run with SDRS_MCP_LOG_LEVEL=debug and report the stderr log.";
}

/**
 * Enough to diagnose from the log, scrubbed like any output: the stack's first line repeats the
 * message, so an upstream body that echoed a password would otherwise reach the log through it.
 * A stack only for errors of our own making (SDRS errors carry their request instead).
 */
export function errorForLog(error: unknown, secrets: readonly string[]): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubText(String(error), secrets) };
  const { kind, status, code } = error as { kind?: string; status?: number; code?: string };
  const message = scrubText(error.message, secrets);
  return kind
    ? { name: error.name, message, kind, status, code }
    : { name: error.name, message, stack: scrubText(error.stack ?? "", secrets) };
}

/**
 * A JSON-RPC error for requests other than tool calls (resources/read). Not an McpError: its
 * message already starts "MCP error -32602:", and the client adds that prefix once more.
 */
export function requestError(kind: "invalid-params" | "internal", message: string): Error {
  const code = kind === "invalid-params" ? ErrorCode.InvalidParams : ErrorCode.InternalError;
  return Object.assign(new Error(message), { code });
}
