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
