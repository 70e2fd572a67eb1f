import { buildReadinessAnswer } from "../../readiness/answer.js";
import { collectReadiness, GroupNotFoundError } from "../../readiness/collect.js";
import { readinessOutput } from "../../readiness/output.js";
import { describeError, ToolInputError } from "../errors.js";
import { projectIdField, resolveProjectId, serverGroupIdField, strictInput } from "../inputs.js";
import { READINESS_VIEW_META } from "../view.js";
import { defineTool, READ_ONLY } from "./types.js";

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  server_group_id: serverGroupIdField("Assess only this protection group.").optional(),
});

export const assessSdrsReadiness = defineTool({
  name: "assess_sdrs_readiness",
  title: "Assess SDRS disaster recovery readiness",
  description: [
    "Is disaster recovery (DR) ready, are we prepared for a failover: would a failover or switchover to the DR site work today if the production (primary) AZ goes down (outage, before a maintenance, go/no-go, readiness check)? Checks the project (or one protection group):",
    "groups not protected or unhealthy, broken replication pairs or pairs not in sync, abnormal protected instances with the documented next step, overdue or failed DR drills and the last drill, the protection group quota and the replication pair quota (used up or near the limit).",
    "Answers ready or not (the DR posture), naming the blockers and what to fix first, then a verdict per group; health SDRS does not report is unknown. Failures: summarize_sdrs_failures. (German: bereit, einsatzbereit, umschalten, Failover möglich, Ernstfall, Notfall.)",
  ].join(" "),
  inputSchema,
  outputSchema: readinessOutput,
  annotations: READ_ONLY,
  _meta: READINESS_VIEW_META,
  async handler(args, { deps, signal, pages, progress }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const serverGroupId = args.server_group_id ?? null;
    try {
      const readings = await collectReadiness(deps.client, projectId, {
        ...(serverGroupId && { serverGroupId }),
        concurrency: deps.concurrency,
        signal,
        pages,
        ...(progress && { onRead: progress }),
      });
      return buildReadinessAnswer({
        projectId,
        serverGroupId,
        readings,
        describe: (error) => describeError(error, deps.endpointNote),
        now: Date.now(),
      });
    } catch (error) {
      if (error instanceof GroupNotFoundError)
        throw new ToolInputError(
          `server_group_id ${error.serverGroupId} is not a protection group of project ${projectId}; find IDs with list_sdrs_protection_groups`,
        );
      throw error;
    }
  },
});
