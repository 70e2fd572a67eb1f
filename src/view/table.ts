/**
 * A data table that sorts by any column (buttons in the headers, aria-sort on the header), hides
 * rows that do not match the view's filter, and lets a row be opened with the keyboard: every
 * row that opens something is in the tab order, Enter or Space opens it, the arrow keys move
 * between rows.
 */
import { type Child, el, replaceChildren } from "./dom.js";
import { type Direction, matchesQuery, type SortValue, sortRows } from "./table-model.js";

export interface Column<T> {
  label: string;
  cell: (row: T) => Child | Child[];
  sort?: (row: T) => SortValue;
  /** Numbers align right. */
  numeric?: boolean;
  /** Sort by this column, this way, at first. */
  initial?: Direction;
}

export interface TableOptions<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  /** A stable key per row (data-key), for tests and for keeping focus across re-sorts. */
  key: (row: T) => string;
  /** The texts the filter searches. */
  search: (row: T) => (string | null)[];
  /** Opens the row (a drill-down); rows without it are not interactive. */
  open?: (row: T) => void;
  /** What opening a row does, said once in the caption. */
  openHint?: string;
  /** A row that cannot be opened (no ID to ask about). */
  canOpen?: (row: T) => boolean;
  empty: string;
}

export interface Table<T> {
  element: HTMLElement;
  /** Shows only rows that match the query and the predicate; returns how many are shown. */
  filter(query: string, keep?: (row: T) => boolean): number;
}

export function createTable<T>(options: TableOptions<T>): Table<T> {
  const { columns } = options;
  const initial = columns.findIndex((c) => c.initial);
  let sortColumn = initial;
  let direction: Direction = columns[initial]?.initial ?? "ascending";
  let query = "";
  let keep: (row: T) => boolean = () => true;

  const body = el("tbody");
  const status = el("p", { class: "table-empty", hidden: "" });
  const headers = columns.map((column, index) => header(column, index));
  const table = el(
    "table",
    {},
    el(
      "caption",
      {},
      options.caption,
      options.open && options.openHint
        ? el("span", { class: "hint" }, ` ${options.openHint}`)
        : null,
    ),
    el("thead", {}, el("tr", {}, ...headers)),
    body,
  );
  const element = el("div", { class: "table-wrap" }, table, status);

  function header(column: Column<T>, index: number): HTMLTableCellElement {
    const th = el("th", { scope: "col", class: column.numeric ? "num" : undefined });
    if (!column.sort) {
      th.textContent = column.label;
      return th;
    }
    const button = el(
      "button",
      { type: "button", class: "sort" },
      column.label,
      el("span", { class: "arrow", "aria-hidden": "true" }),
    );
    button.addEventListener("click", () => {
      direction = sortColumn === index && direction === "ascending" ? "descending" : "ascending";
      sortColumn = index;
      render();
    });
    th.append(button);
    return th;
  }

  function render(): number {
    headers.forEach((th, index) => {
      if (index === sortColumn) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
    const sortBy = columns[sortColumn]?.sort;
    const ordered = sortBy ? sortRows(options.rows, sortBy, direction) : options.rows;
    const shown = ordered.filter((row) => keep(row) && matchesQuery(options.search(row), query));
    const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
    replaceChildren(body, ...shown.map(rowElement));
    if (focusedKey)
      body.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
    status.hidden = shown.length > 0;
    status.textContent = options.rows.length === 0 ? options.empty : "No row matches the filter.";
    return shown.length;
  }

  function rowElement(row: T): HTMLTableRowElement {
    const tr = el("tr", { "data-key": options.key(row) });
    for (const column of columns) {
      const content = column.cell(row);
      tr.append(
        el(
          "td",
          { class: column.numeric ? "num" : undefined },
          ...(Array.isArray(content) ? content : [content]),
        ),
      );
    }
    const { open } = options;
    if (open && (options.canOpen?.(row) ?? true)) {
      tr.tabIndex = 0;
      tr.classList.add("opens");
      tr.addEventListener("click", () => open(row));
      tr.addEventListener("keydown", (event) => onRowKey(event, tr, () => open(row)));
    }
    return tr;
  }

  render();
  return {
    element,
    filter(nextQuery, nextKeep = () => true) {
      query = nextQuery;
      keep = nextKeep;
      return render();
    },
  };
}

function onRowKey(event: KeyboardEvent, row: HTMLTableRowElement, open: () => void): void {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault(); // Space would scroll the page
    open();
    return;
  }
  const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
  if (step === 0) return;
  let next = step > 0 ? row.nextElementSibling : row.previousElementSibling;
  while (next && !(next as HTMLElement).classList.contains("opens")) {
    next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
  }
  if (next) {
    event.preventDefault();
    (next as HTMLElement).focus();
  }
}
