import type { AddressInfo } from "node:net";
import type { AccessKey } from "./aksk.js";
import { createGuard, issuedTokenAuthenticator, staticTokenAuthenticator } from "./auth.js";
import { createDataSet, DEFAULT_SEED } from "./data.js";
import { type FaultController, FaultQueue } from "./faults.js";
import { accountsFrom, DEFAULT_USER, type SimulatorUser } from "./iam.js";
import { createSimulatorServer, type RecordedRequest } from "./server.js";
import { TokenStore } from "./tokens.js";
import type { SimulatorData } from "./types.js";

/**
 * An in-process stand-in for Open Telekom Cloud's Storage Disaster Recovery Service: the
 * documented shapes, error bodies, status codes and paging over a deterministic data set, with
 * fault injection. Written from the API facts alone: it imports nothing from the client.
 */

export type { AccessKey } from "./aksk.js";
export type { Authenticate } from "./auth.js";
export { createDataSet } from "./data.js";
export type { Fault, FaultController, FaultRule } from "./faults.js";
export { DEFAULT_USER, type SimulatorUser } from "./iam.js";
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
  /** Who may get IAM tokens; default [DEFAULT_USER]. */
  users?: SimulatorUser[];
  /** The project's name in IAM (scope by name, token body); default "eu-de_demo". */
  projectName?: string;
  /** The catalog's region; default "eu-de". */
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
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
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
export const DEFAULT_PROJECT_NAME = "eu-de_demo";
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
  const data = createDataSet({
    seed: options.seed ?? DEFAULT_SEED,
    groups: options.groups,
    failuresPerGroup: options.failuresPerGroup,
    groupLevelFailures: options.groupLevelFailures,
  });
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const now = options.now ?? Date.now;
  const projectName = options.projectName ?? DEFAULT_PROJECT_NAME;
  const region = options.region ?? DEFAULT_REGION;
  const tokens = new TokenStore(projectId, options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
  let url = "";
  const { server, close } = createSimulatorServer({
    data,
    countMode: options.countMode ?? "total",
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
    },
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
  url = `http://${urlHost}:${port}`;
  return {
    url,
    port,
    projectId,
    token,
    requests,
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
