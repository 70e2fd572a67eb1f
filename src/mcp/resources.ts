/**
 * Resources: the raw upstream body of each list call (`sdrs://responses/...`), and a template
 * for reading a live failure-jobs query directly.
 */
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { UriTemplate, type Variables } from "@modelcontextprotocol/sdk/shared/uriTemplate.js";
import { percentDecodeOrKeep } from "../http/query.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../sdrs/vocabulary.js";
import { startsWith } from "../text/clean.js";
import { dict } from "../text/records.js";
import { scrubText } from "../text/secrets.js";
import { lookupBriefly } from "./completions.js";
import type { RequestScope, ServerDeps } from "./deps.js";
import { describeError, requestError } from "./errors.js";
import { failureJobQuery } from "./failure-jobs-input.js";
import { checkProjectAllowed } from "./inputs.js";
import { RAW_URI_PREFIX } from "./raw-store.js";

const JSON_MIME = "application/json";
const LIVE_TEMPLATE =
  "sdrs://projects/{project_id}/failure-jobs{?failure_status,resource_name,server_group_id,resource_type,limit,offset}";

export function registerResources(server: McpServer, deps: ServerDeps, scope: RequestScope): void {
  server.registerResource(
    "raw-response",
    new ResourceTemplate(`${RAW_URI_PREFIX}{id}`, {
      list: () => ({
        resources: deps.raw.list(scope.subject).map((entry) => ({
          uri: entry.uri,
          name: entry.uri.slice(RAW_URI_PREFIX.length),
          description: entry.description,
          mimeType: JSON_MIME,
        })),
      }),
    }),
    {
      title: "Upstream SDRS response",
      description: deps.projects
        ? "The JSON body SDRS returns for the query of one list_failed_sdrs_tasks call, read again when read."
        : "The unchanged JSON body SDRS returned for one list_failed_sdrs_tasks call.",
      mimeType: JSON_MIME,
    },
    async (uri, _variables, extra) => {
      const text = await deps.raw.read(uri.href, {
        subject: scope.subject,
        client: deps.client,
        signal: extra.signal,
        checkProject: (projectId) => checkProjectAllowed(projectId, deps),
        secrets: deps.secrets,
      });
      return { contents: [{ uri: uri.href, mimeType: JSON_MIME, text }] };
    },
  );

  server.registerResource(
    "failure-jobs-live",
    new ResourceTemplate(new LiveQueryTemplate(LIVE_TEMPLATE), {
      list: undefined,
      complete: {
        failure_status: (value) => startsWith(FAILURE_STATUSES, value),
        resource_type: (value) => startsWith(RESOURCE_TYPES, value),
        // With a project name this may sign in to IAM first: bounded like every completion.
        project_id: () =>
          lookupBriefly(async () =>
            deps.projects
              ? [...(await deps.projects())]
              : [(await deps.defaultProjectId()) ?? ""].filter(Boolean),
          ),
      },
    }),
    {
      title: "Failed SDRS tasks (live query)",
      description:
        "Reads GET /v1/{project_id}/task-center/failure-jobs with the given filters and returns the upstream JSON unchanged.",
      mimeType: JSON_MIME,
    },
    async (uri, variables, extra) => {
      const query = await failureJobQuery(variables, deps);
      try {
        const response = await deps.client.listFailureJobs(
          query.projectId,
          query.filters,
          extra.signal,
        );
        return {
          // The client has redacted credentials from the body already.
          contents: [{ uri: uri.href, mimeType: JSON_MIME, text: response.body }],
        };
      } catch (error) {
        throw requestError("internal", scrubText(describeError(error), deps.secrets()));
      }
    },
  );
}

/**
 * The SDK matches `{?a,b,c}` only when every variable is present, in template order; a live
 * query names any subset in any order, so the query part is read with URLSearchParams. Unknown
 * keys are kept: the tool's strict schema then names them in its error.
 */
class LiveQueryTemplate extends UriTemplate {
  override match(uri: string): Variables | null {
    const match = /^sdrs:\/\/projects\/([^/?#]+)\/failure-jobs\/?(?:\?([^#]*))?$/.exec(uri);
    if (!match?.[1]) return null;
    const variables: Variables = dict([["project_id", percentDecodeOrKeep(match[1])]]);
    for (const [key, value] of new URLSearchParams(match[2] ?? "")) variables[key] = value;
    return variables;
  }
}
