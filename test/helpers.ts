import type { FailureJob } from "../src/sdrs/schemas.js";

/** A task as SDRS returns it, with a long reason and non-ASCII name when asked. */
export function makeJob(i: number, overrides: Partial<FailureJob> = {}): FailureJob {
  const hex = i.toString(16).padStart(12, "0");
  return {
    job_status: "FAIL",
    resource_id: `00000000-0000-4000-8000-${hex}`,
    resource_name: `Datenbank-Primär-数据库-${i}`,
    resource_type: [
      "server_groups",
      "protected_instances",
      "replications",
      "disaster_recovery_drills",
    ][i % 4] as string,
    failure_status: ["createFail", "failoverFail", "reprotectFail", "expandFail"][i % 4] as string,
    job_id: `ff80808268${hex.padStart(22, "0")}`,
    job_type: "createProtectedInstanceNoCG",
    begin_time: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    error_code: `SDRS.${1000 + (i % 7)}`,
    fail_reason: `SdrsCreateTask-fail: volume ${i} is in error state; ${"détail ".repeat(200)}`,
    ...overrides,
  };
}
