/**
 * Building DOM from data. Every string from a tool result is set with textContent (through
 * `el`'s children): upstream text can never become markup, whatever it holds.
 */

import { shortTime } from "./table-model.js";

export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A value the answer left out, said as such (not a blank a reader could take for "none"). */
export function orUnknown(value: string | number | null | undefined): Node {
  if (value === null || value === undefined || value === "")
    return el("span", { class: "unknown" }, "unknown");
  return document.createTextNode(String(value));
}

/** A time as a short cell, the full value in its title (and for screen readers). */
export function time(value: string | null): Node {
  if (!value) return orUnknown(null);
  const short = shortTime(value);
  return el(
    "time",
    { class: "time", title: value, "aria-label": short === value ? undefined : value },
    short,
  );
}

/** Text for screen readers only. */
export function hidden(text: string): HTMLElement {
  return el("span", { class: "sr-only" }, text);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
