/**
 * Everything a DR readiness assessment reads, for a project or one protection group: the
 * groups, the groups SDRS itself lists as abnormal or without a recent DR drill, the abnormal
 * protected instances and replication pairs, every replication pair (for its replication_status
 * and progress, which the abnormal listing need not cover), the drills, the quotas and the failed
 * tasks. After
 * the groups, every read runs in one pool of at most `concurrency` requests; a read that fails
 * is kept as its error (the answer reports it as incomplete) unless every read failed, which
 * fails the call with the first error.
 */

import type { SdrsClient } from "../sdrs/client.js";
import { concurrencyLimited } from "../sdrs/concurrency.js";
import {
  type FailureCollection,
  failureListings,
  gatherFailures,
  type Outcome,
  settle,
} from "../sdrs/failure-collection.js";
import { allServerGroups, type CallReads } from "../sdrs/paging.js";
import type { ServerGroup } from "../sdrs/schemas.js";
import { cleanText } from "../text/clean.js";
import {
  allAbnormalInstances,
  allAbnormalReplications,
  allDrills,
  allGroupsOfType,
  allReplications,
  type ListingScope,
} from "./listings.js";

/** The reads besides the groups and the failed tasks, with what a progress message calls them. */
function listings(s: ListingScope) {
  return {
    abnormalGroups: ["abnormal groups", () => allGroupsOfType(s, "status_abnormal")],
    noRecentDrill: [
      "groups without a recent drill",
      () => allGroupsOfType(s, "period_no_dr_drill"),
    ],
    abnormalInstances: ["abnormal protected instances", () => allAbnormalInstances(s)],
    abnormalReplications: ["abnormal replication pairs", () => allAbnormalReplications(s)],
    replications: ["replication pairs", () => allReplications(s)],
    drills: ["DR drills", () => allDrills(s)],
    quotas: [
      "quotas",
      async () => (await s.client.getQuotas(s.projectId, s.signal)).data.quotas.resources,
    ],
  } as const;
}
type Listings = ReturnType<typeof listings>;

export type ReadinessReadings = {
  [K in keyof Listings]: Outcome<Awaited<ReturnType<Listings[K][1]>>>;
} & {
  /** The groups in scope: all of the project's, or the one asked for. */
  groups: Outcome<ServerGroup[]>;
  /** Group-level failures plus those inside each group in scope (none when groups failed). */
  failures: FailureCollection;
};

export interface ReadinessOptions extends CallReads {
  serverGroupId?: string;
  concurrency: number;
  /** After each read: how many are done, of how many, and what was read. */
  onRead?: (done: number, total: number, what: string) => Promise<void> | void;
}

/** The group asked for is not in the project (the groups could be listed, it is not there). */
export class GroupNotFoundError extends Error {
  constructor(readonly serverGroupId: string) {
    super(`no protection group with server_group_id ${serverGroupId} in this project`);
    this.name = "GroupNotFoundError";
  }
}

export async function collectReadiness(
  client: SdrsClient,
  projectId: string,
  options: ReadinessOptions,
): Promise<ReadinessReadings> {
  const { serverGroupId, signal, pages } = options;
  const call: CallReads = { pages, ...(signal && { signal }) };
  const scope: ListingScope = { client, projectId, ...call };
  if (serverGroupId) scope.serverGroupId = serverGroupId;
  const listed = await settle(() => allServerGroups(client, projectId, call), signal);
  const groups = scopeGroups(listed, serverGroupId);

  const fixed = Object.entries(listings(scope)).map(([key, [what, run]]) => ({ key, what, run }));
  const inScope = groups.ok ? groups.value : [];
  const failures = failureListings(client, projectId, inScope, call);
  const reads: { what: string; run: () => Promise<unknown> }[] = [
    ...fixed,
    ...failures.map((f) => ({
      what: f.group
        ? `failed tasks of ${cleanText(f.group.name || f.group.id, 64)}`
        : "group-level failed tasks",
      run: f.read,
    })),
  ];

  let done = 1;
  await options.onRead?.(done, reads.length + 1, "read the protection groups");
  const outcomes = await concurrencyLimited(
    reads,
    options.concurrency,
    async (read) => {
      const outcome = await settle(read.run, signal);
      await options.onRead?.(++done, reads.length + 1, `read the ${read.what}`);
      return outcome;
    },
    signal,
  );
  const all = [listed, ...outcomes];
  const failed = all.find((o): o is { ok: false; error: unknown } => !o.ok);
  if (failed && all.every((o) => !o.ok)) throw failed.error;
  return {
    ...(Object.fromEntries(fixed.map((f, i) => [f.key, outcomes[i]])) as {
      [K in keyof Listings]: ReadinessReadings[K];
    }),
    groups,
    failures: gatherFailures(failures, outcomes.slice(fixed.length) as Outcome<never>[]),
  };
}

/** All groups, or the one asked for; asking for one that is not there is the caller's error. */
function scopeGroups(listed: Outcome<ServerGroup[]>, id: string | undefined) {
  if (!listed.ok || id === undefined) return listed;
  const group = listed.value.find((g) => g.id.toLowerCase() === id.toLowerCase());
  if (!group) throw new GroupNotFoundError(id);
  return { ok: true as const, value: [group] };
}
