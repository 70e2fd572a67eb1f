/**
 * Response schemas of the reads a DR readiness check needs beyond failed tasks: protected
 * instances, replication pairs, DR drills and the project's SDRS quotas. Fields as the OTC API
 * reference and Huawei's SDK models (huaweicloudsdksdrs/v1) document them. Parsed leniently at
 * the boundary: free strings stay strings, a missing or null string becomes "", fields the
 * sources document as nullable stay null, unknown fields pass through.
 */
import { z } from "zod";
import { pageCount, text, unknowable } from "./schemas.js";

const integer = z.number().int().nullish();

export const protectedInstanceSchema = z.looseObject({
  id: z.string(),
  name: text,
  description: z.string().nullish(),
  status: text,
  source_server: text,
  target_server: text,
  server_group_id: text,
  created_at: text,
  updated_at: text,
  metadata: z.looseObject({ __system__frozen: z.string().nullish() }).nullish(),
  attachment: z.array(z.looseObject({ replication: text, device: text })).nullish(),
  tags: z.array(z.looseObject({ key: text, value: text })).nullish(),
  progress: integer,
  priority_station: text,
});
export type ProtectedInstance = z.infer<typeof protectedInstanceSchema>;

/** fault_level is documented as the string "0" | "2" | "5"; a number is read as its digits. */
const faultLevel = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

export const replicationSchema = z.looseObject({
  id: z.string(),
  name: text,
  description: z.string().nullish(),
  status: text,
  volume_ids: text,
  attachment: z.array(z.looseObject({ protected_instance: text, device: text })).nullish(),
  created_at: text,
  updated_at: text,
  replication_model: z.string().nullish(),
  progress: integer,
  /** An SDRS error code, only when status is error. */
  failure_detail: z.string().nullish(),
  record_metadata: z
    .looseObject({
      multiattach: z.boolean().nullish(),
      bootable: z.boolean().nullish(),
      volume_size: integer,
      volume_type: z.string().nullish(),
    })
    .nullish(),
  fault_level: faultLevel,
  server_group_id: text,
  priority_station: text,
  /** Documented as required; read like the group's field of the same name (null = unknown). */
  replication_status: unknowable,
});
export type Replication = z.infer<typeof replicationSchema>;

export const drillSchema = z.looseObject({
  id: z.string(),
  name: text,
  status: text,
  drill_vpc_id: text,
  /** "yyyy-MM-dd HH:mm:ss.SSS", no zone. */
  created_at: text,
  updated_at: text,
  server_group_id: text,
  drill_servers: z
    .array(z.looseObject({ protected_instance: text, drill_server_id: text }))
    .nullish(),
});
export type Drill = z.infer<typeof drillSchema>;

/** quota and max are -1 when unlimited. */
export const quotaResourceSchema = z.looseObject({
  type: text,
  used: z.number().int(),
  quota: z.number().int(),
  min: integer,
  max: integer,
});
export type QuotaResource = z.infer<typeof quotaResourceSchema>;

export const protectedInstancesPageSchema = z.looseObject({
  count: pageCount,
  protected_instances: z.array(protectedInstanceSchema),
});
export const replicationsPageSchema = z.looseObject({
  count: pageCount,
  replications: z.array(replicationSchema),
});
export const drillsPageSchema = z.looseObject({
  count: pageCount,
  disaster_recovery_drills: z.array(drillSchema),
});
export const quotasSchema = z.looseObject({
  quotas: z.looseObject({ resources: z.array(quotaResourceSchema) }),
});
export type ProtectedInstancesPage = z.infer<typeof protectedInstancesPageSchema>;
export type ReplicationsPage = z.infer<typeof replicationsPageSchema>;
export type DrillsPage = z.infer<typeof drillsPageSchema>;
export type Quotas = z.infer<typeof quotasSchema>;
