/**
 * Response schemas, applied at the boundary. Fields the API documents as strings stay free
 * strings (the official example returns resource_type "protectedInstance", error codes come
 * from other services such as EVS.2024). Missing or null strings become "" so that one odd item
 * does not hide a whole page; a wrong type is a malformed response. Unknown fields pass through.
 */
import { z } from "zod";
import { knownOrNull } from "./vocabulary.js";

export const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");

/** An ID the API may give or leave out: absent and null both become null. */
const optionalId = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/**
 * A field the API leaves null for groups created after the service upgrade (Huawei's enums also
 * list the literal string "null"): every way of saying nothing becomes null, meaning unknown.
 */
export const unknowable = z
  .string()
  .nullish()
  .transform((v) => knownOrNull(v));

/** A listing's count: a total or the page's size, the API does not say (sdrs/paging.ts). */
export const pageCount = z.number().int().nonnegative().nullish();

const FAILURE_JOB_FIELDS = [
  "job_status",
  "resource_id",
  "resource_name",
  "resource_type",
  "failure_status",
  "job_id",
  "job_type",
  "begin_time",
  "error_code",
  "fail_reason",
] as const;
type FailureJobField = (typeof FAILURE_JOB_FIELDS)[number];

/** A failed task as it may come: every documented field a string, absent or null. */
const failureJobAsSent = z.looseObject(
  Object.fromEntries(FAILURE_JOB_FIELDS.map((f) => [f, z.string().nullish()])) as Record<
    FailureJobField,
    z.ZodOptional<z.ZodNullable<z.ZodString>>
  >,
);
type FailureJobAsSent = z.infer<typeof failureJobAsSent>;

/**
 * Tasks as `text` reads each field (absent or null become ""), filled in place in one pass over
 * the list: on a page of 1000 tasks a transform per field costs several times the whole
 * validation.
 */
function filledIn(jobs: FailureJobAsSent[]): FailureJob[] {
  for (const job of jobs) for (const field of FAILURE_JOB_FIELDS) job[field] ??= "";
  return jobs as FailureJob[];
}

export type FailureJob = Omit<FailureJobAsSent, FailureJobField> & Record<FailureJobField, string>;
export const failureJobSchema = failureJobAsSent.transform(
  (job) => filledIn([job])[0] as FailureJob,
);

export const failureJobsPageSchema = z.looseObject({
  count: pageCount,
  failure_jobs: z.array(failureJobAsSent).transform(filledIn),
});
export type FailureJobsPage = z.infer<typeof failureJobsPageSchema>;

export const baseJobSchema = z.looseObject({
  status: text,
  job_id: text,
  job_type: text,
  begin_time: text,
  end_time: text,
  error_code: text,
  fail_reason: text,
});

/**
 * What a job or sub-job touched (Huawei's JobEntities / SubJobEntities; OTC documents only
 * server_group_id). volume_ids is one string: the disk IDs of the replication pair.
 */
const entityIds = {
  server_group_id: optionalId,
  protected_instance_id: optionalId,
  replication_pair_id: optionalId,
  native_server_id: optionalId,
  nic_id: optionalId,
  volume_ids: optionalId,
};

export const subJobSchema = baseJobSchema.extend({
  entities: z.looseObject(entityIds).nullish(),
});
export type SubJob = z.infer<typeof subJobSchema>;

export const jobSchema = baseJobSchema.extend({
  entities: z
    .looseObject({
      ...entityIds,
      sub_jobs: z.array(subJobSchema).nullish(),
    })
    .nullish(),
});
export type Job = z.infer<typeof jobSchema>;

export const serverGroupSchema = z.looseObject({
  id: z.string(),
  name: text,
  description: text,
  status: text,
  source_availability_zone: text,
  target_availability_zone: text,
  priority_station: text,
  /**
   * Synchronization progress of the group, % (OTC querying_protection_groups.rst). Read
   * leniently: a value that is not a number says nothing, and fails no listing.
   */
  progress: z
    .number()
    .nullish()
    .catch(null)
    .transform((v) => (typeof v === "number" ? Math.round(v) : null)),
  protected_instance_num: z.number().int().nullish(),
  replication_num: z.number().int().nullish(),
  disaster_recovery_drill_num: z.number().int().nullish(),
  protected_status: unknowable,
  replication_status: unknowable,
  health_status: unknowable,
  protection_type: unknowable,
  domain_id: optionalId,
  domain_name: optionalId,
  created_at: text,
  updated_at: text,
});
export type ServerGroup = z.infer<typeof serverGroupSchema>;

/** GET server-groups/{server_group_id}: one group, the fields of the listing. */
export const serverGroupDetailsSchema = z.looseObject({ server_group: serverGroupSchema });
export type ServerGroupDetails = z.infer<typeof serverGroupDetailsSchema>;

export const serverGroupsPageSchema = z.looseObject({
  count: pageCount,
  server_groups: z.array(serverGroupSchema),
});
export type ServerGroupsPage = z.infer<typeof serverGroupsPageSchema>;
