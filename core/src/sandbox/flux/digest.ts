import { createHash } from 'node:crypto';

/** A stable stand-in for a registry digest: the same tag always gets the same digest. */
export const fakeDigest = (tag: string): string => `sha256:${createHash('sha256').update(tag).digest('hex')}`;

/** A stable stand-in for a source revision, changing whenever the Kustomization's spec does. */
export const fakeRevision = (spec: unknown): string =>
  `sandbox@sha1:${createHash('sha1')
    .update(JSON.stringify(spec ?? null))
    .digest('hex')}`;
