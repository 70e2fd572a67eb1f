// Types of scripts/view.mjs for the TypeScript that imports it (vitest.config.ts, tests).
export const VIEW_MODULE_ID: string;
export const VIEW_MAX_BYTES: number;
export function buildView(options?: {
  minify?: boolean;
}): Promise<{ html: string; bytes: number; packageDirs: string[] }>;
export function viewModuleSource(html: string): string;
export function viewModulePlugin(
  onBuilt?: (view: { html: string; bytes: number; packageDirs: string[] }) => void,
): import("esbuild").Plugin;
