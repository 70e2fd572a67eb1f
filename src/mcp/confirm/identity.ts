/**
 * What "the same set of records" means when a delete is confirmed (CONTRACT "Deletes are
 * confirmed against a preview"). A record's identity is its job_id, else its resource_id, else
 * a digest of the whole record: SDRS may leave an ID out (a missing or null job_id reads as ""),
 * and a set compared by count alone let other records take the place of the ones the user saw.
 * Each record also brings its failure status, its name and where it is listed, so a record whose
 * ID stayed while what the user saw of it changed does not pass as unchanged.
 */
import { createHash } from "node:crypto";
import type { FoundRecord } from "../../format/delete-preview.js";
import type { FailureJob } from "../../sdrs/schemas.js";

/** job_id, else resource_id, else a digest of the record as SDRS sent it (every field). */
function identityOf(job: FailureJob): string {
  if (job.job_id !== "") return `job_id:${job.job_id}`;
  if (job.resource_id !== "") return `resource_id:${job.resource_id}`;
  return `record:${sha256(canonicalJson(job)).toString("hex")}`;
}

/** A record SDRS gave no ID at all: it can be told apart only by everything it says. */
export function lacksId(job: FailureJob): boolean {
  return job.job_id === "" && job.resource_id === "";
}

/** SHA-256 over the sorted descriptors of the set: its size and order do not matter, its members do. */
export function setDigest(found: readonly FoundRecord[]): Buffer {
  const descriptors = found
    .map(({ job, where }) =>
      JSON.stringify([identityOf(job), where ?? "", job.failure_status, job.resource_name]),
    )
    .sort();
  return sha256(descriptors.join("\n"));
}

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** JSON with every object's keys in one order, so the same record always digests the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
