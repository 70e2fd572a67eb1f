/**
 * The one place that turns a failure into an `isError` result: what happened first (status,
 * SDRS/APIG code, upstream message), then what to do next.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AuthError } from "../auth/errors.js";
import { SdrsError } from "../sdrs/errors.js";
import { InvalidIdError } from "../sdrs/ids.js";

export class ToolInputError extends Error {}

export class ToolDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`The tool call did not finish within ${ms / 1000} s and was stopped`);
    this.name = "ToolDeadlineError";
  }
}

export function errorResult(error: unknown): CallToolResult {
  return { isError: true, content: [{ type: "text", text: describeError(error) }] };
}

export function describeError(error: unknown): string {
  if (error instanceof InvalidIdError || error instanceof ToolInputError) {
    return `Invalid input: ${error.message}. Nothing was sent to SDRS.`;
  }
  if (error instanceof AuthError) return error.message;
  if (error instanceof ToolDeadlineError) {
    return `${error.message}. SDRS is slow or unreachable: try again later, narrow the request (filters, a smaller limit), or raise SDRS_MCP_TOOL_TIMEOUT_MS.`;
  }
  if (error instanceof SdrsError) return `${error.message}. ${nextStep(error)}`;
  return "Internal error in sdrs-mcp while handling this call. Try again; if it persists, run with SDRS_MCP_LOG_LEVEL=debug and report the stderr log.";
}

function nextStep(e: SdrsError): string {
  if (e.code === "APIG.0303") {
    return "The API gateway rejected the request time: check that the system clock is correct (it must be within 15 minutes of real time).";
  }
  if (e.code === "SDRS.1013") {
    return "The protection group does not exist in this project: find valid IDs with list_sdrs_protection_groups.";
  }
  switch (e.kind) {
    case "timeout":
      return "SDRS did not answer in time: try again later, ask for a smaller page (limit), or raise SDRS_MCP_TIMEOUT_MS.";
    case "network":
      return "Could not reach SDRS: check the network, proxy settings and SDRS_ENDPOINT / OS_REGION_NAME.";
    case "malformed":
      return "SDRS answered with a body sdrs-mcp cannot read: try again; if it persists the API may have changed, run with SDRS_MCP_LOG_LEVEL=debug and report it.";
    case "aborted":
      return "The call was cancelled.";
    case "http":
      return httpStep(e.status ?? 0);
  }
}

function httpStep(status: number): string {
  if (status === 401) {
    return "The credentials were not accepted: a token may have expired (IAM tokens live 24 hours; renew OS_AUTH_TOKEN) or belong to another project, or OS_ACCESS_KEY / OS_SECRET_KEY are wrong.";
  }
  if (status === 403) {
    return "The credentials lack permission for this SDRS operation or project: check the user's SDRS role and the project_id.";
  }
  if (status === 404) return "Not found: check the ID and project_id.";
  if (status === 429) return "SDRS is throttling requests: wait a minute before trying again.";
  if (status >= 500) return "SDRS is having trouble: try again in a few minutes.";
  return "SDRS rejected the request: check the arguments against the tool's input schema.";
}
