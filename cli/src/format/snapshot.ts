export type { SnapshotLike } from '@kuberik/core/present';
