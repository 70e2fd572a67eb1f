/**
 * pino on stderr (fd 2): stdout belongs to JSON-RPC. Credential-bearing fields are redacted
 * wherever they appear, as a second line of defence; the code does not log them to begin with.
 */
import { type Logger, pino } from "pino";
import type { LogLevel } from "../config/values.js";

export const REDACT_PATHS = [
  "token",
  "password",
  "secretKey",
  "secret_key",
  "securityToken",
  "authorization",
  "*.token",
  "*.password",
  "*.secretKey",
  "*.securityToken",
  "*.authorization",
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["x-security-token"]',
  "headers.authorization",
];

export function createLogger(level: LogLevel, destination = quietDestination()): Logger {
  return pino(
    {
      name: "sdrs-mcp",
      level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
    },
    destination,
  );
}

/**
 * stderr, written synchronously (a log line is never lost when the process exits right after).
 * A failed write (stderr closed by the host) is dropped: losing the log must not crash the server.
 */
function quietDestination() {
  const destination = pino.destination({ dest: 2, sync: true });
  destination.on("error", () => {});
  return destination;
}
