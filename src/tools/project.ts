import { ToolInputError } from "./errors.js";
import type { ServerDeps } from "./types.js";

export function resolveProjectId(projectId: string | undefined, deps: ServerDeps): string {
  const resolved = projectId ?? deps.defaultProjectId;
  if (!resolved) {
    throw new ToolInputError(
      "project_id is required: no default project is configured (set OS_PROJECT_ID or pass project_id)",
    );
  }
  return resolved;
}
