// One Driver over several (one per selected namespace): RBAC often allows a few namespaces but not
// a cluster-wide list, so the tree watches exactly the namespaces the user picked.
import type { Driver, DriverEvent, RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';

export function mergeDrivers(drivers: readonly Driver[]): Driver {
  if (drivers.length === 1) return drivers[0] as Driver;
  return {
    async start() {
      await Promise.all(drivers.map((d) => d.start()));
    },
    async stop() {
      await Promise.all(drivers.map((d) => d.stop()));
    },
    subscribe(listener: (event: DriverEvent) => void) {
      const offs = drivers.map((d) => d.subscribe(listener));
      return () => offs.forEach((off) => off());
    },
    snapshots(): RolloutSnapshot[] {
      return drivers.flatMap((d) => d.snapshots());
    },
    snapshot(key: RolloutKey) {
      for (const d of drivers) {
        const s = d.snapshot(key);
        if (s) return s;
      }
      return undefined;
    },
  };
}
