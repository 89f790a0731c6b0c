// "did you mean" for rollout names and versions: small edit distance or a shared prefix.
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Up to `max` candidates closest to `wanted`, best first. */
export function closeMatches(wanted: string, candidates: string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return candidates
    .map((c) => ({
      c,
      d:
        c.startsWith(wanted) || wanted.startsWith(c)
          ? 1
          : editDistance(wanted.toLowerCase(), c.toLowerCase()),
    }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** ' (did you mean "a" or "b"?)', or '' when nothing is close. */
export function didYouMean(wanted: string, candidates: string[]): string {
  const m = closeMatches(wanted, candidates);
  if (m.length === 0) return '';
  const quoted = m.map((x) => `"${x}"`);
  const last = quoted.pop()!;
  return ` (did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?)`;
}
