// The demo's story, told against a live sandbox: publish v1.1.0 (approve it, it bakes and succeeds),
// publish v1.2.0 (it fails its bake), publish the fix v1.2.1 and a teammate force-deploys it past
// the failure; it succeeds and the story ends. Each step reacts to what the rollout shows.
import { describeRollout, type RolloutView } from '../format/view.js';
import type { Verdict } from '../format/until.js';
import { ExitCode } from '../lib/exit-codes.js';
import type { WatchSource } from '../ui/watch-contracts.js';
import { DEMO } from './demo-app.js';

export interface DemoStoryOptions {
  source: WatchSource;
  publish(tag: string): Promise<void>;
  approve(version: string): Promise<string>;
  deploy(version: string, message: string): Promise<string>;
  /** Approve each version like a reviewer would (headless); otherwise the user presses a. */
  autoApprove: boolean;
  /** Pause between steps, so a human can follow. */
  gapMs: number;
  narrate(line: string): void;
}

type Step = 'start' | 'first' | 'failing' | 'fix' | 'deploy-fix' | 'finish' | 'done';

const result = (v: RolloutView, tag: string) => v.history.find((h) => h.version === tag)?.result;

export function runDemoStory(o: DemoStoryOptions): { done: Promise<Verdict>; stop(): void } {
  const [first, failing, fix] = DEMO.versions;
  let step: Step = 'start';
  let busy = false;
  let stopped = false;
  const approved = new Set<string>();
  const announced = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let finish!: (v: Verdict) => void;
  const done = new Promise<Verdict>((r) => (finish = r));

  const later = (fn: () => Promise<unknown>) => {
    busy = true;
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopped) return;
      fn().then(
        () => {
          busy = false;
          check();
        },
        (e: unknown) => {
          busy = false;
          o.narrate(`demo: ${e instanceof Error ? e.message : String(e)}`);
        },
      );
    }, o.gapMs);
    timers.add(t);
  };

  const check = () => {
    if (stopped || busy) return;
    const snap = o.source.current().snapshot;
    if (!snap) return;
    const v = describeRollout(snap, new Date());
    const awaiting =
      v.phase === 'WaitingForGates' && v.gates.some((g) => g.approvable && g.decision === 'Pending');
    if (o.autoApprove && v.pending && awaiting && !approved.has(v.pending)) {
      const version = v.pending;
      approved.add(version);
      o.narrate(`demo: a reviewer approves ${version} (kubectl kuberik approve ${DEMO.rollout} ${version})`);
      later(() => o.approve(version));
      return;
    }
    if (!o.autoApprove && v.pending && awaiting && !announced.has(v.pending)) {
      announced.add(v.pending);
      o.narrate(`demo: ${v.pending} waits for your approval — press a, then y`);
    }
    switch (step) {
      case 'start':
        step = 'first';
        o.narrate(`demo: publishing ${first} — a new image was pushed`);
        later(() => o.publish(first!));
        return;
      case 'first':
        if (result(v, first!) === 'Succeeded') {
          step = 'failing';
          o.narrate(`demo: publishing ${failing} — this one will fail its bake`);
          later(() => o.publish(failing!));
        }
        return;
      case 'failing':
        if (result(v, failing!) === 'Failed') {
          step = 'fix';
          o.narrate(`demo: ${failing} failed, so automation stops; publishing the fix ${fix}`);
          later(() => o.publish(fix!));
        }
        return;
      case 'fix':
        if (v.pending === fix) {
          step = 'deploy-fix';
          o.narrate(
            `demo: a teammate deploys the fix past the failed bake (kubectl kuberik deploy ${DEMO.rollout} ${fix})`,
          );
          later(() => o.deploy(fix!, `hotfix for ${failing}`));
        }
        return;
      case 'deploy-fix':
        if (result(v, fix!) === 'Succeeded') {
          step = 'done';
          finish({
            code: ExitCode.Ok,
            message: `demo finished: ${fix} is live after ${failing} failed its bake`,
          });
        } else if (result(v, fix!) === 'Failed') {
          step = 'done';
          finish({ code: ExitCode.BakeFailed, message: `demo: ${fix} failed unexpectedly` });
        }
        return;
      default:
        return;
    }
  };

  const unsubscribe = o.source.subscribe(check);
  // Checks also on a slow tick, so a step whose condition held before subscribing still advances.
  const tick = setInterval(check, Math.max(100, Math.min(1000, o.gapMs)));
  check();
  return {
    done,
    stop() {
      stopped = true;
      unsubscribe();
      clearInterval(tick);
      for (const t of timers) clearTimeout(t);
    },
  };
}
