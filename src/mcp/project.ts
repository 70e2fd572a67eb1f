import type { ServerDeps } from "./deps.js";
import { ToolInputError } from "./errors.js";

export async function resolveProjectId(
  projectId: string | undefined,
  deps: ServerDeps,
): Promise<string> {
  const resolved = projectId ?? (await deps.defaultProjectId());
  if (!resolved) {
    throw new ToolInputError(
      "project_id is required: no default project is configured (set OS_PROJECT_ID or pass project_id)",
    );
  }
  return resolved;
}
