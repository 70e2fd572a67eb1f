/** Shapes of the simulated SDRS data, field for field as the API returns them. */

/** A protection group as `GET /v1/{project_id}/server-groups` lists it. */
export interface ServerGroup {
  id: string;
  name: string;
  description: string;
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
  protected_status: "started" | "stopped" | null;
  replication_status: "active" | "inactive" | "copying" | "active-stopped" | null;
  health_status: "normal" | "abnormal" | null;
  source_vpc_id: string;
  target_vpc_id: string;
  test_vpc_id: string;
  dr_type: string;
  /** `yyyy-MM-dd HH:mm:ss.SSS`: no T, no Z, unlike the task times. */
  created_at: string;
  updated_at: string;
  protection_type: string;
  replication_model: string;
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

export interface JobEntities {
  server_group_id: string;
  sub_jobs: Job[];
  /** Sub-jobs name the resource they worked on, as the SDK's JobEntities model does. */
  protected_instance_id?: string;
  replication_pair_id?: string;
}

/** `GET /v1/{project_id}/jobs/{job_id}`; sub-jobs have the same shape. */
export interface Job {
  status: JobStatus;
  job_id: string;
  job_type: string;
  begin_time: string;
  end_time: string | null;
  error_code: string | null;
  fail_reason: string | null;
  entities: JobEntities;
}

export interface SimulatorData {
  serverGroups: ServerGroup[];
  /** Newest first. Deletes remove records in place, so held references stay live. */
  failureJobs: FailureJobRecord[];
  jobs: Map<string, Job>;
}

export interface DataSetOptions {
  seed?: number;
  groups?: number;
  failuresPerGroup?: number;
  groupLevelFailures?: number;
}

/** Whether failure-jobs `count` is every matching job or the size of the page returned. */
export type CountMode = "total" | "page";

/** What request handlers read and mutate. */
export interface HandlerContext {
  data: SimulatorData;
  countMode: CountMode;
}
