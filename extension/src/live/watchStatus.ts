// The status-bar text for the rollout this window watches (drives): phase and bake countdown. Pure.
import type { RolloutSnapshot } from '@kuberik/core/driver';
import { driverView, formatCountdown } from '@kuberik/core/present';
import { bakeProgress } from '../tree/format.js';
import { phaseIcon } from '../tree/icons.js';
import { phaseText } from '../tree/present.js';

export interface WatchStatus {
  text: string;
  tooltip: string;
  /** True while a countdown is shown, so the caller ticks once a second (and stops otherwise). */
  ticking: boolean;
}

export function watchStatus(name: string, snapshot: RolloutSnapshot | undefined, now: Date): WatchStatus {
  if (!snapshot)
    return { text: `$(eye) ${name}: connecting…`, tooltip: `Watching rollout ${name}`, ticking: false };
  const s = snapshot.rollout.status ?? {};
  const phase = phaseText(snapshot, now) ?? 'no status yet';
  const icon = phaseIcon(s.phase).id;
  const lease = snapshot.lease;
  // With no holder this window is about to take the lease: say that rather than "nothing drives it".
  const d = driverView(lease, 'this window');
  const driver = d.kind === 'none' ? 'waiting for the lease' : d.text;
  const live = s.history?.[0];
  let detail = '';
  let ticking = false;
  if (live && (live.bakeStatus === 'InProgress' || live.bakeStatus === 'Deploying')) {
    const p = bakeProgress(live, snapshot.rollout.spec.bakeTime, snapshot.rollout.spec.deployTimeout, now);
    if (p.remainingMs !== undefined) {
      detail = ` ${live.version.tag} ${formatCountdown(p.remainingMs)} left`;
      ticking = true;
    } else {
      detail = ` ${live.version.tag}`;
    }
  } else if (s.phase === 'WaitingForGates' && s.pendingVersion) {
    detail = ` ${s.pendingVersion}`;
  } else if (s.currentVersion) {
    detail = ` ${s.currentVersion}`;
  }
  const text = `$(${icon}) ${snapshot.key.name}: ${phase}${detail}${lease.driving ? '' : ' (observing)'}`;
  const tooltip = [
    `Rollout ${snapshot.key.namespace}/${snapshot.key.name}, ${driver}`,
    `${phase[0]?.toUpperCase()}${phase.slice(1)}; current ${s.currentVersion ?? '—'}, pending ${s.pendingVersion ?? '—'}`,
    live && bakeProgress(live, snapshot.rollout.spec.bakeTime, snapshot.rollout.spec.deployTimeout, now).text,
    'Click to stop watching.',
  ]
    .filter(Boolean)
    .join('\n');
  return { text, tooltip, ticking };
}
