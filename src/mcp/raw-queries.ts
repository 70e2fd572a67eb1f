/**
 * raw_resource_uri in team mode. Replicas share no memory, so a URI cannot name a kept body:
 * it names its query (project, filters, limit, offset), sealed with the state key and bound to
 * the user it was issued to, and a read sends that query to SDRS again. The body may therefore
 * differ from the one the tool saw (records come and go); another user's URI, or one with any
 * character changed, reads nothing.
 */
import { z } from "zod";
import type { FailureJobFilters } from "../sdrs/client.js";
import { scrubText } from "../text/secrets.js";
import { describeError, requestError } from "./errors.js";
import {
  describeRawCall,
  RAW_URI_PREFIX,
  type RawCall,
  type RawReader,
  type RawResources,
} from "./raw-store.js";
import type { StateSeal } from "./seal.js";

const sealedQuery = z.object({
  v: z.literal(1),
  project_id: z.string(),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** The subject is part of the purpose: a URI opens only for the user it was issued to. */
const purpose = (subject: string) => `sdrs-mcp raw query v1 ${JSON.stringify(subject)}`;

export class SealedRawQueries implements RawResources {
  constructor(private readonly seal: StateSeal) {}

  keep(call: RawCall): string {
    const query = { v: 1, project_id: call.projectId, filters: call.filters };
    const payload = Buffer.from(JSON.stringify(query), "utf8");
    return `${RAW_URI_PREFIX}${this.seal.seal(purpose(call.subject), payload)}`;
  }

  async read(uri: string, reader: RawReader): Promise<string> {
    const sealed = uri.startsWith(RAW_URI_PREFIX) ? uri.slice(RAW_URI_PREFIX.length) : "";
    const payload = this.seal.open(purpose(reader.subject), sealed);
    const parsed = payload && sealedQuery.safeParse(JSON.parse(payload.toString("utf8")));
    if (!parsed?.success) {
      throw requestError(
        "invalid-params",
        "This raw-resource URI cannot be read here: it was issued to another user, altered, or sealed with another SDRS_MCP_STATE_KEY. Call list_failed_sdrs_tasks again for a URI of your own.",
      );
    }
    const projectId = parsed.data.project_id;
    // Sealed by this server from a checked query: the fields are the ones it sent.
    const filters = parsed.data.filters as FailureJobFilters;
    await reader.checkProject(projectId);
    try {
      const response = await reader.client.listFailureJobs(projectId, filters, reader.signal);
      // The client has redacted credentials from the body already (sdrs/request.ts).
      return response.body;
    } catch (error) {
      const why = scrubText(describeError(error), reader.secrets());
      throw requestError(
        "internal",
        `Reading ${describeRawCall(projectId, filters)} again failed: ${why}`,
      );
    }
  }

  /** Nothing is kept, so nothing is listed: a URI is read by the user who holds it. */
  list(): { uri: string; description: string }[] {
    return [];
  }
}
