/**
 * A CommonJS package imported with `import()`: Node exposes its exports as named exports, while
 * a chunk of the esbuild bundle exposes them only as `default`. Returns whichever holds `key`.
 */
export function commonJsExports<T extends object>(module: unknown, key: keyof T): T {
  const m = module as T & { default?: T };
  return key in m ? m : (m.default as T);
}
