// Turns the driver's stream into log lines a human reads: one line per phase change, lease change,
// lifecycle Event and error — never one per snapshot (10,000 rollouts re-list at start).
import type { DriverEvent } from '../driver/api.js';
import type { Logger } from './logger.js';

interface Last {
  phase?: string;
  driving: boolean;
  holder?: string;
}

export function createEventLog(logger: Logger): (ev: DriverEvent) => void {
  const last = new Map<string, Last>();
  return (ev) => {
    switch (ev.type) {
      case 'snapshot': {
        const { key, rollout, lease } = ev.snapshot;
        const id = `${key.namespace}/${key.name}`;
        const prev = last.get(id);
        const phase = rollout.status?.phase;
        const fields = { rollout: key.name, namespace: key.namespace };
        if (prev && prev.driving !== lease.driving) {
          logger.info(lease.driving ? 'lease acquired, driving rollout' : 'lease lost, observing rollout', {
            ...fields,
            holder: lease.holder,
          });
        } else if (!prev) {
          // First sight (the start-up list): debug only, or 10,000 rollouts flood the log.
          logger.debug(lease.driving ? 'driving rollout' : 'observing rollout', {
            ...fields,
            phase,
            holder: lease.holder,
          });
        }
        if (prev && lease.driving && prev.phase !== phase && phase) {
          logger.info('phase changed', {
            ...fields,
            phase,
            previousPhase: prev?.phase,
            currentVersion: rollout.status?.currentVersion,
            pendingVersion: rollout.status?.pendingVersion,
          });
        }
        last.set(id, { phase, driving: lease.driving, holder: lease.holder });
        break;
      }
      case 'removed':
        last.delete(`${ev.key.namespace}/${ev.key.name}`);
        logger.info('rollout removed', { rollout: ev.key.name, namespace: ev.key.namespace });
        break;
      case 'event': {
        const log = ev.event.type === 'Warning' ? logger.warn : logger.info;
        log(ev.event.message, {
          rollout: ev.key.name,
          namespace: ev.key.namespace,
          reason: ev.event.reason,
          eventType: ev.event.type,
        });
        break;
      }
      case 'error':
        logger.warn(ev.error.message, {
          rollout: ev.key?.name,
          namespace: ev.key?.namespace,
          errorKind: ev.error.kind,
        });
        break;
    }
  };
}
