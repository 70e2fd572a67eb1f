/** The readiness view's page, built from src/view/ (scripts/view.mjs resolves this module). */
declare module "virtual:sdrs-mcp/readiness-html" {
  export const READINESS_HTML: string;
}
