import type { AddressInfo } from "node:net";
import type { AccessKey } from "./aksk.js";
import { createGuard, issuedTokenAuthenticator, staticTokenAuthenticator } from "./auth.js";
import { createDataSet, DEFAULT_SEED } from "./data.js";
import { type FaultController, FaultQueue } from "./faults.js";
import { accountsFrom, type CatalogEndpoints, DEFAULT_USER, type SimulatorUser } from "./iam.js";
import { createRequestLog } from "./request-log.js";
import { createSimulatorServer, type RecordedRequest } from "./server.js";
import { dayStart } from "./time.js";
import { TokenStore } from "./tokens.js";
import type { FailureJobKey, SimulatorData } from "./types.js";

/**
 * An in-process stand-in for Open Telekom Cloud's Storage Disaster Recovery Service: the
 * documented shapes, error bodies, status codes and paging over a deterministic data set, with
 * fault injection. Written from the API facts alone: it imports nothing from the client.
 */

export type { AccessKey } from "./aksk.js";
export type { Authenticate } from "./auth.js";
export { createDataSet } from "./data.js";
export type { Fault, FaultController, FaultRule } from "./faults.js";
export { type CatalogEndpoints, DEFAULT_USER, type SimulatorUser } from "./iam.js";
export { DEFAULT_REQUEST_LOG } from "./request-log.js";
export type { RecordedRequest } from "./server.js";
export type {
  CountMode,
  DisasterRecoveryDrill,
  FailureJob,
  FailureJobKey,
  FailureJobRecord,
  Job,
  JobEntities,
  JobStatus,
  ProtectedInstance,
  QuotaResource,
  ReplicationPair,
  ServerGroup,
  SimulatorData,
  SubJob,
  SubJobEntities,
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
  /** Whether listings' `count` is all matching items (default) or the page size. */
  countMode?: "total" | "page";
  /**
   * Which ID `DELETE task-center/failure-jobs/{failure_job_id}` finds a record by: the
   * `resource_id` as every official example does (default), or the `job_id`.
   */
  failureJobKey?: FailureJobKey;
  /**
   * Refuse an explicit limit=1000 with SDRS.0221, reading that error's text ("greater than 0 or
   * less than 1000") literally. Default false: the documented range 0..1000 (0 is refused).
   */
  rejectLimit1000?: boolean;
  /**
   * At most this many rows a page, whatever limit asks for (the API does not document a page
   * size of its own; `count` still says how many match). Default: none below the limit.
   */
  maxPageSize?: number;
  /** Requests kept in `requests` (the newest); default 1000, 0 none, Infinity all. */
  requestLog?: number;
  /**
   * Every generated time lies before this instant (ms); default: the start of the current UTC
   * day on the simulator clock, so the data is dated relative to now.
   */
  epochMs?: number;
  /** Token catalog URLs: the simulator (default) or the region's official hosts. */
  catalogEndpoints?: CatalogEndpoints;
  /** Base latency added to every response, default 0. */
  latencyMs?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Who may get IAM tokens; default [DEFAULT_USER]. */
  users?: SimulatorUser[];
  /** The project's name in IAM (scope by name, token body); default "<region>_demo". */
  projectName?: string;
  /** The catalog's region (eu-de, eu-nl, eu-ch2...); default "eu-de". */
  region?: string;
  /** IAM token lifetime, default 24 h. */
  tokenTtlMs?: number;
  /** AK/SK pairs the gateway accepts; default [DEFAULT_ACCESS_KEY]. */
  accessKeys?: AccessKey[];
  /** The simulator clock (ms) for token expiry and X-Sdk-Date skew; default Date.now. */
  now?: () => number;
}

export interface Simulator {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  readonly port: number;
  readonly projectId: string;
  readonly token: string;
  /** The newest requests received (see requestLog), oldest first. */
  readonly requests: RecordedRequest[];
  /** Every request received so far, whether `requests` still holds it or not. */
  readonly requestsReceived: number;
  /** Resolves when the next request arrives, before it is answered (faults included). */
  nextRequest(): Promise<RecordedRequest>;
  readonly faults: FaultController;
  /** The live data set: deletes mutate it, tests compute expected answers from it. */
  readonly data: SimulatorData;
  /** "<url>/v3": POST auth/tokens beneath it. */
  readonly iamUrl: string;
  readonly projectName: string;
  readonly region: string;
  /** Every IAM-issued token stops working; the static token keeps working. */
  revokeTokens(): void;
  /** How many tokens IAM issued so far (revoked and expired ones included). */
  readonly issuedTokens: number;
  /** Closes the server and every open socket promptly. */
  close(): Promise<void>;
}

export const DEFAULT_PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";
export const DEFAULT_TOKEN = "sim-demo-token";
export const DEFAULT_REGION = "eu-de";
export const DEFAULT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_ACCESS_KEY: Readonly<AccessKey> = {
  accessKey: "SIMACCESSKEY0000DEMO",
  secretKey: "sim-secret-key-0000-demo",
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const projectId = options.projectId ?? DEFAULT_PROJECT_ID;
  const token = options.token ?? DEFAULT_TOKEN;
  const host = options.host ?? "127.0.0.1";
  const now = options.now ?? Date.now;
  const data = createDataSet({
    seed: options.seed ?? DEFAULT_SEED,
    groups: options.groups,
    failuresPerGroup: options.failuresPerGroup,
    groupLevelFailures: options.groupLevelFailures,
    epochMs: options.epochMs ?? dayStart(now()),
  });
  const faults = new FaultQueue();
  const log = createRequestLog(options.requestLog);
  const region = options.region ?? DEFAULT_REGION;
  const projectName = options.projectName ?? `${region}_demo`;
  const tokens = new TokenStore(projectId, options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
  let url = "";
  const { server, close } = createSimulatorServer({
    data,
    countMode: options.countMode ?? "total",
    failureJobKey: options.failureJobKey ?? "resource_id",
    rejectLimit1000: options.rejectLimit1000 ?? false,
    maxPageSize: options.maxPageSize ?? Number.POSITIVE_INFINITY,
    now,
    projectId,
    guard: createGuard([staticTokenAuthenticator(token), issuedTokenAuthenticator(tokens, now)], {
      accessKeys: options.accessKeys ?? [DEFAULT_ACCESS_KEY],
      now,
    }),
    iam: {
      accounts: accountsFrom(options.users ?? [DEFAULT_USER]),
      projectId,
      projectName,
      region,
      tokens,
      now,
      baseUrl: () => url,
      catalogEndpoints: options.catalogEndpoints ?? "simulator",
    },
    faults,
    latencyMs: options.latencyMs ?? 0,
    record: log.record,
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
  url = `http://${urlHost}:${port}`;
  return {
    url,
    port,
    projectId,
    token,
    requests: log.requests,
    get requestsReceived() {
      return log.received;
    },
    nextRequest: log.next,
    faults,
    data,
    iamUrl: `${url}/v3`,
    projectName,
    region,
    revokeTokens: () => tokens.revokeAll(),
    get issuedTokens() {
      return tokens.issuedCount;
    },
    close,
  };
}
