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
  /** Short label for a column or header: "you (this watch)", the holder identity, or "none". */
  label: string;
}

export function driverView(lease: LeaseLike): DriverView {
  if (lease.driving) return { kind: 'self', holder: lease.holder, label: 'this watch' };
  if (lease.holder) return { kind: 'other', holder: lease.holder, label: lease.holder };
  return { kind: 'none', label: 'none' };
}

/** The command that drives one rollout from a laptop. */
export function watchCommand(name: string, namespace?: string): string {
  return `kubectl kuberik watch ${name}${namespace && namespace !== 'default' ? ` -n ${namespace}` : ''}`;
}

/** "nothing drives my-app: run `kubectl kuberik watch my-app` or install the controller" */
export function noDriverHint(name: string, namespace?: string): string {
  return `nothing drives ${name}: run \`${watchCommand(name, namespace)}\` or install the controller`;
}
