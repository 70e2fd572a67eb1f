import type { GeneratedFailure } from "./failures.js";
import type { FailureJob } from "./types.js";

/**
 * The two items of the official "Querying Failed Tasks" example response, verbatim. They are
 * in-group failures (protected instances) and keep the example's quirks: resource_type
 * `protectedInstance` where the filter says `protected_instances`, an EVS error code, a job_type
 * without the NoCG suffix and begin times years older than everything else.
 */
export const DOCUMENTED_EXAMPLE_ITEMS: readonly FailureJob[] = [
  {
    job_status: "FAIL",
    resource_id: "17984002-ad8a-438b-8ba6-b850224634c5",
    resource_name: "Protected-Instance-ab14",
    resource_type: "protectedInstance",
    failure_status: "createFail",
    job_id: "ff808082686f229a0168707beaab014e",
    job_type: "createProtectedInstance",
    begin_time: "2019-01-21T12:56:35.754Z",
    error_code: "EVS.2024",
    fail_reason: "SdrsGenerateNativeServerParamsTask-fail:volume is error!",
  },
  {
    job_status: "FAIL",
    resource_id: "897f57b2-6e94-4179-b414-9532726c59f2",
    resource_name: "Protected-Instance-5e2e",
    resource_type: "protectedInstance",
    failure_status: "createFail",
    job_id: "ff808082686f229a0168707b9be9013e",
    job_type: "createProtectedInstance",
    begin_time: "2019-01-21T12:56:15.591Z",
    error_code: "EVS.2024",
    fail_reason: "SdrsGenerateNativeServerParamsTask-fail:volume is error!",
  },
];

export function documentedExampleFailures(serverGroupId: string): GeneratedFailure[] {
  return DOCUMENTED_EXAMPLE_ITEMS.map((item) => ({
    record: { serverGroupId, job: { ...item } },
    jobServerGroupId: serverGroupId,
  }));
}
