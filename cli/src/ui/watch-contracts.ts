// What the watch screen needs from the services that run it: a source of snapshots to follow and
// the actions its keys trigger. The services implement these; the UI only consumes them.
import type { SnapshotLike } from '../format/snapshot.js';

export interface WatchState {
  snapshot?: SnapshotLike;
  /** The driver's latest problem (it keeps running). */
  error?: string;
  /** A message from whoever runs the watch (the demo's narration); shown on the status line. */
  note?: string;
}

export interface WatchSource {
  subscribe(listener: () => void): () => void;
  current(): WatchState;
}

/** Each returns the one-line summary to show, or throws an Error whose message is shown. */
export interface WatchActions {
  approve(version: string): Promise<string>;
  deny(version: string): Promise<string>;
  retry(): Promise<string>;
  pin(version: string): Promise<string>;
  unpin(): Promise<string>;
}
