// Release discovery from a Flux ImagePolicy (spec §3.1): append each new tag, in discovery order.
import type { ImagePolicy, VersionInfo } from '../model/index.js';

/** A Docker tag: word characters, dots and dashes, at most 128, not starting with . or -. */
const TAG = /^[\w][\w.-]{0,127}$/;

export const isValidTag = (tag: string): boolean => TAG.test(tag);

/**
 * The latest version an ImagePolicy reports: v1 `status.latestRef {tag, digest}` or v1beta2
 * `status.latestImage` (`repo:tag`, `host:5000/repo:tag`, `repo:tag@sha256:…`). Undefined when the
 * policy has not resolved a tag yet.
 */
export function versionFromImagePolicy(policy: ImagePolicy | undefined): VersionInfo | undefined {
  const status = policy?.status;
  if (!status) return undefined;
  const ref = status.latestRef;
  if (ref && typeof ref.tag === 'string' && ref.tag !== '') {
    return ref.digest ? { tag: ref.tag, digest: ref.digest } : { tag: ref.tag };
  }
  const image = status.latestImage;
  if (typeof image !== 'string' || image === '') return undefined;
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  // The tag follows the last colon after the last slash, so a registry port is never mistaken for one.
  const colon = name.lastIndexOf(':');
  if (colon < 0 || colon < name.lastIndexOf('/')) return undefined;
  const tag = name.slice(colon + 1);
  if (tag === '') return undefined;
  return digest ? { tag, digest } : { tag };
}

/** availableReleases with `found` appended when its tag is new (entries are never rewritten). */
export function appendRelease(available: VersionInfo[], found: VersionInfo | undefined): VersionInfo[] {
  if (!found || available.some((v) => v.tag === found.tag)) return available;
  return [...available, found];
}

/** The same list without repeated tags (first discovery wins), for hand-edited or legacy statuses. */
export function dedupeReleases(available: VersionInfo[]): VersionInfo[] {
  const seen = new Set<string>();
  return available.filter((v) => {
    if (!v || typeof v.tag !== 'string' || seen.has(v.tag)) return false;
    seen.add(v.tag);
    return true;
  });
}
