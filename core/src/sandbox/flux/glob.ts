// `*` globs for sandbox.kuberik.com/fail-versions: `v1.3.*`, `*-rc*`, `v2.0.0`.

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** The first glob that matches `value`, or undefined. */
export function matchingGlob(value: string, globs: string[]): string | undefined {
  return globs.find((glob) => globToRegExp(glob).test(value));
}
