// Kubernetes persists metav1.Time at whole seconds; the engine writes and compares at that precision.

/** `2026-11-27T21:35:54Z` — RFC 3339, whole seconds, UTC. */
export function formatRfc3339(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds since the epoch, or undefined for an absent or unparseable timestamp. */
export function parseTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The instant truncated to whole seconds, as it will read back from the API server. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
