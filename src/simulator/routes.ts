import type { Guard } from "./auth.js";
import { badRequest, itemNotFound, methodNotAllowed, sdrsError } from "./errors.js";
import { listDrills } from "./handlers/drills.js";
import {
  deleteFailureJob,
  deleteGroupFailureJobs,
  deleteGroupLevelFailureJobs,
  listFailureJobs,
} from "./handlers/failure-jobs.js";
import { getJob } from "./handlers/jobs.js";
import { listProtectedInstances } from "./handlers/protected-instances.js";
import { showQuotas } from "./handlers/quotas.js";
import { listReplications } from "./handlers/replications.js";
import { listServerGroups, showServerGroup } from "./handlers/server-groups.js";
import { answerIam, type IamContext } from "./iam.js";
import { Rejection, type SimResponse } from "./responses.js";
import type { HandlerContext } from "./types.js";

export interface RequestContext extends HandlerContext {
  projectId: string;
  guard: Guard;
  iam: IamContext;
}

export interface IncomingRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body: IAM reads it, AK/SK signatures cover it. */
  body: Buffer;
  /** Also the X-Request-Id header; the API gateway repeats it in its error bodies. */
  requestId: string;
}

type Handler = (params: string[], query: URLSearchParams, context: HandlerContext) => SimResponse;

interface Route {
  method: string;
  /** Path segments under /v1/{project_id}; ":" marks a parameter. */
  pattern: readonly string[];
  handler: Handler;
}

/** Literal routes come before parameter routes that would also match (failure-jobs/batch). */
const ROUTES: readonly Route[] = [
  route("GET", "task-center/failure-jobs", (_, query, c) => listFailureJobs(query, c)),
  route("DELETE", "task-center/failure-jobs/batch", (_, __, c) => deleteGroupLevelFailureJobs(c)),
  route("DELETE", "task-center/failure-jobs/:id", ([id], _, c) => deleteFailureJob(id ?? "", c)),
  route("DELETE", "task-center/:group/failure-jobs/batch", ([group], _, c) =>
    deleteGroupFailureJobs(group ?? "", c),
  ),
  route("GET", "jobs/:id", ([id], _, c) => getJob(id ?? "", c)),
  route("GET", "server-groups", (_, query, c) => listServerGroups(query, c)),
  route("GET", "server-groups/:id", ([id], _, c) => showServerGroup(id ?? "", c)),
  route("GET", "protected-instances", (_, query, c) => listProtectedInstances(query, c)),
  route("GET", "replications", (_, query, c) => listReplications(query, c)),
  route("GET", "disaster-recovery-drills", (_, query, c) => listDrills(query, c)),
  route("GET", "sdrs/quotas", (_, __, c) => showQuotas(c)),
];

/**
 * IAM (which needs no credentials) answers under /v3. Elsewhere: authentication, then the
 * project, the route and the handler. The docs do not give the order; this is the gateway-first
 * order OpenStack-style services use, so a bad token always means 401.
 */
export function answer(request: IncomingRequest, context: RequestContext): SimResponse {
  if (request.url.pathname === "/v3" || request.url.pathname.startsWith("/v3/")) {
    return answerIam(request, context.iam);
  }
  const refusal = context.guard(request);
  if (refusal !== undefined) return refusal;
  const [empty, version, projectId, ...rest] = request.url.pathname.split("/");
  if (empty !== "" || version !== "v1" || projectId === undefined || rest.length === 0) {
    return notFound();
  }
  if (projectId !== context.projectId) return sdrsError("SDRS.0005");
  const segments = decodeSegments(rest);
  if (segments === undefined) return badRequest("Malformed URL path.");

  const candidates = ROUTES.filter((r) => paramsOf(r.pattern, segments) !== undefined);
  if (candidates.length === 0) return notFound();
  const chosen = candidates.find((r) => r.method === request.method.toUpperCase());
  if (chosen === undefined) return methodNotAllowed([...new Set(candidates.map((r) => r.method))]);
  try {
    return chosen.handler(
      paramsOf(chosen.pattern, segments) ?? [],
      request.url.searchParams,
      context,
    );
  } catch (error) {
    if (error instanceof Rejection) return error.response;
    throw error;
  }
}

function route(method: string, path: string, handler: Handler): Route {
  return { method, pattern: path.split("/"), handler };
}

function paramsOf(pattern: readonly string[], segments: readonly string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? "";
    if (part.startsWith(":")) {
      if (segment === "") return undefined;
      params.push(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegments(raw: readonly string[]): string[] | undefined {
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function notFound(): SimResponse {
  return itemNotFound("The resource could not be found.");
}
