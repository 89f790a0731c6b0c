// Kubernetes persists metav1.Time at whole seconds; the engine writes and compares at that precision.

/** `2026-11-27T21:35:54Z` — RFC 3339, whole seconds, UTC. */
export function formatRfc3339(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch, or undefined for an absent timestamp or one that is not RFC 3339
 * (Date.parse reads "9999" as a year: a lastChangeTime like that must never count as fresh health).
 */
export function parseTime(text: string | undefined): number | undefined {
  if (!text || typeof text !== 'string' || !RFC3339.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
