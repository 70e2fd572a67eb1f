/**
 * The one table of field lengths: how many characters of each upstream field a row keeps.
 * Every row projection cleans through `clip`, so a length is written once, here. Reasons get a
 * ladder instead of one length: the budget step keeps the longest that fits every row.
 */
import { cleanerOf, cleanText } from "../text/clean.js";

export const FIELD_LENGTHS = {
  // identifiers (UUIDs, 32-hex job IDs; volume_ids is a comma-separated list of disk IDs)
  id: 64,
  job_id: 64,
  resource_id: 64,
  server_group_id: 64,
  protected_instance_id: 64,
  replication_pair_id: 64,
  native_server_id: 64,
  nic_id: 64,
  volume_ids: 300,
  // words of the API's vocabularies and free strings like them
  job_type: 64,
  status: 40,
  failure_status: 40,
  resource_type: 40,
  error_code: 40,
  health_status: 40,
  protected_status: 40,
  replication_status: 40,
  protection_type: 40,
  priority_station: 16,
  fault_level: 8,
  quota_type: 40,
  source_availability_zone: 40,
  target_availability_zone: 40,
  // times
  begin_time: 40,
  end_time: 40,
  created_at: 40,
  updated_at: 40,
  // names
  name: 128,
  resource_name: 128,
  group_name: 128,
  // our own error text about a group that could not be read
  error: 300,
  // a key of a breakdown (a status, type or error code)
  breakdown_key: 64,
  // a reason or name quoted inside a summary sentence
  summary_reason: 300,
  summary_name: 64,
} as const;

export type ClippedField = keyof typeof FIELD_LENGTHS;

/**
 * fail_reason lengths, most generous first. A small page keeps whole reasons (real ones are a
 * few hundred characters); a full page of long ones goes down the ladder, and past its end rows
 * are left out instead.
 */
export const REASON_LENGTHS = [6000, 1500, 600, 300, 160] as const;
/** The reasons an answer is about (a job's own, its failed step's) never go below this. */
export const FOCUS_REASON_LENGTH = 1500;

/** One field, cleaned and shortened (beginning … end) to its length in the table. */
export function clip(field: ClippedField, value: string): string {
  return cleanText(value, FIELD_LENGTHS[field]);
}

/**
 * How often each key of `keys` occurs, counted raw and then clipped as `field` once per distinct
 * key (pages repeat a handful of keys); keys that clip alike add up, in order of appearance.
 */
export function countClipped(keys: Iterable<string>, field: ClippedField): Map<string, number> {
  const raw = new Map<string, number>();
  for (const k of keys) raw.set(k, (raw.get(k) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [k, n] of raw) {
    const clean = clip(field, k);
    counts.set(clean, (counts.get(clean) ?? 0) + n);
  }
  return counts;
}

/** Like clip, for fields the API may leave null: null stays null (unknown). */
export function clipOrNull(field: ClippedField, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : clip(field, value);
}

/** The named fields of an upstream item, each clipped to its length. */
export function project<K extends ClippedField>(
  item: Readonly<Record<K, string>>,
  fields: readonly K[],
): Record<K, string> {
  const row = {} as Record<K, string>;
  for (const field of fields) row[field] = clip(field, item[field]);
  return row;
}

/** A fail_reason at the length the budget step chose. */
export function reason(value: string, length: number): string {
  return cleanText(value, length);
}

/** A fail_reason at any of the lengths the budget step tries, cleaned once for all of them. */
export function reasonAtAnyLength(value: string): (length: number) => string {
  return cleanerOf(value);
}
