/**
 * The SDRS API as a few typed functions. Knows nothing of MCP: tools call these.
 */

import { type HttpContext, type SdrsResponse, sdrsGet, sdrsRequest } from "./http.js";
import { apiPath, assertId, JOB_ID, UUID } from "./ids.js";
import { type ReadinessCalls, readinessCalls } from "./readiness.js";
import {
  type FailureJobsPage,
  failureJobsPageSchema,
  type Job,
  jobSchema,
  type ServerGroupsPage,
  serverGroupsPageSchema,
} from "./schemas.js";
import type { FailureStatus, GroupQueryType, ResourceType } from "./vocabulary.js";

export interface FailureJobFilters {
  failure_status?: FailureStatus;
  resource_name?: string;
  server_group_id?: string;
  resource_type?: ResourceType;
  limit?: number;
  offset?: number;
}

export interface ServerGroupFilters {
  name?: string;
  status?: string;
  query_type?: GroupQueryType;
  availability_zone?: string;
  limit?: number;
  offset?: number;
}

/** Protected instances, replication pairs, drills and quotas: see readiness.ts. */
export interface SdrsClient extends ReadinessCalls {
  listFailureJobs(
    projectId: string,
    filters: FailureJobFilters,
    signal?: AbortSignal,
  ): Promise<SdrsResponse<FailureJobsPage>>;
  getJob(projectId: string, jobId: string, signal?: AbortSignal): Promise<SdrsResponse<Job>>;
  listServerGroups(
    projectId: string,
    filters: ServerGroupFilters,
    signal?: AbortSignal,
  ): Promise<SdrsResponse<ServerGroupsPage>>;
  deleteFailureJob(projectId: string, failureJobId: string, signal?: AbortSignal): Promise<void>;
  /** Without serverGroupId: the group-level failures; with it: the failures inside that group. */
  deleteAllFailureJobs(
    projectId: string,
    serverGroupId?: string,
    signal?: AbortSignal,
  ): Promise<void>;
}

export function createSdrsClient(ctx: HttpContext): SdrsClient {
  return {
    ...readinessCalls(ctx),
    listFailureJobs: async (projectId, filters, signal) => {
      if (filters.server_group_id)
        assertId(filters.server_group_id, UUID, "server_group_id", "a UUID");
      const path = apiPath(projectId, "task-center", "failure-jobs");
      return sdrsGet(ctx, path, failureJobsPageSchema, { ...filters }, signal);
    },
    getJob: async (projectId, jobId, signal) => {
      const id = assertId(jobId, JOB_ID, "job_id", "32 hex characters");
      return sdrsGet(ctx, apiPath(projectId, "jobs", id), jobSchema, {}, signal);
    },
    listServerGroups: async (projectId, filters, signal) =>
      sdrsGet(
        ctx,
        apiPath(projectId, "server-groups"),
        serverGroupsPageSchema,
        { ...filters },
        signal,
      ),
    deleteFailureJob: async (projectId, failureJobId, signal) => {
      const id = assertId(failureJobId, JOB_ID, "failure_job_id", "32 hex characters or a UUID");
      const path = apiPath(projectId, "task-center", "failure-jobs", id);
      await sdrsRequest(ctx, { method: "DELETE", path, signal });
    },
    deleteAllFailureJobs: async (projectId, serverGroupId, signal) => {
      const path = serverGroupId
        ? apiPath(
            projectId,
            "task-center",
            assertId(serverGroupId, UUID, "server_group_id", "a UUID"),
            "failure-jobs",
            "batch",
          )
        : apiPath(projectId, "task-center", "failure-jobs", "batch");
      await sdrsRequest(ctx, { method: "DELETE", path, signal });
    },
  };
}
