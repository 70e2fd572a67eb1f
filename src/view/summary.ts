/** The failures view (summarize_sdrs_failures): where failures cluster and the newest, with why. */
import { el, orUnknown } from "./dom.js";
import {
  beganColumn,
  type CallTool,
  code,
  codeWithMeaning,
  createDrill,
  reason,
  resourceCell,
} from "./drill.js";
import type { FailureRow, GroupRow, SummaryModel } from "./model.js";
import { createTable } from "./table.js";
import {
  countTable,
  failureBreakdown,
  head,
  nextStepsSection,
  section,
  tableSection,
  tiles,
  toolbar,
  warningNote,
} from "./widgets.js";

export function renderSummary(model: SummaryModel, callTool: CallTool): Node[] {
  const drill = createDrill(callTool, model.projectId);
  const meanings = new Map(
    model.byErrorCode.flatMap((c) => (c.meaning ? [[c.key, c.meaning] as const] : [])),
  );
  const newest = createTable<FailureRow>({
    caption: "Newest first, with the root cause as SDRS gives it.",
    openHint: "Open a row (click, Enter or Space) for its job.",
    rows: model.newest,
    key: (f) => f.jobId ?? `${f.beginTime}-${f.resourceName}`,
    search: (f) => [
      f.groupName,
      f.resourceName,
      f.failureStatus,
      f.errorCode,
      f.failReason,
      f.jobId,
    ],
    open: (f) => drill.showJob(f),
    canOpen: (f) => f.jobId !== null,
    empty: "No failure in this answer.",
    columns: [
      beganColumn(),
      { label: "Where", cell: where, sort: (f) => f.groupName ?? "" },
      { label: "Resource", cell: resourceCell, sort: (f) => f.resourceName },
      { label: "Failure", cell: (f) => code(f.failureStatus), sort: (f) => f.failureStatus },
      {
        label: "Code",
        cell: (f) => codeWithMeaning(f.errorCode, meanings),
        sort: (f) => f.errorCode,
      },
      { label: "Reason (fail_reason)", cell: (f) => reason(f.failReason) },
    ],
  });
  const groups = createTable<GroupRow>({
    caption: "Most failed tasks first.",
    openHint: "Open a row (click, Enter or Space) for the group's failed tasks.",
    rows: model.groups,
    key: (g) => g.id ?? g.name,
    search: (g) => [g.name, g.id, g.status, ...g.byFailureStatus.map((c) => c.key)],
    open: (g) => drill.showGroup(g),
    empty: "No protection group in this answer.",
    columns: [
      { label: "Group", cell: (g) => el("span", { class: "name" }, g.name), sort: (g) => g.name },
      { label: "Status", cell: (g) => code(g.status), sort: (g) => g.status },
      // The summary keeps SDRS's null health as null: said as not reported, never as fine.
      {
        label: "Health",
        cell: (g) => (g.health ? code(g.health) : el("span", { class: "unknown" }, "not reported")),
        sort: (g) => g.health,
      },
      {
        label: "Failed tasks",
        cell: (g) => orUnknown(g.failures),
        sort: (g) => g.failures,
        numeric: true,
        initial: "descending",
      },
      {
        label: "By failure status",
        cell: (g) => g.byFailureStatus.map((c) => `${c.key} ${c.count}`).join(", ") || "none",
      },
    ],
  });

  const statuses = model.byFailureStatus.map((c) => c.key).filter((k) => !k.startsWith("("));
  const bar = toolbar(
    "Failure status",
    [{ value: "", label: "All failures" }, ...statuses.map((s) => ({ value: s, label: s }))],
    () => {
      const query = bar.query();
      const status = bar.choice();
      newest.filter(query, (f) => !status || f.failureStatus === status);
      groups.filter(query, (g) => !status || g.byFailureStatus.some((c) => c.key === status));
    },
  );

  const t = model.totals;
  return [
    head("SDRS failures", model.projectId),
    model.filters.length > 0
      ? el(
          "p",
          { class: "muted" },
          `Filters: ${model.filters.map((f) => `${f.key}=${f.value}`).join(", ")}`,
        )
      : null,
    model.summary ? el("p", { class: "summary", "data-summary": "" }, model.summary) : null,
    warningNote(
      "Incomplete: these groups could not be read, so their failures are unknown.",
      model.incomplete,
    ),
    tiles("Totals", [
      { key: "failures", label: "failed tasks", value: t.failures, alarm: true },
      { key: "group-level", label: "at protection-group level", value: t.groupLevel },
      { key: "inside-groups", label: "inside groups", value: t.insideGroups },
      {
        key: "groups-with-failures",
        label: `of ${t.groups ?? "unknown"} groups have failures`,
        value: t.groupsWithFailures,
        alarm: true,
      },
      {
        key: "groups-unreadable",
        label: "groups unreadable",
        value: t.groupsUnreadable,
        alarm: true,
      },
    ]),
    bar.element,
    tableSection("Newest failures", "newest-title", newest, model.newestOmitted, "failures"),
    tableSection("Protection groups", "groups-title", groups, model.groupsOmitted, "groups"),
    drill.element,
    section(
      "Where failures cluster",
      "clusters-title",
      ...failureBreakdown(model.byFailureStatus, model.byErrorCode, model.codesUnexplained),
      countTable(
        "Failed tasks by resource type",
        "Resource type",
        model.byResourceType,
        "resource-type",
      ),
    ),
    model.newestBeforeWindow
      ? el(
          "p",
          { class: "muted" },
          `Newest failure before the window: ${model.newestBeforeWindow.failureStatus ?? "?"} of ${model.newestBeforeWindow.resourceName ?? "?"} at ${model.newestBeforeWindow.beginTime ?? "?"}.`,
        )
      : null,
    nextStepsSection(model.nextSteps),
  ].filter((n): n is HTMLElement => n !== null);
}

function where(f: FailureRow): Node {
  if (f.groupName) return document.createTextNode(f.groupName);
  return el("span", { class: "muted" }, f.groupId ? f.groupId : "protection-group level");
}
