import { assessSdrsReadiness } from "./assess-sdrs-readiness.js";
import { deleteAllFailedSdrsTasks } from "./delete-all-failed-sdrs-tasks.js";
import { deleteFailedSdrsTask } from "./delete-failed-sdrs-task.js";
import { getSdrsJob } from "./get-sdrs-job.js";
import { listFailedSdrsTasks } from "./list-failed-sdrs-tasks.js";
import { listSdrsProtectionGroups } from "./list-sdrs-protection-groups.js";
import { summarizeSdrsFailures } from "./summarize-sdrs-failures.js";
import type { ToolDefinition } from "./types.js";

/** Every tool sdrs-mcp offers, in the order hosts list them; `write` ones need --allow-write. */
export const TOOLS: readonly ToolDefinition[] = [
  listFailedSdrsTasks,
  summarizeSdrsFailures,
  listSdrsProtectionGroups,
  getSdrsJob,
  assessSdrsReadiness,
  deleteFailedSdrsTask,
  deleteAllFailedSdrsTasks,
];

/** The names of the tools that delete (offered only with --allow-write; sdrs:write in team mode). */
export const WRITE_TOOL_NAMES: ReadonlySet<string> = new Set(
  TOOLS.filter((tool) => tool.write).map((tool) => tool.name),
);
