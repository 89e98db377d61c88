/** How long a cached name and time zone from users.info stay good: the issue asks for at most daily refreshes. */
export const PERSON_REFRESH_INTERVAL_MS = 24 * 60 * 60 * 1000;

export function needsSlackRefresh(checkedAt: Date | null, now: Date): boolean {
  return checkedAt === null || now.getTime() - checkedAt.getTime() >= PERSON_REFRESH_INTERVAL_MS;
}
