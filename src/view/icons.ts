/**
 * One shape per verdict, so a verdict is told by its word and its icon, never by colour alone:
 * a stop sign for not ready, a clock for in progress, a warning triangle, a question mark, an
 * open circle with a tick for "no problem found", a filled one for ready.
 */
import type { VerdictKey } from "./model.js";

const SVG = "http://www.w3.org/2000/svg";

type Shape = [tag: "path" | "circle" | "polygon", attributes: Record<string, string>];

const SHAPES: Record<VerdictKey, Shape[]> = {
  not_ready: [
    [
      "polygon",
      { points: "5.2,1 10.8,1 15,5.2 15,10.8 10.8,15 5.2,15 1,10.8 1,5.2", class: "fill" },
    ],
    ["path", { d: "M5.5 5.5l5 5M10.5 5.5l-5 5", class: "mark" }],
  ],
  in_progress: [
    ["circle", { cx: "8", cy: "8", r: "6.5", class: "ring" }],
    ["path", { d: "M8 4.2V8l2.8 1.8", class: "line" }],
  ],
  needs_attention: [
    ["polygon", { points: "8,1.2 15.2,14.4 0.8,14.4", class: "fill" }],
    ["path", { d: "M8 5.8v4", class: "mark" }],
    ["circle", { cx: "8", cy: "12.1", r: "0.9", class: "dot" }],
  ],
  unknown: [
    ["circle", { cx: "8", cy: "8", r: "6.5", class: "ring dashed" }],
    ["path", { d: "M6 6.3a2 2 0 1 1 2.9 1.8c-.6.3-.9.7-.9 1.3v.5", class: "line" }],
    ["circle", { cx: "8", cy: "11.9", r: "0.9", class: "dot-line" }],
  ],
  no_problem_found: [
    ["circle", { cx: "8", cy: "8", r: "6.5", class: "ring" }],
    ["path", { d: "M5 8.2l2 2L11 6", class: "line" }],
  ],
  ready: [
    ["circle", { cx: "8", cy: "8", r: "7", class: "fill" }],
    ["path", { d: "M4.8 8.2l2.2 2.2L11.3 6", class: "mark" }],
  ],
};

/** The icon of a verdict; decorative (aria-hidden): the word beside it carries the meaning. */
export function verdictIcon(verdict: VerdictKey): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const [tag, attributes] of SHAPES[verdict]) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
    svg.appendChild(shape);
  }
  return svg;
}
