/** Judging a protection group's state from what the API reports. */

/** An unhealthy or error-state group is what an operator asks about first. */
export function isTroubled(g: { status: string; health_status?: string | null }): boolean {
  return g.status.startsWith("error") || g.health_status === "abnormal";
}
