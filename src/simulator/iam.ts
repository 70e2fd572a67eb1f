import { createHash } from "node:crypto";
import { iamError, methodNotAllowed } from "./errors.js";
import { type PasswordAuth, type Reference, readPasswordAuth } from "./iam-request.js";
import { json, Rejection, type SimResponse } from "./responses.js";
import type { IssuedToken, TokenStore } from "./tokens.js";

/**
 * IAM's `POST /v3/auth/tokens` (password method) on the simulator's own port: a token in the
 * X-Subject-Token header and a body whose catalog points SDRS back at the simulator.
 */

export interface SimulatorUser {
  name: string;
  password: string;
  domainName: string;
  /** Default: derived from domainName (32 hex), so it is stable across runs. */
  domainId?: string;
}

export const DEFAULT_USER: Readonly<Required<SimulatorUser>> = {
  name: "demo-user",
  password: "demo-password",
  domainName: "OTC-EU-DE-DEMO",
  domainId: "148f9cb5dc0124be064e2e3a46e95578",
};

interface Account extends Required<SimulatorUser> {
  userId: string;
}

/**
 * Where the token catalog points: at the simulator itself (tests follow it), or at the
 * region's official hosts (`https://sdrs.eu-de.otc.t-systems.com/v1/<pid>`; the Swiss region
 * eu-ch2 lives under `.sc.otc.t-systems.com`, IAM there at `iam-pub.`), for tests of how a
 * client picks and checks the catalog's URL.
 */
export type CatalogEndpoints = "simulator" | "official";

export interface IamContext {
  accounts: readonly Account[];
  projectId: string;
  projectName: string;
  region: string;
  tokens: TokenStore;
  now: () => number;
  /** The simulator's URL, known only once it listens. */
  baseUrl: () => string;
  catalogEndpoints: CatalogEndpoints;
}

export const TOKENS_PATH = "/v3/auth/tokens";

export function accountsFrom(users: readonly SimulatorUser[]): Account[] {
  return users.map((user) => {
    const domainId = user.domainId ?? hexId(`domain:${user.domainName}`);
    return { ...user, domainId, userId: hexId(`user:${domainId}:${user.name}`) };
  });
}

export function answerIam(
  request: { method: string; url: URL; body: Buffer },
  iam: IamContext,
): SimResponse {
  if (request.url.pathname !== TOKENS_PATH) {
    return iamError(404, "The resource could not be found.");
  }
  if (request.method.toUpperCase() !== "POST") return methodNotAllowed(["POST"]);
  try {
    return issueToken(readPasswordAuth(request.body), iam);
  } catch (error) {
    if (error instanceof Rejection) return error.response;
    throw error;
  }
}

function issueToken(auth: PasswordAuth, iam: IamContext): SimResponse {
  const { user } = auth;
  // One message for an unknown user, a wrong password or a wrong domain: IAM does not say which.
  const account = iam.accounts.find(
    (a) => a.name === user.name && a.password === user.password && inDomain(a, user.domain),
  );
  if (account === undefined) return iamError(401, "The username or password is wrong.");
  if (auth.project !== undefined && !projectMatches(auth.project, account, iam)) {
    return iamError(401, "No project found for the scope.");
  }
  const issued = iam.tokens.issue(account.userId, auth.project ? iam.projectId : null, iam.now());
  return json(201, { token: tokenBody(issued, account, iam) }, { "X-Subject-Token": issued.token });
}

function inDomain(account: Account, domain: Reference): boolean {
  return (
    (domain.id === undefined || domain.id === account.domainId) &&
    (domain.name === undefined || domain.name === account.domainName)
  );
}

/** The one project belongs to every user's own domain; an id, when given, decides (Keystone). */
function projectMatches(
  project: NonNullable<PasswordAuth["project"]>,
  account: Account,
  iam: IamContext,
): boolean {
  const found =
    project.id !== undefined ? project.id === iam.projectId : project.name === iam.projectName;
  return found && (project.domain === undefined || inDomain(account, project.domain));
}

function tokenBody(issued: IssuedToken, account: Account, iam: IamContext) {
  const domain = { id: account.domainId, name: account.domainName };
  const common = {
    expires_at: new Date(issued.expiresAt).toISOString(),
    issued_at: new Date(issued.issuedAt).toISOString(),
    methods: ["password"],
    user: { id: account.userId, name: account.name, domain, password_expires_at: "" },
  };
  // Keystone leaves project, roles and catalog out of an unscoped token.
  if (issued.projectId === null) return common;
  return {
    ...common,
    project: { id: iam.projectId, name: iam.projectName, domain },
    roles: [{ id: hexId("role:te_admin"), name: "te_admin" }],
    catalog: catalog(iam),
  };
}

/**
 * SDRS is not first, so a client that takes the first entry rather than looking for type
 * "sdrs" gets the wrong URL; the other services live on the simulator too and answer 404.
 */
function catalog({ baseUrl, projectId, region, catalogEndpoints }: IamContext) {
  const official = catalogEndpoints === "official";
  // On the simulator SDRS and IAM answer at its root, the other services under a prefix (404).
  const root = (name: string) => (official ? officialHost(name, region) : baseUrl());
  const other = (name: string) => (official ? officialHost(name, region) : `${baseUrl()}/${name}`);
  return [
    service("evs", "evs", `${other("evs")}/v2/${projectId}`, region),
    // SDRS's catalog URL already ends in /v1/<project_id> (api-reference.md, Endpoints).
    service("sdrs", "sdrs", `${root("sdrs")}/v1/${projectId}`, region),
    service("ecs", "ecs", `${other("ecs")}/v1/${projectId}`, region),
    service("identity", "iam", `${root("iam")}/v3`, region),
  ];
}

/**
 * Open Telekom Cloud hosts: `<service>.<region>.otc.t-systems.com`; the Swiss region eu-ch2
 * under `.sc.otc.t-systems.com`, with IAM at `iam-pub.` (api-reference.md, Regions).
 */
export function officialHost(service: string, region: string): string {
  const swiss = region === "eu-ch2";
  const name = swiss && service === "iam" ? "iam-pub" : service;
  return `https://${name}.${region}.${swiss ? "sc.otc" : "otc"}.t-systems.com`;
}

function service(type: string, name: string, url: string, region: string) {
  const endpoint = { interface: "public", region, region_id: region, url };
  return {
    type,
    name,
    id: hexId(`service:${type}`),
    endpoints: [{ ...endpoint, id: hexId(`endpoint:${type}:${region}`) }],
  };
}

function hexId(label: string): string {
  return createHash("sha256").update(label).digest("hex").slice(0, 32);
}
