import { listFailedSdrsTasks } from "./list-failed-sdrs-tasks.js";
import type { ToolDefinition } from "./types.js";

/** Every tool sdrs-mcp offers, in the order hosts list them. */
export const TOOLS: readonly ToolDefinition[] = [listFailedSdrsTasks];
