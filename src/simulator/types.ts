/** Shapes of the simulated SDRS data, field for field as the API returns them. */

/**
 * A protection group as `GET /v1/{project_id}/server-groups` lists it (OTC api-ref
 * apis/protection_group/querying_protection_groups.rst; HW SDK show_protection_group_params.py).
 */
export interface ServerGroup {
  id: string;
  name: string;
  /** null in the OTC example ("description": null). */
  description: string | null;
  status: string;
  progress: number;
  source_availability_zone: string;
  target_availability_zone: string;
  domain_id: string;
  domain_name: string;
  priority_station: "source" | "target";
  protected_instance_num: number;
  replication_num: number;
  disaster_recovery_drill_num: number;
  /** The three below are null for groups created after the service upgrade (all sources). */
  protected_status: "started" | "stopped" | null;
  replication_status: "active" | "inactive" | "copying" | "active-stopped" | null;
  /** The HW Go SDK enum also lists the literal string "null". */
  health_status: "normal" | "abnormal" | "null" | null;
  source_vpc_id: string;
  target_vpc_id: string;
  /** "Not used in the current version": null in the OTC example. */
  test_vpc_id: string | null;
  dr_type: string;
  /** `yyyy-MM-dd HH:mm:ss.SSS`: no T, no Z, unlike the task times. */
  created_at: string;
  updated_at: string;
  /** "replication-pair" after the upgrade; null (or HW's literal "null") for older groups. */
  protection_type: "replication-pair" | "null" | null;
  /** "Reserved": null in the OTC example. */
  replication_model: string | null;
  server_type: string;
}

/** One item of `failure_jobs`: every field is a string in the documented response. */
export interface FailureJob {
  job_status: string;
  resource_id: string;
  resource_name: string;
  resource_type: string;
  failure_status: string;
  job_id: string;
  job_type: string;
  /** `yyyy-MM-ddTHH:mm:ss.SSSZ`. */
  begin_time: string;
  error_code: string;
  fail_reason: string;
}

export interface FailureJobRecord {
  /** null for a protection-group-level failure (listed when no server_group_id is given). */
  serverGroupId: string | null;
  job: FailureJob;
}

export type JobStatus = "SUCCESS" | "RUNNING" | "FAIL" | "INIT";

/**
 * What a job or sub-job worked on (HW SDK sub_job_entities.py; job_entities.py adds sub_jobs).
 * Only the IDs that apply are present, as in the OTC examples.
 */
export interface SubJobEntities {
  server_group_id?: string;
  protected_instance_id?: string;
  replication_pair_id?: string;
  /** The DR site server. */
  native_server_id?: string;
  nic_id?: string;
  /** Comma-separated disk IDs, a string as in the model. */
  volume_ids?: string;
}

export interface JobEntities extends SubJobEntities {
  /** Absent when the job has none (the OTC SUCCESS example has no sub_jobs key). */
  sub_jobs?: SubJob[];
}

interface JobFields {
  status: JobStatus;
  job_id: string;
  job_type: string;
  begin_time: string;
  end_time: string | null;
  error_code: string | null;
  fail_reason: string | null;
}

/** `GET /v1/{project_id}/jobs/{job_id}` (OTC api-ref apis/job/querying_the_job_status.rst). */
export interface Job extends JobFields {
  entities: JobEntities;
}

/** HW SDK sub_job_params.py: the parent's fields, entities without sub_jobs (no nesting). */
export interface SubJob extends JobFields {
  entities: SubJobEntities;
}

/** `GET /v1/{project_id}/protected-instances` item (OTC querying_protected_instances.rst). */
export interface ProtectedInstance {
  id: string;
  name: string;
  description: string;
  server_group_id: string;
  status: string;
  progress: number;
  source_server: string;
  target_server: string;
  /** `yyyy-MM-dd HH:mm:ss.SSS`. */
  created_at: string;
  updated_at: string;
  priority_station: "source" | "target";
  attachment: { replication: string; device: string }[];
  tags: { key: string; value: string }[];
  /** `{}`, or `{"__system__frozen": "true"}` for a frozen resource. */
  metadata: Record<string, string>;
}

/** `GET /v1/{project_id}/replications` item (OTC querying_replication_pairs.rst). */
export interface ReplicationPair {
  id: string;
  name: string;
  description: string;
  replication_model: string;
  status: string;
  progress: number;
  replication_status: "active" | "inactive" | "copying" | "active-stopped";
  attachment: { device: string; protected_instance: string }[];
  server_group_id: string;
  /** Comma-separated: the production and DR site disks. */
  volume_ids: string;
  priority_station: "source" | "target";
  /** "0" no fault, "2" production disk not readable/writable, "5" replication link down. */
  fault_level: "0" | "2" | "5";
  /** `yyyy-MM-ddTHH:mm:ss.SSSSSS` (no zone), as in the OTC example. */
  created_at: string;
  updated_at: string;
  record_metadata: {
    multiattach: boolean;
    bootable: boolean;
    volume_size: number;
    volume_type: string;
  };
  /** "Returned only when status is error": an error code. */
  failure_detail?: string;
}

/** `GET /v1/{project_id}/disaster-recovery-drills` item (OTC querying_dr_drills.rst). */
export interface DisasterRecoveryDrill {
  id: string;
  name: string;
  status: string;
  server_group_id: string;
  drill_vpc_id: string;
  /** `yyyy-MM-dd HH:mm:ss.SSS`. */
  created_at: string;
  updated_at: string;
  drill_servers: { protected_instance: string; drill_server_id: string }[];
}

/** One of `quotas.resources` (OTC querying_the_tenant_quota.rst); -1 means unlimited. */
export interface QuotaResource {
  type: "server_groups" | "replications";
  used: number;
  quota: number;
  min: number;
  max: number;
}

export interface SimulatorData {
  serverGroups: ServerGroup[];
  /** Newest first. Deletes remove records in place, so held references stay live. */
  failureJobs: FailureJobRecord[];
  jobs: Map<string, Job>;
  protectedInstances: ProtectedInstance[];
  replications: ReplicationPair[];
  drills: DisasterRecoveryDrill[];
  quotas: QuotaResource[];
}

export interface DataSetOptions {
  seed?: number;
  groups?: number;
  failuresPerGroup?: number;
  groupLevelFailures?: number;
  /**
   * Every generated time lies before this instant (ms). Default: the start of the current UTC
   * day, so demo data stays dated relative to now and a day's data sets are all alike.
   */
  epochMs?: number;
}

/** Whether failure-jobs `count` is every matching job or the size of the page returned. */
export type CountMode = "total" | "page";

/** Which ID `DELETE task-center/failure-jobs/{failure_job_id}` finds a record by. */
export type FailureJobKey = "resource_id" | "job_id";

/** What request handlers read and mutate. */
export interface HandlerContext {
  data: SimulatorData;
  countMode: CountMode;
  failureJobKey: FailureJobKey;
  /** Whether an explicit limit=1000 is refused with SDRS.0221 (the error text's reading). */
  rejectLimit1000: boolean;
  /** Rows a page holds at most, whatever limit asks for (Infinity: the limit rules). */
  maxPageSize: number;
  /** The simulator clock (ms), for "no DR drill within three months". */
  now: () => number;
}
