// Non-TTY `watch`: prints one timestamped line per change of the rollout (and driver problems),
// re-checking once a second so bake milestones appear without any new snapshot.
import { clockTime } from '../format/duration.js';
import { lineChanges } from '../format/line-log.js';
import { describeRollout, type RolloutView } from '../format/view.js';
import type { WatchSource } from '../ui/watch-contracts.js';

export interface LineLoggerOptions {
  source: WatchSource;
  write: (line: string) => void;
  clock?: () => Date;
  tickMs?: number;
  /** Called with every new view (the --until check). */
  onView?: (view: RolloutView) => void;
}

export function startLineLogger(o: LineLoggerOptions): { stop(): void; flush(): void } {
  const clock = o.clock ?? (() => new Date());
  let prev: RolloutView | undefined;
  let lastError: string | undefined;
  const check = () => {
    const { snapshot, error } = o.source.current();
    const now = clock();
    if (error && error !== lastError) o.write(`${clockTime(now)} ! ${error}`);
    lastError = error;
    if (!snapshot) return;
    const view = describeRollout(snapshot, now);
    for (const line of lineChanges(prev, view)) o.write(`${clockTime(now)} ${line}`);
    prev = view;
    o.onView?.(view);
  };
  const unsubscribe = o.source.subscribe(check);
  const timer = setInterval(check, o.tickMs ?? 1000);
  check();
  return {
    flush: check,
    stop: () => {
      unsubscribe();
      clearInterval(timer);
    },
  };
}
