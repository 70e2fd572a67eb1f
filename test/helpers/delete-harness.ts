/**
 * The delete tools' tests: the shared harness with --allow-write (and, where a test asks, a
 * client that declares form elicitation), plus readers of what the simulator was sent.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, vi } from "vitest";
import type { FailureJobRecord, Simulator } from "../../src/simulator/index.js";
import { type Harness, type HarnessOptions, type OnElicit, startHarness } from "./harness.js";

export const ONE = "delete_failed_sdrs_task";
export const ALL = "delete_all_failed_sdrs_tasks";

export type { OnElicit };

export interface DeleteHarness extends Harness {
  /** The paths of every DELETE the simulator received, in order. */
  deletes(): string[];
}

/** startHarness with --allow-write, and the DELETEs the simulator saw. */
export async function startDeleteHarness(options: HarnessOptions = {}): Promise<DeleteHarness> {
  const h = await startHarness({ ...options, allowWrite: true });
  return {
    ...h,
    deletes: () => h.sim.requests.filter((r) => r.method === "DELETE").map((r) => r.path),
  };
}

/** A starter for one test file: each test's harness is closed after it, timers made real. */
export function harnessPerTest(): typeof startDeleteHarness {
  let current: DeleteHarness | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await startDeleteHarness(options);
    return current;
  };
}

/** The records listed under one scope (null: protection-group level), as the simulator has them. */
export function recordsIn(sim: Simulator, serverGroupId: string | null): FailureJobRecord[] {
  return sim.data.failureJobs.filter((r) => r.serverGroupId === serverGroupId);
}

/** The first record of a scope, as the simulator lists it. */
export function firstRecord(sim: Simulator, serverGroupId: string | null): FailureJobRecord {
  const record = recordsIn(sim, serverGroupId)[0];
  if (!record) throw new Error(`no failure listed under ${serverGroupId ?? "group level"}`);
  return record;
}

/** A group that has failures inside it. */
export function groupWithFailures(sim: Simulator): string {
  const record = sim.data.failureJobs.find((r) => r.serverGroupId !== null);
  if (!record?.serverGroupId) throw new Error("the simulator has no failure inside a group");
  return record.serverGroupId;
}

/** The path of the single DELETE (and GET) of one failed-task record by `id`. */
export function recordPath(sim: Simulator, id: string): string {
  return `/v1/${sim.projectId}/task-center/failure-jobs/${id}`;
}

/** What the delete tools answer (see deleteOutput), for reading in tests. */
export interface DeleteAnswer {
  summary: string;
  outcome: string;
  project_id: string;
  server_group_id: string | null;
  preview?: { count: number; first: unknown[]; by_failure_status: Record<string, number> };
  confirm_token?: string;
  confirm_token_expires_at?: string;
  deleted?: { count: number };
  sent?: { id: string; id_kind: string; answer: string }[];
  records?: { job_id: string; resource_id: string; result: string; error?: string }[];
  not_found?: string[];
  failure_job_ids?: string[];
  left?: number | null;
}

export function structured(result: CallToolResult): DeleteAnswer {
  if (result.isError) throw new Error(`unexpected isError: ${JSON.stringify(result.content)}`);
  return result.structuredContent as unknown as DeleteAnswer;
}
