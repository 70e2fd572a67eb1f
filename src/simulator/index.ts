import type { AddressInfo } from "node:net";
import { staticTokenAuthenticator } from "./auth.js";
import { createDataSet, DEFAULT_SEED } from "./data.js";
import { type FaultController, FaultQueue } from "./faults.js";
import { createSimulatorServer, type RecordedRequest } from "./server.js";
import type { SimulatorData } from "./types.js";

/**
 * An in-process stand-in for Open Telekom Cloud's Storage Disaster Recovery Service: the
 * documented shapes, error bodies, status codes and paging over a deterministic data set, with
 * fault injection. Written from the API facts alone: it imports nothing from the client.
 */

export type { Authenticate } from "./auth.js";
export { createDataSet } from "./data.js";
export type { Fault, FaultController, FaultRule } from "./faults.js";
export type { RecordedRequest } from "./server.js";
export type {
  CountMode,
  FailureJob,
  FailureJobRecord,
  Job,
  JobEntities,
  JobStatus,
  ServerGroup,
  SimulatorData,
} from "./types.js";

export interface SimulatorOptions {
  /** Default 42; the whole data set is a pure function of (seed, sizes). */
  seed?: number;
  /** Default "0605767e1f00d4b72f1ec0127a5e6a5b" (32 lowercase hex). */
  projectId?: string;
  /** The X-Auth-Token accepted; default "sim-demo-token". */
  token?: string;
  /** Protection groups, default 6. */
  groups?: number;
  /** In-group failure jobs per group (default: 3..12 per group, seeded). */
  failuresPerGroup?: number;
  /** Group-level failure jobs (listed without server_group_id), default 14. */
  groupLevelFailures?: number;
  /** Whether failure-jobs `count` is all matching jobs (default) or the page size. */
  countMode?: "total" | "page";
  /** Base latency added to every response, default 0. */
  latencyMs?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
}

export interface Simulator {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  readonly port: number;
  readonly projectId: string;
  readonly token: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  readonly faults: FaultController;
  /** The live data set: deletes mutate it, tests compute expected answers from it. */
  readonly data: SimulatorData;
  /** Closes the server and every open socket promptly. */
  close(): Promise<void>;
}

export const DEFAULT_PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";
export const DEFAULT_TOKEN = "sim-demo-token";

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const projectId = options.projectId ?? DEFAULT_PROJECT_ID;
  const token = options.token ?? DEFAULT_TOKEN;
  const host = options.host ?? "127.0.0.1";
  const data = createDataSet({
    seed: options.seed ?? DEFAULT_SEED,
    groups: options.groups,
    failuresPerGroup: options.failuresPerGroup,
    groupLevelFailures: options.groupLevelFailures,
  });
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const { server, close } = createSimulatorServer({
    data,
    countMode: options.countMode ?? "total",
    projectId,
    authenticate: staticTokenAuthenticator(token),
    faults,
    latencyMs: options.latencyMs ?? 0,
    requests,
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    projectId,
    token,
    requests,
    faults,
    data,
    close,
  };
}
