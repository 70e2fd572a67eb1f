/**
 * The drill-down panel: a group's failed tasks (list_failed_sdrs_tasks) and a failure's job
 * (get_sdrs_job), asked of the host through the bridge and shown below. A short status line is
 * an aria-live region, so a screen reader hears that the answer came without losing its place.
 */
import { el, orUnknown, plural, replaceChildren, time } from "./dom.js";
import {
  type DrillError,
  groupFailuresCall,
  type JobDetail,
  type JobStep,
  jobCall,
  jobDetailOf,
  reasonGist,
  type TaskPage,
  type TaskRow,
  type ToolCall,
  taskPageOf,
} from "./drill-model.js";
import type { FailureRow, GroupRow } from "./model.js";
import { type Column, createTable } from "./table.js";

/** Calls a tool of this server through the host; undefined when the host cannot. */
export type CallTool = ((call: ToolCall) => Promise<unknown>) | undefined;

export interface Drill {
  element: HTMLElement;
  showGroup(group: GroupRow): void;
  showJob(row: Pick<FailureRow, "jobId" | "resourceName">): void;
}

export function createDrill(callTool: CallTool, projectId: string | null): Drill {
  const status = el(
    "p",
    { class: "drill-status", role: "status", "aria-live": "polite", "data-drill-status": "" },
    "Open a row above to see its failed tasks or its job here.",
  );
  const groupArea = el("div", { "data-drill": "group" });
  const jobArea = el("div", { "data-drill": "job" });
  const element = el(
    "section",
    { class: "drill", "aria-labelledby": "drill-title" },
    el("h2", { id: "drill-title" }, "Drill-down"),
    status,
    groupArea,
    jobArea,
  );
  // Only the newest request of each area may fill it: a slow answer never overwrites a newer one.
  let groupRequest = 0;
  let jobRequest = 0;

  function say(text: string): void {
    status.textContent = text;
  }

  async function ask(call: ToolCall): Promise<unknown> {
    if (!callTool) throw new Error("this host does not let the view call tools");
    return callTool(call);
  }

  /**
   * Fills `area` with `head`, then with what `answer` makes of the call's result (or the
   * failure), and says so; only while `isCurrent` (the newest request of that area).
   */
  function load(
    area: HTMLElement,
    head: readonly Node[],
    call: ToolCall,
    asking: string,
    isCurrent: () => boolean,
    answer: (result: unknown) => { view: Node; said: string },
    failed: string,
  ): void {
    replaceChildren(area, ...head, pending(call));
    element.setAttribute("aria-busy", "true");
    say(asking);
    ask(call)
      .then((result) => {
        if (!isCurrent()) return;
        const { view, said } = answer(result);
        replaceChildren(area, ...head, view);
        say(said);
      })
      .catch((error: unknown) => {
        if (!isCurrent()) return;
        replaceChildren(area, ...head, failure(errorOf(error), call));
        say(failed);
      })
      .finally(() => element.removeAttribute("aria-busy"));
  }

  function showJob(row: Pick<FailureRow, "jobId" | "resourceName">): void {
    const { jobId } = row;
    if (!jobId) return;
    const request = ++jobRequest;
    const call = jobCall(projectId, jobId);
    const failed = `Job ${jobId}: the call failed.`;
    load(
      jobArea,
      [el("h3", {}, `Job ${jobId}`)],
      call,
      `Asking for job ${jobId}…`,
      () => request === jobRequest,
      (result) => {
        const detail = jobDetailOf(result);
        return detail.kind === "job"
          ? {
              view: jobView(detail),
              said: `Job ${jobId}: ${detail.job?.status ?? "status unknown"}.`,
            }
          : { view: failure(detail, call), said: failed };
      },
      failed,
    );
  }

  function showGroup(group: GroupRow): void {
    const request = ++groupRequest;
    jobRequest++;
    replaceChildren(jobArea);
    const title = el("h3", {}, `Protection group “${group.name}”`);
    const facts = groupFacts(group);
    if (!group.id) {
      replaceChildren(groupArea, title, facts);
      say(`${group.name}: no server_group_id in the answer to ask about.`);
      return;
    }
    const call = groupFailuresCall(projectId, group.id);
    const failed = `${group.name}: the call failed.`;
    load(
      groupArea,
      [title, facts],
      call,
      `Asking for the failed tasks of ${group.name}…`,
      () => request === groupRequest,
      (result) => {
        const page = taskPageOf(result);
        if (page.kind !== "tasks") return { view: failure(page, call), said: failed };
        const shown =
          page.total !== null && page.total > page.tasks.length
            ? `, ${page.tasks.length} shown`
            : "";
        return {
          view: tasksView(page, group.name),
          said: `${group.name}: ${plural(page.total ?? page.tasks.length, "failed task")}${shown}.`,
        };
      },
      failed,
    );
  }

  function tasksView(page: TaskPage, groupName: string): HTMLElement {
    const table = createTable<TaskRow>({
      caption: `Failed tasks of “${groupName}”${page.total !== null ? ` (${page.total})` : ""}`,
      openHint: "Open a row (click, Enter or Space) for its job.",
      rows: page.tasks,
      key: (t) => t.jobId ?? t.resourceId ?? "",
      search: () => [],
      open: (t) => showJob(t),
      canOpen: (t) => t.jobId !== null,
      empty: "No failed task in this group.",
      columns: [
        beganColumn(),
        { label: "Failure", cell: (t) => code(t.failureStatus), sort: (t) => t.failureStatus },
        { label: "Resource", cell: resourceCell, sort: (t) => t.resourceName },
        {
          label: "Code",
          cell: (t) => codeWithMeaning(t.errorCode, page.meanings),
          sort: (t) => t.errorCode,
        },
        { label: "Reason (fail_reason)", cell: (t) => reason(t.failReason) },
      ],
    });
    // The answer's summary is written for a model (what to call next): the table says it here.
    return el(
      "div",
      {},
      table.element,
      page.omitted
        ? el("p", { class: "muted" }, `${page.omitted} more rows left out for size.`)
        : null,
    );
  }

  return { element, showGroup, showJob };
}

function groupFacts(group: GroupRow): HTMLElement {
  return el(
    "div",
    { class: "facts" },
    group.issues.length > 0
      ? el("ul", { class: "issues" }, ...group.issues.map((i) => el("li", {}, i)))
      : null,
    group.nextStep ? el("p", {}, el("strong", {}, "Next step: "), group.nextStep) : null,
    group.unknown.length > 0
      ? el("p", { class: "muted" }, `Not reported by SDRS: ${group.unknown.join(", ")}.`)
      : null,
  );
}

function jobView(detail: JobDetail): HTMLElement {
  return el(
    "div",
    { class: "job" },
    // The answer's summary is written for a model; its facts are all in the lists.
    detail.job ? stepList("The job", detail.job, detail) : null,
    detail.failedStep
      ? stepList("The step that failed", detail.failedStep, detail)
      : el("p", { class: "muted" }, "No failed sub-job listed."),
    el("p", { class: "muted" }, `${plural(detail.subJobs, "sub-job")} in this answer.`),
  );
}

function stepList(title: string, step: JobStep, detail: JobDetail): HTMLElement {
  const handling = step.errorCode ? detail.handling.get(step.errorCode) : undefined;
  const rows: [string, Node][] = [
    ["Status", code(step.status)],
    ["Type", orUnknown(step.jobType)],
    ["Job ID", orUnknown(step.jobId)],
    ["Began", orUnknown(step.beginTime)],
    ["Ended", orUnknown(step.endTime)],
    ["Error code", codeWithMeaning(step.errorCode, detail.meanings)],
    ...(handling ? [["Handling", document.createTextNode(handling)] as [string, Node]] : []),
    ["Reason (fail_reason)", reason(step.failReason)],
    ...step.entities.map((e): [string, Node] => [e.key, el("code", {}, e.value)]),
  ];
  return el(
    "div",
    {},
    el("h4", {}, title),
    el("dl", { class: "step" }, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
  );
}

function pending(call: ToolCall): HTMLElement {
  return el("p", { class: "muted" }, `Calling ${call.name} through the host…`);
}

function failure(error: DrillError, call: ToolCall): HTMLElement {
  return el(
    "div",
    { class: "note warn" },
    el("strong", {}, `${call.name} did not answer: `),
    el("span", { class: "reason" }, error.message),
    el(
      "p",
      { class: "muted" },
      `Ask the assistant instead: ${call.name} ${JSON.stringify(call.arguments)}`,
    ),
  );
}

function errorOf(error: unknown): DrillError {
  return { kind: "error", message: error instanceof Error ? error.message : String(error) };
}

/** A status token; "unknown" (the answer's word for what SDRS left null) reads as unknown. */
export function code(value: string | null): Node {
  return value && value !== "unknown" ? el("code", {}, value) : orUnknown(null);
}

export function codeWithMeaning(value: string | null, meanings: Map<string, string>): Node {
  if (!value) return orUnknown(null);
  const meaning = meanings.get(value);
  return el(
    "span",
    {},
    el("code", {}, value),
    meaning ? el("span", { class: "meaning" }, meaning) : null,
  );
}

/**
 * An upstream reason, as given (textContent: it stays text whatever it holds); a long one as its
 * gist, which opens (a native disclosure: keyboard and screen readers know it) on the whole.
 */
export function reason(value: string | null): Node {
  if (!value) return orUnknown(null);
  const gist = reasonGist(value);
  if (gist === null) return el("span", { class: "reason" }, value);
  return el(
    "details",
    { class: "reason-gist" },
    el("summary", { class: "reason" }, gist),
    el("span", { class: "reason" }, value),
  );
}

/** When a failure began, newest first at the start. */
export function beganColumn<T extends Pick<FailureRow, "beginTime">>(): Column<T> {
  return {
    label: "Began",
    cell: (t) => time(t.beginTime),
    sort: (t) => t.beginTime,
    initial: "descending",
  };
}

export function resourceCell(t: Pick<FailureRow, "resourceName" | "resourceType">): Node {
  return el(
    "span",
    {},
    orUnknown(t.resourceName),
    t.resourceType ? el("span", { class: "meaning" }, t.resourceType) : null,
  );
}
