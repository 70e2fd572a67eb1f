/**
 * Why a stdio connection ended, and what that means for the process: a client that closed
 * stdin or stopped reading stdout is a normal end (exit 0); anything else is logged and exits 1,
 * so a server that stopped hearing its client never lingers or ends silently with success.
 */

export type StdioEndReason =
  /** stdin reached EOF and every request read was answered (or the drain time ran out). */
  | "stdin-ended"
  /** The client stopped reading (EPIPE): nobody is left to answer. */
  | "stdout-closed"
  | "stdin-error"
  | "stdout-error"
  /** close() was called (by the server, or by the process shutting down). */
  | "closed";

export interface StdioEnd {
  reason: StdioEndReason;
  error?: Error;
  /** Requests read but never answered. */
  unanswered: number;
}

/** The log line and exit code for the end of the connection. */
export function endOutcome(end: StdioEnd): { reason: string; exitCode: 0 | 1 } {
  const unanswered = end.unanswered > 0 ? `; ${end.unanswered} call(s) left unanswered` : "";
  switch (end.reason) {
    case "stdin-ended":
      return { reason: `stdin closed${unanswered}`, exitCode: 0 };
    case "stdout-closed":
      return { reason: "stdout closed: the client is gone", exitCode: 0 };
    case "stdin-error":
      return { reason: "cannot read stdin", exitCode: 1 };
    case "stdout-error":
      return { reason: "cannot write stdout", exitCode: 1 };
    case "closed":
      return { reason: "the MCP connection was closed", exitCode: 1 };
  }
}
