/**
 * Response schemas, applied at the boundary. Fields the API documents as strings stay free
 * strings (the official example returns resource_type "protectedInstance", error codes come
 * from other services such as EVS.2024). Missing or null strings become "" so that one odd item
 * does not hide a whole page; a wrong type is a malformed response. Unknown fields pass through.
 */
import { z } from "zod";

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");

export const failureJobSchema = z.looseObject({
  job_status: text,
  resource_id: text,
  resource_name: text,
  resource_type: text,
  failure_status: text,
  job_id: text,
  job_type: text,
  begin_time: text,
  error_code: text,
  fail_reason: text,
});
export type FailureJob = z.infer<typeof failureJobSchema>;

export const failureJobsPageSchema = z.looseObject({
  count: z.number().int().nonnegative().nullish(),
  failure_jobs: z.array(failureJobSchema),
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

export const jobSchema = baseJobSchema.extend({
  entities: z
    .looseObject({
      server_group_id: z.string().nullish(),
      sub_jobs: z.array(baseJobSchema).nullish(),
    })
    .nullish(),
});
export type Job = z.infer<typeof jobSchema>;
export type SubJob = z.infer<typeof baseJobSchema>;

export const serverGroupSchema = z.looseObject({
  id: z.string(),
  name: text,
  description: text,
  status: text,
  source_availability_zone: text,
  target_availability_zone: text,
  priority_station: text,
  protected_instance_num: z.number().int().nullish(),
  replication_num: z.number().int().nullish(),
  disaster_recovery_drill_num: z.number().int().nullish(),
  protected_status: z.string().nullish(),
  replication_status: z.string().nullish(),
  health_status: z.string().nullish(),
  created_at: text,
  updated_at: text,
});
export type ServerGroup = z.infer<typeof serverGroupSchema>;

export const serverGroupsPageSchema = z.looseObject({
  count: z.number().int().nonnegative().nullish(),
  server_groups: z.array(serverGroupSchema),
});
export type ServerGroupsPage = z.infer<typeof serverGroupsPageSchema>;
