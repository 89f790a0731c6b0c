// "did you mean "my-app"?" for mistyped names, worded as the CLI has always printed it.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** Up to three names close to `name` (edit distance ≤ max(2, a third of its length), or a prefix match). */
export function closeNames(name: string, candidates: string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return candidates
    .map((c) => ({
      c,
      d: c.startsWith(name) || name.startsWith(c) ? 1 : editDistance(name.toLowerCase(), c.toLowerCase()),
    }))
    .filter((x) => x.d <= limit && x.c !== name)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((x) => x.c);
}

/** ' (did you mean "a" or "b"?)', or '' for no names. */
export function didYouMean(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`);
  const last = quoted.pop() as string;
  return ` (did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?)`;
}
