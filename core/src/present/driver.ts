// Who drives a rollout, in words every UI shares. Without a live lease holder nothing reconciles
// the rollout: status goes stale and actions are only recorded, so every screen must say so.

/** The lease part of a driver snapshot (core/driver RolloutSnapshot.lease). */
export interface LeaseLike {
  holder?: string;
  /** This process holds the lease. */
  driving: boolean;
}

export interface DriverView {
  /** self: this process drives; other: someone else holds the lease; none: nobody does. */
  kind: 'self' | 'other' | 'none';
  holder?: string;
  /** Short label for a column: `self` (the UI's name for itself), the holder identity, or "none". */
  label: string;
  /** For a header, status line or tooltip: "driven by this watch", "driven by bob@ci", "nothing drives it". */
  text: string;
}

/** `self` is how the UI calls itself ("this watch", "this window"). */
export function driverView(lease: LeaseLike, self = 'this watch'): DriverView {
  if (lease.driving) return { kind: 'self', holder: lease.holder, label: self, text: `driven by ${self}` };
  if (lease.holder)
    return { kind: 'other', holder: lease.holder, label: lease.holder, text: `driven by ${lease.holder}` };
  return { kind: 'none', label: 'none', text: 'nothing drives it' };
}

/** Why no driver matters, for a tooltip or a notice. */
export const NO_DRIVER_CONSEQUENCE =
  'no controller or watch holds its lease, so approvals and deploys are recorded but nothing acts on them';

/** The command that drives one rollout from a laptop. */
export function watchCommand(name: string, namespace?: string): string {
  return `kubectl kuberik watch ${name}${namespace && namespace !== 'default' ? ` -n ${namespace}` : ''}`;
}

/** "nothing drives my-app: run `kubectl kuberik watch my-app` or install the controller" */
export function noDriverHint(name: string, namespace?: string): string {
  return `nothing drives ${name}: run \`${watchCommand(name, namespace)}\` or install the controller`;
}
