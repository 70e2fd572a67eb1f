import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { internalError } from "./errors.js";
import { performFault } from "./fault-responses.js";
import type { FaultQueue } from "./faults.js";
import { send } from "./responses.js";
import { answer, type RequestContext } from "./routes.js";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /**
   * The body as UTF-8 text, once it has arrived. IAM bodies hold passwords: the log stays in
   * the process, for tests to check what a client sent.
   */
  body?: string;
}

export interface ServerOptions extends RequestContext {
  faults: FaultQueue;
  latencyMs: number;
  /** Called once per request on arrival; the body is filled in once it has been read. */
  record: (request: RecordedRequest) => void;
}

export interface SimulatorServer {
  server: Server;
  /** Ends every open socket (stalled ones too) and pending waits, then closes the listener. */
  close(): Promise<void>;
}

export function createSimulatorServer(options: ServerOptions): SimulatorServer {
  const lifetime = new AbortController();
  let requestCount = 0;
  const server = createServer((req, res) => {
    requestCount += 1;
    const requestId = requestCount.toString(16).padStart(32, "0");
    handle(req, res, requestId, options, lifetime.signal).catch(() => {
      // A wait aborted by close() or a write to a socket already gone; answer only if still possible.
      if (!res.headersSent && !res.destroyed) send(res, internalError(), requestId);
    });
  });
  let closing: Promise<void> | undefined;
  // Idempotent: tests and the --demo shutdown path may both close.
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      lifetime.abort();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  return { server, close };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  options: ServerOptions,
  signal: AbortSignal,
): Promise<void> {
  const method = req.method ?? "GET";
  const target = req.url ?? "/";
  const url = new URL(target, "http://simulator.invalid");
  const headers = { ...req.headers };
  const record: RecordedRequest = { method, path: url.pathname, query: url.searchParams, headers };
  options.record(record);

  // Taken on arrival, so faults apply in the order requests come in, whatever their bodies.
  const fault = options.faults.take(method, target);
  const body = await readBody(req);
  record.body = body.toString("utf8");
  const delay = options.latencyMs + (fault?.kind === "latency" ? fault.ms : 0);
  if (delay > 0) await sleep(delay, undefined, { signal });

  const serve = () => {
    try {
      return answer({ method, url, headers, body, requestId }, options);
    } catch {
      return internalError();
    }
  };
  if (fault !== undefined && fault.kind !== "latency") {
    await performFault(fault, res, serve, requestId, signal);
  } else {
    send(res, serve(), requestId);
  }
}

/** The whole body (IAM reads it, AK/SK signs it); reading also keeps keep-alive sockets usable. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
