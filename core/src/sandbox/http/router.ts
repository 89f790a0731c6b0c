// URL layout of the API server → a route. Resource paths are resolved against the registry later.

export type Route =
  | { kind: 'root' }
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'openapiIndex' }
  | { kind: 'openapiDoc'; key: string }
  | {
      kind: 'resource';
      group: string;
      version: string;
      namespace?: string;
      plural: string;
      name?: string;
      subresource?: string;
      watchPath: boolean;
    };

export function parseRoute(pathname: string): Route | undefined {
  const segs = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  if (segs.length === 0) return { kind: 'root' };
  const [head] = segs;
  if (head === 'version' && segs.length === 1) return { kind: 'version' };
  if (head === 'healthz' || head === 'readyz' || head === 'livez') return { kind: 'health' };
  if (head === 'openapi' && segs[1] === 'v3') {
    if (segs.length === 2) return { kind: 'openapiIndex' };
    return { kind: 'openapiDoc', key: segs.slice(2).join('/') };
  }
  if (head === 'api') {
    if (segs.length === 1) return { kind: 'api' };
    if (segs.length === 2) return { kind: 'groupVersion', group: '', version: segs[1] as string };
    return resourceRoute('', segs[1] as string, segs.slice(2));
  }
  if (head === 'apis') {
    if (segs.length === 1) return { kind: 'apis' };
    if (segs.length === 2) return { kind: 'group', group: segs[1] as string };
    if (segs.length === 3)
      return { kind: 'groupVersion', group: segs[1] as string, version: segs[2] as string };
    return resourceRoute(segs[1] as string, segs[2] as string, segs.slice(3));
  }
  return undefined;
}

function resourceRoute(group: string, version: string, rest: string[]): Route | undefined {
  let segs = rest;
  let watchPath = false;
  if (segs[0] === 'watch') {
    watchPath = true;
    segs = segs.slice(1);
  }
  const nsScoped =
    segs[0] === 'namespaces' &&
    segs.length >= 3 &&
    !(segs.length === 3 && (segs[2] === 'status' || segs[2] === 'finalize'));
  if (nsScoped) {
    if (segs.length > 5) return undefined;
    const [, namespace, plural, name, subresource] = segs;
    return {
      kind: 'resource',
      group,
      version,
      namespace: namespace as string,
      plural: plural as string,
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
      watchPath,
    };
  }
  if (segs.length === 0 || segs.length > 3) return undefined;
  const [plural, name, subresource] = segs;
  return {
    kind: 'resource',
    group,
    version,
    plural: plural as string,
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    watchPath,
  };
}
