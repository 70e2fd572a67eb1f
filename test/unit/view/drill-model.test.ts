import { describe, expect, it } from "vitest";
import {
  DRILL_LIMIT,
  groupFailuresCall,
  jobCall,
  jobDetailOf,
  REASON_GIST_LENGTH,
  reasonGist,
  taskPageOf,
} from "../../../src/view/drill-model.js";

describe("the calls the view asks the host for", () => {
  it("lists one group's failed tasks in the answer's project", () => {
    expect(groupFailuresCall("0605767e1f00d4b72f1ec0127a5e6a5b", "g-1")).toEqual({
      name: "list_failed_sdrs_tasks",
      arguments: {
        project_id: "0605767e1f00d4b72f1ec0127a5e6a5b",
        server_group_id: "g-1",
        limit: DRILL_LIMIT,
      },
    });
    expect(groupFailuresCall(null, "g-1").arguments).not.toHaveProperty("project_id");
  });

  it("reads one job", () => {
    expect(jobCall("p", "j")).toEqual({
      name: "get_sdrs_job",
      arguments: { project_id: "p", job_id: "j" },
    });
  });
});

describe("taskPageOf", () => {
  it("reads the page, its rows and the code meanings", () => {
    const page = taskPageOf({
      content: [],
      structuredContent: {
        summary: "4 failed tasks",
        page: { offset: 0, limit: 50, returned: 1, total: 4, next_offset: null },
        tasks: [
          {
            job_id: "j1",
            job_type: "createProtectedInstance",
            failure_status: "createFail",
            resource_type: "protected_instances",
            resource_name: "ecs-1",
            resource_id: "r1",
            error_code: "SDRS.1350",
            fail_reason: "why",
            begin_time: "2026-12-01T00:00:00Z",
          },
        ],
        tasks_omitted: 0,
        error_meanings: { "SDRS.1350": "Failed to create the protected instance" },
      },
    });
    expect(page).toMatchObject({ kind: "tasks", total: 4, returned: 1, omitted: 0 });
    if (page.kind !== "tasks") throw new Error("not a page");
    expect(page.tasks[0]).toMatchObject({
      jobId: "j1",
      jobType: "createProtectedInstance",
      resourceId: "r1",
      failReason: "why",
    });
    expect(page.meanings.get("SDRS.1350")).toBe("Failed to create the protected instance");
  });

  it("turns isError and an empty answer into an error to show", () => {
    expect(taskPageOf({ isError: true, content: [{ type: "text", text: "HTTP 403" }] })).toEqual({
      kind: "error",
      message: "HTTP 403",
    });
    expect(taskPageOf({})).toEqual({ kind: "error", message: "The answer held no data." });
  });
});

describe("jobDetailOf", () => {
  it("reads the job, the failed step and its entities", () => {
    const detail = jobDetailOf({
      structuredContent: {
        summary: "Job failed",
        job: {
          job_id: "j1",
          job_type: "failover",
          status: "FAIL",
          begin_time: "b",
          end_time: "e",
          error_code: "SDRS.1030",
          fail_reason: "r",
          entities: {},
        },
        failed_step: {
          job_id: "s1",
          job_type: "sub",
          status: "FAIL",
          begin_time: "b",
          end_time: "e",
          error_code: "",
          fail_reason: "root",
          entities: { server_group_id: "g1", volume_ids: "v1,v2" },
          depth: 1,
        },
        sub_jobs: [{}, {}],
      },
    });
    expect(detail).toMatchObject({ kind: "job", subJobs: 2, job: { status: "FAIL" } });
    if (detail.kind !== "job") throw new Error("not a job");
    expect(detail.failedStep?.entities).toEqual([
      { key: "server_group_id", value: "g1" },
      { key: "volume_ids", value: "v1,v2" },
    ]);
  });

  it("takes a job with no failed step", () => {
    const detail = jobDetailOf({ structuredContent: { job: null, failed_step: null } });
    expect(detail).toMatchObject({ kind: "job", job: null, failedStep: null, subJobs: 0 });
  });
});

describe("jobDetailOf: handling", () => {
  it("prefers the official Handling Measure to sdrs-mcp's pointer", () => {
    const detail = jobDetailOf({
      structuredContent: {
        error_next_steps: { "SDRS.1030": "Check the group.", "SDRS.1": "pointer" },
        error_handling: { "SDRS.1030": "Contact technical support." },
      },
    });
    if (detail.kind !== "job") throw new Error("not a job");
    expect(Object.fromEntries(detail.handling)).toEqual({
      "SDRS.1030": "Contact technical support.",
      "SDRS.1": "pointer",
    });
  });
});

describe("a long reason's gist", () => {
  const java =
    "SdrsAttachVolumeTask-fail:com.huawei.sdrs.common.exception.SdrsException: SdrsAttachVolumeTask execute failed at com.huawei.sdrs.task.executor.TaskExecutor.execute(TaskExecutor.java:342) at org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:861) Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out after 600s at com.huawei.sdrs.service.impl.ReplicationPairServiceImpl.waitVolumeStatus(ReplicationPairServiceImpl.java:475) at java.lang.Thread.run(Thread.java:46) ... 34 more";

  it("shows a short reason whole", () => {
    expect(reasonGist("SdrsGenerateNativeServerParamsTask-fail:volume is error!")).toBeNull();
  });

  it("shows what failed and the last Caused by of a Java chain, without its frames", () => {
    const gist = reasonGist(java) ?? "";
    expect(gist).toContain("SdrsAttachVolumeTask execute failed");
    expect(gist).toContain(
      "Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out after 600s",
    );
    expect(gist).not.toMatch(/\sat [\w$.]+\(/);
    expect(gist.length).toBeLessThanOrEqual(REASON_GIST_LENGTH);
  });

  it("shows the beginning of any other long reason, within the length", () => {
    const gist = reasonGist("x".repeat(1000)) ?? "";
    expect(gist.length).toBeLessThanOrEqual(REASON_GIST_LENGTH);
    expect(gist.endsWith("…")).toBe(true);
  });
});
