// Small statistics and table helpers shared by the benchmarks.
import { cpus, freemem, loadavg, totalmem } from "node:os";

/** Linear interpolation between the closest ranks; `sorted` ascending. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
}

export const ascending = (values) => [...values].sort((a, b) => a - b);
export const median = (values) => quantile(ascending(values), 0.5);

/** Rounds to `digits` decimals, as a number (for JSON). */
export const round = (value, digits = 1) => Number(value.toFixed(digits));

/** p50/p99 etc. of a sample list, in ms rounded to 3 decimals. */
export function summary(values, qs = [0.5, 0.99]) {
  const sorted = ascending(values);
  const out = { n: values.length };
  for (const q of qs) out[`p${Math.round(q * 100)}_ms`] = round(quantile(sorted, q), 3);
  return out;
}

/** Least-squares line y = a + b x, with R². */
export function linearFit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/** What the figures were measured on. */
export function machine() {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu_model: list[0]?.model ?? "unknown",
    cpu_count: list.length,
    total_memory_gib: round(totalmem() / 1024 ** 3, 1),
    free_memory_gib_at_start: round(freemem() / 1024 ** 3, 1),
    load_average_at_start: loadavg().map((l) => round(l, 2)),
    date: new Date().toISOString(),
  };
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header, rows) {
  const cells = [header, ...rows].map((row) => row.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row) =>
      row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "),
    )
    .join("\n");
}

/** mulberry32: a seeded generator in [0, 1), so every run measures the same data. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
