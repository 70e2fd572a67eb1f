import type { JobSubjects } from "./job-builder.js";
import type { Rng } from "./rng.js";
import type { ProtectedInstance, ReplicationPair } from "./types.js";
import { isAbnormalStatus } from "./vocabulary.js";

/** What a job worked on, looked up in the data set where the resource exists. */
export type SubjectsOf = (
  rng: Rng,
  serverGroupId: string,
  resourceType: string,
  resourceId: string,
) => JobSubjects;

/** Group-wide jobs name at most this many pairs, so one job stays a small answer. */
const MAX_PAIRS = 8;

export function subjectsFromData(
  instances: readonly ProtectedInstance[],
  pairs: readonly ReplicationPair[],
): SubjectsOf {
  const instanceById = new Map(instances.map((i) => [i.id, i]));
  const pairById = new Map(pairs.map((p) => [p.id, p]));
  const pairsByGroup = new Map<string, ReplicationPair[]>();
  for (const pair of pairs) {
    const list = pairsByGroup.get(pair.server_group_id);
    if (list) list.push(pair);
    else pairsByGroup.set(pair.server_group_id, [pair]);
  }
  const asSubject = (p: ReplicationPair) => ({ id: p.id, volumeIds: p.volume_ids });

  return (rng, serverGroupId, resourceType, resourceId) => {
    const randomPairs = () =>
      Array.from({ length: rng.int(1, 3) }, () => ({
        id: rng.uuid(),
        volumeIds: `${rng.uuid()},${rng.uuid()}`,
      }));
    const subjects: JobSubjects = {
      serverGroupId,
      protectedInstanceId: rng.uuid(),
      pairs: [],
      nativeServerId: rng.uuid(),
      nicId: rng.uuid(),
    };
    const instance = instanceById.get(resourceId);
    const pair = pairById.get(resourceId);
    if (resourceType === "server_groups") {
      const groupPairs = pairsByGroup.get(serverGroupId) ?? [];
      subjects.pairs =
        groupPairs.length > 0 ? groupPairs.slice(0, MAX_PAIRS).map(asSubject) : randomPairs();
      subjects.brokenPairId = groupPairs.find((p) => isAbnormalStatus(p.status))?.id;
    } else if (instance !== undefined) {
      subjects.protectedInstanceId = instance.id;
      subjects.nativeServerId = instance.target_server;
      subjects.pairs = instance.attachment.flatMap(({ replication }) => {
        const attached = pairById.get(replication);
        return attached ? [asSubject(attached)] : [];
      });
    } else if (pair !== undefined) {
      subjects.protectedInstanceId =
        pair.attachment[0]?.protected_instance ?? subjects.protectedInstanceId;
      subjects.pairs = [asSubject(pair)];
    } else {
      if (resourceType === "protected_instances" || resourceType === "protectedInstance") {
        subjects.protectedInstanceId = resourceId;
      }
      subjects.pairs = randomPairs();
      if (resourceType === "replications")
        subjects.pairs[0] = { id: resourceId, volumeIds: subjects.pairs[0]?.volumeIds ?? "" };
    }
    return subjects;
  };
}
