/**
 * The audit line of a tool call in team mode: who (subject and client), what (tool, project),
 * how it ended, what SDRS answered, how long it took, and for deletes which records went. Only
 * values the server chose or checked go in: never a token, a JWT or an argument's free text.
 */

import { aroundCalls, type SdrsClient } from "../sdrs/client.js";
import { SdrsError } from "../sdrs/errors.js";
import { PROJECT_ID } from "../sdrs/ids.js";
import { cleanText } from "../text/clean.js";
import type { AuditEntry, AuditOutcome, CallAudit, RequestScope } from "./deps.js";
import { TOOLS } from "./tools/index.js";

const TOOL_NAMES = new Set(TOOLS.map((tool) => tool.name));

/** The tool a call names, if it is one of sdrs-mcp's; any other text is not repeated. */
function auditedTool(name: unknown): string {
  return typeof name === "string" && TOOL_NAMES.has(name) ? name : "(unknown)";
}

/** Identity values come from the token issuer: cleaned and cut like any outside text. */
const IDENTITY_LENGTH = 200;

/** Who the line is about, as the audit line shows it. */
function auditedIdentity(scope: RequestScope): Pick<AuditEntry, "subject" | "client"> {
  return {
    subject: cleanText(scope.subject, IDENTITY_LENGTH),
    client: scope.client === undefined ? null : cleanText(scope.client, IDENTITY_LENGTH),
  };
}

/**
 * The project a call is about: the one its arguments name (when it is a project ID; never other
 * text), else the configured default.
 */
async function auditedProject(
  args: unknown,
  defaultProjectId: () => Promise<string | undefined>,
): Promise<string | null> {
  const named = (args as { project_id?: unknown } | undefined)?.project_id;
  if (named !== undefined) {
    // The spelling the call goes out with: project_id is taken in either case.
    const id = typeof named === "string" ? named.toLowerCase() : undefined;
    return id !== undefined && PROJECT_ID.test(id) ? id : null;
  }
  return (await defaultProjectId().catch(() => undefined)) ?? null;
}

/** Who called which tool about which project: how every audit line of a tool call begins. */
export async function auditHead(
  scope: RequestScope,
  tool: unknown,
  args: unknown,
  defaultProjectId: () => Promise<string | undefined>,
): Promise<Pick<AuditEntry, "subject" | "client" | "tool" | "project_id">> {
  return {
    ...auditedIdentity(scope),
    tool: auditedTool(tool),
    project_id: await auditedProject(args, defaultProjectId),
  };
}

/** What one tool call did upstream and what it reports, gathered while it runs. */
export class CallRecorder implements CallAudit {
  private status: number | null = null;
  private readonly ids: string[] = [];
  private refused = false;

  /** The client of this call: every answer's status is noted. */
  observe(client: SdrsClient): SdrsClient {
    return aroundCalls(client, async (call) => {
      try {
        const result = await call();
        this.note(statusOf(result));
        return result;
      } catch (error) {
        this.note(error instanceof SdrsError ? error.status : undefined);
        throw error;
      }
    });
  }

  deleted(ids: readonly string[]): void {
    this.ids.push(...ids);
  }

  denied(): void {
    this.refused = true;
  }

  /** The outcome as the result says it, unless a policy refused the call. */
  outcome(isError: boolean): AuditOutcome {
    if (this.refused) return "denied";
    return isError ? "error" : "ok";
  }

  fields(): Pick<AuditEntry, "upstream_status" | "deleted"> {
    return {
      upstream_status: this.status,
      ...(this.ids.length > 0 && { deleted: { count: this.ids.length, ids: [...this.ids] } }),
    };
  }

  private note(status: number | undefined): void {
    if (status !== undefined && (this.status === null || status > this.status)) {
      this.status = status;
    }
  }
}

function statusOf(result: unknown): number | undefined {
  if (typeof result === "number") return result;
  const status = (result as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}
