/** Review attacks on assess_sdrs_readiness's judging: evidence combinations that must not flatter. */
import { describe, expect, it } from "vitest";
import { answer, drill, group, NOW, ok, pair } from "../../helpers/readiness.js";

const recent = new Date(NOW - 86_400_000).toISOString().replace("T", " ").replace("Z", "");

describe("readiness never flatters", () => {
  it("baseline: a healthy group with an active pair is ready", () => {
    const g = group(1, { health_status: "normal" });
    const { s } = answer({
      groups: ok([g]),
      replications: ok([
        pair(1, g.id, { status: "protected", replication_status: "active", fault_level: "0" }),
      ]),
      drills: ok([drill(g.id, recent)]),
    });
    expect(s.verdict).toBe("ready");
  });

  it("a protected pair whose replication_status SDRS gives as an undocumented value is not ready", () => {
    const g = group(1, { health_status: "normal" });
    const { s } = answer({
      groups: ok([g]),
      replications: ok([
        pair(1, g.id, { status: "protected", replication_status: "error", fault_level: "0" }),
      ]),
      drills: ok([drill(g.id, recent)]),
    });
    // An undocumented group status or health is "unknown", a null replication_status caps at
    // no_problem_found; an undocumented replication_status must not pass as "ready".
    expect(s.verdict).not.toBe("ready");
    expect(s.summary.startsWith("Ready")).toBe(false);
  });
});

describe("a group that protects nothing", () => {
  it("is not headlined Ready when it has no protected instance and no replication pair", () => {
    const g = group(1, {
      health_status: "normal",
      protected_instance_num: 0,
      replication_num: 0,
    });
    const { s } = answer({ groups: ok([g]), drills: ok([drill(g.id, recent)]) });
    // The project-level rule: no protection groups is "Not ready ... SDRS protects nothing".
    expect(s.summary.startsWith("Ready")).toBe(false);
  });
});
