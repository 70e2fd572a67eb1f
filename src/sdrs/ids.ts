/**
 * Identifier formats and the one helper that builds request paths. IDs are checked here, before
 * any request, so a malformed value never reaches the API or changes the path's meaning.
 */

export const PROJECT_ID = /^[0-9a-f]{32}$/;
/** What a user may type: the same ID in either case, lower-cased before any request. */
export const ANY_CASE_PROJECT_ID = /^[0-9a-fA-F]{32}$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** SDRS job IDs are 32 hex characters; failure job IDs may be a job ID or a resource UUID. */
export const JOB_ID =
  /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export class InvalidIdError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field} must be ${expected}`);
    this.name = "InvalidIdError";
  }
}

export function assertId(value: string, pattern: RegExp, field: string, expected: string): string {
  if (!pattern.test(value)) throw new InvalidIdError(field, expected);
  return value;
}

export const assertProjectId = (value: string) =>
  assertId(value, PROJECT_ID, "project_id", "32 lowercase hexadecimal characters");

/** `/v1/{project_id}/...`: every segment percent-encoded. */
export function apiPath(projectId: string, ...segments: string[]): string {
  return ["", "v1", assertProjectId(projectId), ...segments].map(encodeURIComponent).join("/");
}
