import { describe, expect, it } from "vitest";
import { cleanText } from "../../../src/text/clean.js";
import { findChain } from "../../../src/text/root-cause.js";

/** The official example's reason (api-reference.md, "Querying Failed Tasks"). */
const OFFICIAL = "SdrsGenerateNativeServerParamsTask-fail:volume is error!";

const frames = (n: number, indent = "\t") =>
  Array.from(
    { length: n },
    (_, i) =>
      `${indent}at com.huawei.sdrs.task.executor.TaskExecutor.step${i}(TaskExecutor.java:${100 + i})`,
  );

/** What failed, 20 frames, two causes with frames, the innermost last, then its frames. */
const JAVA = [
  "SdrsFailoverProtectionGroupTask-fail:com.huawei.sdrs.common.exception.SdrsException: failover failed",
  ...frames(20),
  "Caused by: com.huawei.sdrs.client.evs.EvsClientException: call evs api failed, response code 400",
  ...frames(12),
  "\t... 34 more",
  "Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out after 600s",
  ...frames(25),
  "\t... 41 more",
].join("\n");

const PYTHON = [
  "SdrsExpandVolumeTask-fail:Traceback (most recent call last):",
  '  File "/opt/sdrs/agent/volumes.py", line 212, in wait_for',
  '    status = self._client.get(volume_id)["status"]',
  "    ~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^",
  "TimeoutError: wait for volume 9b1f0c2e status available timed out after 600 s",
  "",
  "The above exception was the direct cause of the following exception:",
  "",
  "Traceback (most recent call last):",
  '  File "/opt/sdrs/agent/replication.py", line 88, in expand',
  "    self._wait(volume_id)",
  "sdrs_agent.errors.ReplicationError: replication pair 589d2dd6 could not be expanded",
].join("\n");

describe("findChain", () => {
  it("reads a Java chain: the first line, the causes in order, the innermost last", () => {
    const chain = findChain(JAVA);
    expect(chain?.what).toBe(
      "SdrsFailoverProtectionGroupTask-fail:com.huawei.sdrs.common.exception.SdrsException: failover failed",
    );
    expect(chain?.causes.map((c) => [c.type, c.message])).toEqual([
      ["com.huawei.sdrs.client.evs.EvsClientException", "call evs api failed, response code 400"],
      [
        "java.util.concurrent.TimeoutException",
        "wait for volume status [available] timed out after 600s",
      ],
    ]);
    expect(chain?.cutAfter).toBe(true);
  });

  it("leaves out Suppressed: exceptions and the causes printed under them", () => {
    const text = [
      "com.huawei.sdrs.common.exception.SdrsException: delete failed",
      ...frames(3),
      "\tSuppressed: java.lang.IllegalStateException: close failed",
      ...frames(2, "\t\t"),
      "\tCaused by: java.io.IOException: stream already closed",
      ...frames(2, "\t\t"),
      "Caused by: java.net.ConnectException: Connection refused (Connection refused)",
      ...frames(4),
      "\tSuppressed: java.lang.RuntimeException: cleanup failed",
      "\tCaused by: java.lang.IllegalArgumentException: not the root",
    ].join("\n");
    const chain = findChain(text);
    expect(chain?.causes.map((c) => c.message)).toEqual([
      "Connection refused (Connection refused)",
    ]);
  });

  it("reads a Java chain whose line breaks were flattened into spaces", () => {
    const chain = findChain(JAVA.replaceAll("\n", " "));
    expect(chain?.causes.at(-1)?.message).toBe(
      "wait for volume status [available] timed out after 600s",
    );
    expect(chain?.what).toBe(findChain(JAVA)?.what);
  });

  it("reads a chained Python traceback: the innermost cause first, what failed last", () => {
    const chain = findChain(PYTHON);
    expect(chain?.what).toBe(
      "SdrsExpandVolumeTask-fail: sdrs_agent.errors.ReplicationError: replication pair 589d2dd6 could not be expanded",
    );
    expect(chain?.causes.map((c) => [c.type, c.message])).toEqual([
      ["TimeoutError", "wait for volume 9b1f0c2e status available timed out after 600 s"],
    ]);
  });

  it("reads a Go chain, splitting only at ': ' (URLs, ports and times stay whole)", () => {
    const text =
      'SdrsAttachVolumeTask-fail:attach volume 5c1d: Post "https://evs.eu-de.otc.t-systems.com/v2/x/volumes": dial tcp 100.125.4.25:443: connect: connection refused';
    const chain = findChain(text);
    expect(chain?.what).toBe("SdrsAttachVolumeTask-fail:attach volume 5c1d");
    expect(chain?.causes.map((c) => c.message)).toEqual([
      'Post "https://evs.eu-de.otc.t-systems.com/v2/x/volumes"',
      "dial tcp 100.125.4.25:443",
      "connect",
      "connection refused",
    ]);
  });

  it("takes no text for a chain when the shape is not clear", () => {
    expect(findChain(OFFICIAL)).toBeUndefined();
    expect(findChain("volume status: error, code: 500, message: quota exceeded")).toBeUndefined();
    expect(findChain("backup at 12:30:00: done")).toBeUndefined(); // two segments only
    expect(findChain('create server failed: {"error": {"message": "x"}}: y')).toBeUndefined();
    expect(findChain("retry at least 3 times (then give up)")).toBeUndefined();
    expect(findChain("line one\nline two: with: colons")).toBeUndefined();
  });
});

describe("cleanText keeps what failed and why", () => {
  it("keeps the official example whole", () => {
    expect(cleanText(OFFICIAL, 160)).toBe(OFFICIAL);
    expect(cleanText(`${OFFICIAL}\n${frames(30).join("\n")}`, 160)).toBe(
      `SdrsGenerateNativeServerParamsTask-fail:volume is error! …`,
    );
  });

  it("keeps every cause of a Java chain when only the frames need to go", () => {
    expect(cleanText(JAVA, 600)).toBe(
      "SdrsFailoverProtectionGroupTask-fail:com.huawei.sdrs.common.exception.SdrsException: failover failed … " +
        "Caused by: com.huawei.sdrs.client.evs.EvsClientException: call evs api failed, response code 400 … " +
        "Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out after 600s …",
    );
  });

  it("drops the outer causes, then the type's package, then the head's end", () => {
    expect(cleanText(JAVA, 300)).toBe(
      "SdrsFailoverProtectionGroupTask-fail:com.huawei.sdrs.common.exception.SdrsException: failover failed … " +
        "Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out after 600s …",
    );
    const short = cleanText(JAVA, 160);
    expect(short).toBe(
      "SdrsFailoverProtectionGroupTask-fail:com.huawei.sdrs.common.exception.SdrsException: failover failed … wait for volume status [available] timed out after 600s …",
    );
    expect(cleanText(JAVA, 130)).toBe(
      "SdrsFailoverProtectionGroupTask-fail:com.h… Caused by: TimeoutException: wait for volume status [available] timed out after 600s …",
    );
    expect(short.length).toBeLessThanOrEqual(160);
  });

  it("keeps a Python chain's innermost cause after what failed", () => {
    expect(cleanText(PYTHON, 200)).toBe(
      "SdrsExpandVolumeTask-fail: sdrs_agent.errors.ReplicationError: replication pair 589d2dd6 could not be expanded … " +
        "TimeoutError: wait for volume 9b1f0c2e status available timed out after 600 s",
    );
  });

  it("keeps a Go chain's root and as many wrappers before it as fit", () => {
    const text = `SdrsAttachVolumeTask-fail:attach volume 5c1d: Post "https://evs.eu-de.otc.t-systems.com/v2/${"0".repeat(64)}/volumes": dial tcp 100.125.4.25:443: connect: connection refused`;
    expect(cleanText(text, 120)).toBe(
      "SdrsAttachVolumeTask-fail:attach volume 5c1d … dial tcp 100.125.4.25:443: connect: connection refused",
    );
  });

  it("cuts a cause longer than the field in its own middle, marking every cut", () => {
    const root = `volume ${"x".repeat(400)} is in error`;
    const text = `SdrsTask-fail:com.x.SdrsException: failed\n${frames(5).join("\n")}\nCaused by: java.io.IOException: ${root}\n${frames(5).join("\n")}`;
    const short = cleanText(text, 100);
    expect(short.length).toBeLessThanOrEqual(100);
    expect(short.startsWith("…volume xxx")).toBe(true);
    expect(short.endsWith("xxx is in error…")).toBe(true);
    expect(short).not.toContain("TaskExecutor");
  });

  it("cleans what it keeps: no control, bidi or format character survives", () => {
    const text = JAVA.replace("wait for", "wait\u202e\u200b for").replace("600s", "600s\u0007");
    const short = cleanText(text, 300);
    expect(short).toContain("wait for volume status [available] timed out after 600s");
    expect(short).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});

describe("a traceback whose line breaks became spaces", () => {
  const FLAT = `SdrsDeleteProtectionGroupTask-fail:Traceback (most recent call last): File "/opt/cloud/sdrs-driver/replication/volume.py", line 158, in wait_for_status status = self._evs.get_volume(volume_id)["status"] File "/opt/cloud/sdrs-driver/clients/evs.py", line 467, in get_volume raise DriverError(body.get('message', reason)) sdrs_driver.errors.DriverError: Volume 1234 stuck in status error_restoring The above exception was the direct cause of the following exception: Traceback (most recent call last): File "/opt/cloud/sdrs-driver/tasks/runner.py", line 133, in run result = step.execute(context) File "/opt/cloud/sdrs-driver/tasks/runner.py", line 189, in execute raise TaskFailed(self.name) from exc sdrs_driver.errors.TaskFailed: SdrsDeleteProtectionGroupTask failed`;

  it("keeps its innermost cause and what failed, apart from the frames' source lines", () => {
    const chain = findChain(FLAT);
    expect(chain?.what).toBe(
      "SdrsDeleteProtectionGroupTask-fail: sdrs_driver.errors.TaskFailed: SdrsDeleteProtectionGroupTask failed",
    );
    expect(chain?.causes.map((c) => [c.type, c.message])).toEqual([
      ["sdrs_driver.errors.DriverError", "Volume 1234 stuck in status error_restoring"],
    ]);
    expect(cleanText(FLAT, 300)).toContain("Volume 1234 stuck in status error_restoring");
  });

  it("reads as the same chain as the traceback with its lines", () => {
    expect(findChain(PYTHON.replace(/\s+/g, " "))).toEqual(findChain(PYTHON));
  });

  it("finds the exception after a source line that has colons of its own, or without a message", () => {
    const flat = [
      'Traceback (most recent call last): File "a.py", line 3, in f if not ok: raise Gone()',
      "~~~^^^ sdrs.Gone: disk gone",
      "During handling of the above exception, another exception occurred:",
      'Traceback (most recent call last): File "b.py", line 9, in g else: stop() TaskStopped',
    ].join(" ");
    const chain = findChain(flat);
    expect(chain?.what).toBe("TaskStopped");
    expect(chain?.causes.map((c) => [c.type, c.message])).toEqual([["sdrs.Gone", "disk gone"]]);
  });
});

describe("a huge chain keeps its innermost cause wherever it sits", () => {
  it("Java: the cause after 400 frames, then 1 MiB of frames", () => {
    const text = [
      "com.huawei.sdrs.SdrsException: Failover failed",
      ...frames(400),
      "Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out",
      ...frames(25_000),
      "\t... 34 more",
    ].join("\n");
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(cleanText(text, 600)).toBe(
      "com.huawei.sdrs.SdrsException: Failover failed … Caused by: java.util.concurrent.TimeoutException: wait for volume status [available] timed out …",
    );
  });

  it("Java: the last top-level cause, not a suppressed one's after it", () => {
    const text = [
      "com.huawei.sdrs.SdrsException: Failover failed",
      ...frames(20_000),
      "Caused by: java.io.IOException: disk gone",
      ...frames(20_000),
      "\tSuppressed: java.lang.IllegalStateException: close failed",
      "\t\tCaused by: java.io.IOException: not the root",
      ...frames(20_000),
    ].join("\n");
    const out = cleanText(text, 300);
    expect(out).toContain("disk gone");
    expect(out).not.toContain("not the root");
  });

  it("Python: what failed (its last exception line), never frames cut mid-line", () => {
    const middle = Array.from(
      { length: 20_000 },
      (_, i) => `  File "b${i}.py", line ${i}, in g\n    y()`,
    ).join("\n");
    const text = `Traceback (most recent call last):\n  File "a.py", line 1, in f\n    x()\nValueError: disk gone\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n${middle}\nTaskFailed: the task failed`;
    expect(cleanText(text, 600)).toBe("TaskFailed: the task failed … ValueError: disk gone");
  });

  it("Python: the innermost cause after 20,000 frames", () => {
    const frames = Array.from({ length: 20_000 }, (_, i) => `  File "a${i}.py", line ${i}, in f`);
    const text = [
      "Traceback (most recent call last):",
      ...frames,
      "ValueError: disk gone",
      "",
      "During handling of the above exception, another exception occurred:",
      "",
      "Traceback (most recent call last):",
      ...frames,
      "TaskFailed: the task failed",
    ].join("\n");
    expect(cleanText(text, 600)).toBe("TaskFailed: the task failed … ValueError: disk gone");
    expect(cleanText(text.replace(/\s+/g, " "), 600)).toBe(
      "TaskFailed: the task failed … ValueError: disk gone",
    );
  });
});
