/** The readiness view (assess_sdrs_readiness): a verdict per group and the evidence behind it. */
import { type Child, el, orUnknown } from "./dom.js";
import { type CallTool, code, createDrill, reason } from "./drill.js";
import type { GroupRow, MemberRow, PairRow, ReadinessModel } from "./model.js";
import { VERDICT_ORDER, verdictOf } from "./model.js";
import { createTable } from "./table.js";
import {
  failureBreakdown,
  head,
  nextStepsSection,
  section,
  tableSection,
  tiles,
  toolbar,
  verdictBadge,
  warningNote,
} from "./widgets.js";

export function renderReadiness(model: ReadinessModel, callTool: CallTool): Node[] {
  const drill = createDrill(callTool, model.projectId);
  const groups = createTable<GroupRow>({
    caption: "Worst verdict first.",
    openHint: "Open a row (click, Enter or Space) for the group's issues and failed tasks.",
    rows: model.groups,
    key: (g) => g.id ?? g.name,
    search: (g) => [g.name, g.id, g.status, g.verdict?.word ?? null, ...g.issues],
    open: (g) => drill.showGroup(g),
    empty: "No protection group in this answer.",
    columns: [
      {
        label: "Verdict",
        cell: (g) => verdictBadge(g.verdict),
        sort: (g) => g.verdict?.rank ?? null,
        initial: "ascending",
      },
      { label: "Group", cell: (g) => el("span", { class: "name" }, g.name), sort: (g) => g.name },
      { label: "Status", cell: (g) => code(g.status), sort: (g) => g.status },
      { label: "Health", cell: (g) => code(g.health), sort: (g) => g.health },
      { label: "Replication", cell: (g) => code(g.replication), sort: (g) => g.replication },
      { label: "Last DR drill", cell: drillCell, sort: (g) => g.drill?.daysAgo ?? null },
      {
        label: "Failed tasks",
        cell: (g) => orUnknown(g.failures),
        sort: (g) => g.failures,
        numeric: true,
      },
      {
        label: "Most urgent issue",
        cell: (g) => g.issues[0] ?? el("span", { class: "muted" }, "none"),
      },
    ],
  });
  const pairs = createTable<PairRow>({
    caption: "Replication pairs SDRS lists as abnormal, worst fault_level first.",
    rows: model.pairs,
    key: (p) => p.id ?? p.name,
    search: (p) => [p.name, p.id, p.groupName, p.status, p.meaning, p.faultMeaning],
    empty: "No abnormal replication pair.",
    columns: [
      { label: "Pair", cell: (p) => el("span", { class: "name" }, p.name), sort: (p) => p.name },
      { label: "Group", cell: (p) => orUnknown(p.groupName), sort: (p) => p.groupName },
      { label: "Status", cell: (p) => statusCell(p), sort: (p) => p.status },
      { label: "fault_level", cell: faultCell, sort: (p) => p.faultLevel, initial: "descending" },
      {
        label: "Replication",
        cell: (p) => code(p.replicationStatus),
        sort: (p) => p.replicationStatus,
      },
      { label: "Next step", cell: (p) => orUnknown(p.nextStep) },
    ],
  });
  const instances = createTable<MemberRow>({
    caption: "Protected instances SDRS lists as abnormal.",
    rows: model.instances,
    key: (i) => i.id ?? i.name,
    search: (i) => [i.name, i.id, i.groupName, i.status, i.meaning],
    empty: "No abnormal protected instance.",
    columns: [
      {
        label: "Instance",
        cell: (i) => el("span", { class: "name" }, i.name),
        sort: (i) => i.name,
      },
      { label: "Group", cell: (i) => orUnknown(i.groupName), sort: (i) => i.groupName },
      { label: "Status", cell: (i) => statusCell(i), sort: (i) => i.status },
      { label: "Next step", cell: (i) => orUnknown(i.nextStep) },
    ],
  });

  const present = VERDICT_ORDER.filter((v) => model.groups.some((g) => g.verdict?.key === v));
  const bar = toolbar(
    "Verdict",
    [
      { value: "", label: "All verdicts" },
      ...present.map((v) => ({ value: v, label: verdictOf(v).word })),
    ],
    () => {
      const query = bar.query();
      const verdict = bar.choice();
      const shown = groups.filter(query, (g) => !verdict || g.verdict?.key === verdict);
      const names = new Set(
        model.groups.filter((g) => !verdict || g.verdict?.key === verdict).map((g) => g.name),
      );
      // The members follow the groups the verdict keeps; the text filter applies to all.
      pairs.filter(query, (p) => !verdict || names.has(p.groupName ?? ""));
      instances.filter(query, (i) => !verdict || names.has(i.groupName ?? ""));
      counter.textContent = `${shown} of ${model.groups.length} groups shown`;
    },
  );
  const counter = el(
    "span",
    { class: "muted", "data-shown": "" },
    `${model.groups.length} of ${model.groups.length} groups shown`,
  );
  bar.element.append(counter);

  const t = model.totals;
  return [
    head("DR readiness", model.projectId, verdictBadge(model.verdict)),
    model.summary ? el("p", { class: "summary", "data-summary": "" }, model.summary) : null,
    warningNote("Incomplete: these reads failed, so their part is unknown.", model.incomplete),
    tiles("Totals", [
      { key: "groups", label: "protection groups", value: t.groups },
      ...t.byVerdict.map((c) => ({
        key: `verdict-${c.key}`,
        label: verdictOf(c.key).word.toLowerCase(),
        value: c.count,
        alarm: verdictOf(c.key).rank < 3,
      })),
      { key: "pairs", label: "abnormal replication pairs", value: t.abnormalPairs, alarm: true },
      {
        key: "instances",
        label: "abnormal protected instances",
        value: t.abnormalInstances,
        alarm: true,
      },
      {
        key: "drills",
        label: "groups without a recent drill",
        value: t.drillsOverdue,
        alarm: true,
      },
      { key: "failures", label: "failed tasks", value: model.failures.total, alarm: true },
    ]),
    bar.element,
    tableSection("Protection groups", "groups-title", groups, model.groupsOmitted, "groups"),
    drill.element,
    tableSection(
      "Abnormal replication pairs",
      "pairs-title",
      pairs,
      model.pairsOmitted,
      "replication pairs",
    ),
    tableSection(
      "Abnormal protected instances",
      "instances-title",
      instances,
      model.instancesOmitted,
      "protected instances",
    ),
    quotasSection(model),
    section(
      "Failed tasks",
      "failures-title",
      el(
        "p",
        { class: "muted" },
        `${model.failures.groupLevel ?? "unknown"} at protection-group level, ${model.failures.insideGroups ?? "unknown"} inside groups.`,
      ),
      ...failureBreakdown(model.byFailureStatus, model.byErrorCode, model.codesUnexplained),
    ),
    nextStepsSection(model.nextSteps),
  ].filter((n): n is HTMLElement => n !== null);
}

function drillCell(g: GroupRow): Child[] {
  if (!g.drill) return [orUnknown(null)];
  const overdue =
    g.drill.overdue === true
      ? el("span", { class: "flag" }, "overdue")
      : g.drill.overdue === null
        ? el("span", { class: "muted" }, "overdue: unknown")
        : null;
  return [el("span", { class: "age", title: g.drill.at ?? undefined }, g.drill.words), overdue];
}

function statusCell(m: MemberRow): Node {
  return el(
    "span",
    {},
    code(m.status),
    m.meaning ? el("span", { class: "meaning" }, m.meaning) : null,
  );
}

function faultCell(p: PairRow): Node {
  return el(
    "span",
    {},
    p.faultLevel
      ? el("code", { class: p.faultLevel === "0" ? undefined : "flag" }, p.faultLevel)
      : orUnknown(null),
    el("span", { class: "meaning" }, p.faultMeaning),
    p.failureDetail ? el("span", { class: "meaning" }, "detail ", reason(p.failureDetail)) : null,
  );
}

function quotasSection(model: ReadinessModel): HTMLElement | null {
  if (model.quotas.length === 0) return null;
  return section(
    "Quotas",
    "quotas-title",
    el(
      "ul",
      { class: "quotas" },
      ...model.quotas.map((q) =>
        el(
          "li",
          {},
          el("code", {}, q.type),
          ` ${q.used ?? "unknown"} of ${q.unlimited ? "unlimited" : (q.quota ?? "unknown")} used`,
          q.nearLimit
            ? el(
                "span",
                { class: "flag" },
                q.used !== null && q.used === q.quota ? "used up" : "near its limit",
              )
            : null,
        ),
      ),
    ),
    el(
      "p",
      { class: "muted" },
      "A quota changes no verdict: a full one blocks creating more groups, instances or pairs. “Near its limit” (80 %) is sdrs-mcp's own threshold.",
    ),
  );
}
