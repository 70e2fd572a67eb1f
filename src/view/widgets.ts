/** The pieces both views are made of: verdict badges, number tiles, count bars, notes, toolbar. */
import { el, hidden, orUnknown } from "./dom.js";
import { verdictIcon } from "./icons.js";
import type { CodeRow, Verdict } from "./model.js";
import type { Count } from "./read.js";

export function verdictBadge(verdict: Verdict | null): HTMLElement {
  if (!verdict)
    return el("span", { class: "verdict v-unknown" }, verdictIcon("unknown"), "Not given");
  return el(
    "span",
    { class: `verdict v-${verdict.key}`, "data-verdict": verdict.key },
    verdictIcon(verdict.key),
    verdict.word,
  );
}

export interface Tile {
  label: string;
  value: number | null;
  /** A count of trouble: marked (border and weight, not colour alone) when above zero. */
  alarm?: boolean;
  note?: string;
  key: string;
}

export function tiles(label: string, items: Tile[]): HTMLElement {
  return el(
    "ul",
    { class: "tiles", "aria-label": label },
    ...items.map((t) =>
      el(
        "li",
        { class: t.alarm && (t.value ?? 0) > 0 ? "tile alarm" : "tile", "data-tile": t.key },
        el("span", { class: "tile-value" }, orUnknown(t.value)),
        el("span", { class: "tile-label" }, t.label),
        t.note ? el("span", { class: "tile-note" }, t.note) : null,
      ),
    ),
  );
}

/**
 * Counts as a table with proportional bars: the number is always written, the bar (hidden from
 * screen readers) only helps the eye compare.
 */
export function countTable(
  caption: string,
  keyLabel: string,
  rows: (Count | CodeRow)[],
  dataName: string,
): HTMLElement {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const withMeaning = rows.some((r) => "meaning" in r);
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      { class: "counts", "data-counts": dataName },
      el("caption", {}, caption),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, keyLabel),
          withMeaning ? el("th", { scope: "col" }, "Meaning and handling") : null,
          el("th", { scope: "col", class: "num" }, "Failed tasks"),
        ),
      ),
      el(
        "tbody",
        {},
        ...rows.map((r) =>
          el(
            "tr",
            { "data-key": r.key },
            el("th", { scope: "row" }, el("code", {}, r.key)),
            "meaning" in r ? el("td", {}, meaningCell(r)) : null,
            el(
              "td",
              { class: "num" },
              bar(r.count / max),
              el("span", { class: "count" }, String(r.count)),
            ),
          ),
        ),
      ),
    ),
    rows.length === 0 ? el("p", { class: "table-empty" }, "None.") : null,
  );
}

/** Set through the CSSOM, which a host's CSP without 'unsafe-inline' styles still allows. */
function bar(share: number): HTMLElement {
  const span = el("span", { class: "bar", "aria-hidden": "true" });
  span.style.setProperty("--share", share.toFixed(3));
  return span;
}

function meaningCell(r: CodeRow): HTMLElement {
  if (r.key.startsWith("("))
    return el(
      "span",
      { class: "muted" },
      r.key === "(other)" ? "rarer codes, folded together" : "no code given",
    );
  return el(
    "span",
    {},
    r.meaning ?? el("span", { class: "muted" }, "no documented meaning in this answer"),
    r.handling ? el("span", { class: "handling" }, r.handling) : null,
  );
}

/** Failed tasks by failure status and by error code (with meanings), as both views show them. */
export function failureBreakdown(
  byStatus: Count[],
  byCode: CodeRow[],
  codesUnexplained: number | null,
): (HTMLElement | null)[] {
  return [
    countTable("Failed tasks by failure status", "Failure status", byStatus, "status"),
    countTable("Failed tasks by error code", "Error code", byCode, "code"),
    codesUnexplained
      ? el(
          "p",
          { class: "muted" },
          `${codesUnexplained} more codes are not explained in this answer.`,
        )
      : null,
  ];
}

export function nextStepsSection(steps: string[]): HTMLElement | null {
  if (steps.length === 0) return null;
  return section(
    "Next steps",
    "steps-title",
    el("ol", { class: "steps" }, ...steps.map((s) => el("li", {}, s))),
  );
}

/** The page head: title, the verdict where there is one, the project. */
export function head(
  title: string,
  projectId: string | null,
  ...extra: (Node | null)[]
): HTMLElement {
  return el(
    "header",
    { class: "head" },
    el("h1", {}, title),
    ...extra,
    projectId
      ? el("span", { class: "muted project" }, "project ", el("code", {}, projectId))
      : null,
  );
}

export function demoBanner(): HTMLElement {
  return el(
    "p",
    { class: "note demo", role: "note", "data-demo": "" },
    el("strong", {}, "Sample data. "),
    "sdrs-mcp runs in demo mode against its built-in simulator: nothing shown here comes from your cloud.",
  );
}

export function warningNote(title: string, lines: string[]): HTMLElement | null {
  if (lines.length === 0) return null;
  return el(
    "div",
    { class: "note warn", role: "note" },
    el("strong", {}, title),
    el("ul", {}, ...lines.map((line) => el("li", {}, line))),
  );
}

export function section(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return el("section", { "aria-labelledby": id }, el("h2", { id }, title), ...children);
}

/** A section holding one table, and how many rows of it the answer left out for size. */
export function tableSection(
  title: string,
  id: string,
  table: { element: HTMLElement },
  omitted: number | null,
  what: string,
): HTMLElement {
  return section(
    title,
    id,
    table.element,
    omitted
      ? el("p", { class: "muted" }, `${omitted} more ${what} left out of this answer for size.`)
      : null,
  );
}

export interface Toolbar {
  element: HTMLElement;
  query(): string;
  choice(): string;
}

/** A search field and one choice list; `onChange` runs on every edit. */
export function toolbar(
  choiceLabel: string,
  choices: { value: string; label: string }[],
  onChange: () => void,
): Toolbar {
  const search = el("input", {
    type: "search",
    id: "filter",
    autocomplete: "off",
    spellcheck: "false",
  });
  const select = el(
    "select",
    { id: "choice" },
    ...choices.map((c) => el("option", { value: c.value }, c.label)),
  );
  search.addEventListener("input", onChange);
  select.addEventListener("change", onChange);
  return {
    element: el(
      "div",
      { class: "toolbar", role: "search" },
      el("label", { for: "filter" }, "Filter"),
      search,
      el("label", { for: "choice" }, choiceLabel),
      select,
      hidden("Tables below show only the rows that match."),
    ),
    query: () => search.value,
    choice: () => select.value,
  };
}
