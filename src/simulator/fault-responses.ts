import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Fault } from "./faults.js";
import { JSON_CONTENT_TYPE, type SimResponse, send, serialize } from "./responses.js";

export type ResponseFault = Exclude<Fault, { kind: "latency" }>;

/** Starts like a failure-jobs answer, then stops being JSON. */
const MALFORMED_JSON = '{"count": 2, "failure_jobs": [{"job_status": "FAIL", "resource_id": ';

function htmlErrorPage(status: number): string {
  const title = status === 502 ? "502 Bad Gateway" : `${status} Error`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
  );
}

/**
 * Answers a request the way the fault says. `serve` computes the real answer, for the faults
 * that deliver it damaged or late. `signal` aborts waits when the simulator closes.
 */
export async function performFault(
  fault: ResponseFault,
  res: ServerResponse,
  serve: () => SimResponse,
  requestId: string,
  signal: AbortSignal,
): Promise<void> {
  switch (fault.kind) {
    case "status":
      return send(
        res,
        { status: fault.status, body: fault.body, headers: fault.headers },
        requestId,
      );
    case "json":
      // JSON.stringify(undefined) is undefined: send the literal null rather than nothing.
      return send(
        res,
        jsonText(fault.status ?? 200, JSON.stringify(fault.body) ?? "null"),
        requestId,
      );
    case "malformed":
      return send(res, jsonText(200, MALFORMED_JSON), requestId);
    case "html": {
      const status = fault.status ?? 502;
      const headers = { "Content-Type": "text/html" };
      return send(res, { status, body: htmlErrorPage(status), headers }, requestId);
    }
    case "reset":
      res.socket?.destroy();
      return;
    case "stall":
      return; // the socket stays open until the client gives up or the simulator closes
    case "truncated": {
      const { status, headers, payload } = serialize(serve(), requestId);
      res.writeHead(status, headers);
      // Content-Length promises the whole body; the socket ends after half of it.
      res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.end());
      return;
    }
    case "slow-body": {
      const { status, headers, payload } = serialize(serve(), requestId);
      res.writeHead(status, headers);
      res.flushHeaders();
      await sleep(fault.ms, undefined, { signal });
      res.end(payload);
      return;
    }
  }
}

/** A JSON content type over text that may not be JSON at all. */
function jsonText(status: number, text: string): SimResponse {
  return { status, body: text, headers: { "Content-Type": JSON_CONTENT_TYPE } };
}
