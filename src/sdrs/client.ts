/**
 * The SDRS API as a few typed functions. Knows nothing of MCP: tools call these. Filters and
 * fields as the OTC API reference and Huawei's SDK models (huaweicloudsdksdrs/v1) document them;
 * IDs that go into a path or a query are checked first, so a malformed one is never sent.
 */
import { apiPath, assertId, JOB_ID, UUID } from "./ids.js";
import {
  type DrillsPage,
  drillsPageSchema,
  type ProtectedInstancesPage,
  protectedInstancesPageSchema,
  type Quotas,
  quotasSchema,
  type ReplicationsPage,
  replicationsPageSchema,
} from "./member-schemas.js";
import {
  type HttpContext,
  type Query,
  type SdrsResponse,
  sdrsGet,
  sdrsRequest,
} from "./request.js";
import {
  type FailureJobsPage,
  failureJobsPageSchema,
  type Job,
  jobSchema,
  type ServerGroupDetails,
  type ServerGroupsPage,
  serverGroupDetailsSchema,
  serverGroupsPageSchema,
} from "./schemas.js";
import type {
  FailureStatus,
  GroupQueryType,
  ListingQueryType,
  ResourceType,
} from "./vocabulary.js";

interface Paged {
  limit?: number;
  offset?: number;
}

export interface FailureJobFilters extends Paged {
  failure_status?: FailureStatus;
  resource_name?: string;
  server_group_id?: string;
  resource_type?: ResourceType;
}

export interface ServerGroupFilters extends Paged {
  name?: string;
  status?: string;
  query_type?: GroupQueryType;
  availability_zone?: string;
}

export interface ProtectedInstanceFilters extends Paged {
  server_group_id?: string;
  status?: string;
  name?: string;
  query_type?: ListingQueryType;
  availability_zone?: string;
}

/** The protected instances' filters, and one instance's pairs. */
export interface ReplicationFilters extends ProtectedInstanceFilters {
  protected_instance_id?: string;
}

export interface DrillFilters extends Paged {
  server_group_id?: string;
  status?: string;
  name?: string;
  drill_vpc_id?: string;
}

export interface SdrsClient {
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
  /** One protection group (its name, for previews that name the group they touch). */
  getServerGroup(
    projectId: string,
    serverGroupId: string,
    signal?: AbortSignal,
  ): Promise<SdrsResponse<ServerGroupDetails>>;
  listProtectedInstances(
    projectId: string,
    filters: ProtectedInstanceFilters,
    signal?: AbortSignal,
  ): Promise<SdrsResponse<ProtectedInstancesPage>>;
  listReplications(
    projectId: string,
    filters: ReplicationFilters,
    signal?: AbortSignal,
  ): Promise<SdrsResponse<ReplicationsPage>>;
  listDrills(
    projectId: string,
    filters: DrillFilters,
    signal?: AbortSignal,
  ): Promise<SdrsResponse<DrillsPage>>;
  getQuotas(projectId: string, signal?: AbortSignal): Promise<SdrsResponse<Quotas>>;
  /** Resolves with the HTTP status SDRS answered (a 2xx; anything else rejects). */
  deleteFailureJob(projectId: string, failureJobId: string, signal?: AbortSignal): Promise<number>;
  /** Without serverGroupId: the group-level failures; with it: the failures inside that group. */
  deleteAllFailureJobs(
    projectId: string,
    serverGroupId?: string,
    signal?: AbortSignal,
  ): Promise<number>;
}

/**
 * The same client with `around` run around every call (a limit on calls in flight, a record of
 * the statuses). A Proxy, so a client whose methods are made on access is wrapped too.
 */
export function aroundCalls(
  client: SdrsClient,
  around: (call: () => Promise<unknown>, args: readonly unknown[]) => Promise<unknown>,
): SdrsClient {
  return new Proxy(client, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== "function") return member;
      return (...args: unknown[]) => around(() => member.apply(target, args), args);
    },
  });
}

/** IDs that go into a query, checked. */
function checkIds(filters: { server_group_id?: string; protected_instance_id?: string }): Query {
  if (filters.server_group_id) assertId(filters.server_group_id, UUID, "server_group_id", "a UUID");
  if (filters.protected_instance_id)
    assertId(filters.protected_instance_id, UUID, "protected_instance_id", "a UUID");
  return { ...filters };
}

export function createSdrsClient(ctx: HttpContext): SdrsClient {
  return {
    listFailureJobs: async (projectId, filters, signal) => {
      const path = apiPath(projectId, "task-center", "failure-jobs");
      return sdrsGet(ctx, path, failureJobsPageSchema, checkIds(filters), signal);
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
    getServerGroup: async (projectId, serverGroupId, signal) => {
      const id = assertId(serverGroupId, UUID, "server_group_id", "a UUID");
      return sdrsGet(
        ctx,
        apiPath(projectId, "server-groups", id),
        serverGroupDetailsSchema,
        {},
        signal,
      );
    },
    listProtectedInstances: async (projectId, filters, signal) =>
      sdrsGet(
        ctx,
        apiPath(projectId, "protected-instances"),
        protectedInstancesPageSchema,
        checkIds(filters),
        signal,
      ),
    listReplications: async (projectId, filters, signal) =>
      sdrsGet(
        ctx,
        apiPath(projectId, "replications"),
        replicationsPageSchema,
        checkIds(filters),
        signal,
      ),
    listDrills: async (projectId, filters, signal) =>
      sdrsGet(
        ctx,
        apiPath(projectId, "disaster-recovery-drills"),
        drillsPageSchema,
        checkIds(filters),
        signal,
      ),
    getQuotas: async (projectId, signal) =>
      sdrsGet(ctx, apiPath(projectId, "sdrs", "quotas"), quotasSchema, {}, signal),
    deleteFailureJob: async (projectId, failureJobId, signal) => {
      const id = assertId(failureJobId, JOB_ID, "failure_job_id", "32 hex characters or a UUID");
      const path = apiPath(projectId, "task-center", "failure-jobs", id);
      return (await sdrsRequest(ctx, { method: "DELETE", path, signal })).status;
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
      return (await sdrsRequest(ctx, { method: "DELETE", path, signal })).status;
    },
  };
}
