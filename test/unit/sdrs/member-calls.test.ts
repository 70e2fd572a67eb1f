import type { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SdrsClient } from "../../../src/sdrs/client.js";
import { SdrsError } from "../../../src/sdrs/errors.js";
import { InvalidIdError } from "../../../src/sdrs/ids.js";
import { closeMocked, mockedClient, SDRS_ORIGIN } from "../../helpers/helpers.js";
import { documentedVariants, fullItem } from "../../official/models.js";

const ORIGIN = SDRS_ORIGIN;
const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const GROUP = "c2aee29a-2959-4d01-9755-01cc76a4d17d";
const JSON_HEADERS = { headers: { "content-type": "application/json" } };

let agent: MockAgent;
let client: SdrsClient;

beforeEach(() => {
  ({ agent, client } = mockedClient(0));
});

afterEach(() => closeMocked(agent));

function reply(path: string, body: unknown, status = 200) {
  agent
    .get(ORIGIN)
    .intercept({ path, method: "GET", headers: { "x-auth-token": "secret-token-value" } })
    .reply(status, JSON.stringify(body), JSON_HEADERS);
}

/** Bodies with every documented field, one per documented value of each enum or nullable field. */
function variantsOf(model: string): unknown[] {
  return [
    fullItem(model),
    ...documentedVariants(model).map(([path, v]) => fullItem(model, { [path]: v })),
  ];
}

describe("readiness listings", () => {
  it("lists abnormal protected instances of a group with the documented filters and fields", async () => {
    const items = variantsOf("ShowProtectedInstanceParams");
    reply(
      `/v1/${PID}/protected-instances?server_group_id=${GROUP}&query_type=status_abnormal&limit=999&offset=0`,
      { count: items.length, protected_instances: items },
    );
    const { data } = await client.listProtectedInstances(PID, {
      server_group_id: GROUP,
      query_type: "status_abnormal",
      limit: 999,
      offset: 0,
    });
    expect(data.protected_instances).toHaveLength(items.length);
    expect(data.protected_instances[0]).toMatchObject(
      fullItem("ShowProtectedInstanceParams") as object,
    );
  });

  it("reads replication pairs leniently: fault_level as digits, every way of saying null as unknown", async () => {
    const base = fullItem("ShowReplicationParams") as Record<string, unknown>;
    const items = [
      ...variantsOf("ShowReplicationParams"),
      { ...base, fault_level: 5, replication_status: "null", extra_field: { kept: true } },
      { ...base, replication_status: null, failure_detail: null, description: null },
    ];
    reply(`/v1/${PID}/replications?query_type=status_abnormal`, {
      count: items.length,
      replications: items,
    });
    const { data } = await client.listReplications(PID, { query_type: "status_abnormal" });
    const odd = data.replications[items.length - 2];
    expect(odd).toMatchObject({
      fault_level: "5",
      replication_status: null,
      extra_field: { kept: true },
    });
    expect(data.replications[items.length - 1]).toMatchObject({
      replication_status: null,
      failure_detail: null,
    });
    // Every documented fault level survives as the documented string.
    expect(new Set(data.replications.map((r) => r.fault_level))).toEqual(new Set(["0", "2", "5"]));
  });

  it("lists drills and quotas in their documented shapes", async () => {
    const drills = variantsOf("ShowDisasterRecoveryDrillParams");
    reply(`/v1/${PID}/disaster-recovery-drills?server_group_id=${GROUP}&status=available`, {
      count: drills.length,
      disaster_recovery_drills: drills,
    });
    const listed = await client.listDrills(PID, { server_group_id: GROUP, status: "available" });
    expect(listed.data.disaster_recovery_drills.map((d) => d.created_at)).toEqual(
      drills.map((d) => (d as { created_at: string }).created_at),
    );

    const resources = [
      { type: "server_groups", used: 3, quota: 10, min: 0, max: -1 },
      { type: "replications", used: 49, quota: -1, min: 0, max: -1 },
    ];
    reply(`/v1/${PID}/sdrs/quotas`, { quotas: { resources } });
    const { data } = await client.getQuotas(PID);
    expect(data.quotas.resources).toEqual(resources);
  });

  it("refuses a malformed server_group_id before sending anything", async () => {
    await expect(client.listReplications(PID, { server_group_id: "../x" })).rejects.toBeInstanceOf(
      InvalidIdError,
    );
    await expect(
      client.listProtectedInstances(PID, { server_group_id: "not-a-uuid" }),
    ).rejects.toBeInstanceOf(InvalidIdError);
    await expect(client.listDrills(PID, { server_group_id: "x&limit=5" })).rejects.toBeInstanceOf(
      InvalidIdError,
    );
  });

  it("turns a documented error body and a wrong shape into SdrsError", async () => {
    reply(
      `/v1/${PID}/sdrs/quotas`,
      { badrequest: { code: "SDRS.1013", message: "not found" } },
      400,
    );
    const error = await client.getQuotas(PID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdrsError);
    expect(error).toMatchObject({ status: 400, code: "SDRS.1013" });

    reply(`/v1/${PID}/disaster-recovery-drills`, { disaster_recovery_drills: [{ id: 7 }] });
    const malformed = await client.listDrills(PID, {}).catch((e: unknown) => e);
    expect(malformed).toMatchObject({ kind: "malformed" });
  });
});
