// Codicon + theme colour per phase, decision and status: one place, so the tree and status bar agree.
import type { BakeStatus, GateDecision, HealthStatus, RolloutPhase } from '@kuberik/core/model';

export interface IconSpec {
  /** A codicon id (`pass`, `sync~spin`). */
  id: string;
  /** A theme colour id (`testing.iconPassed`). */
  color?: string;
}

const PASSED = 'testing.iconPassed';
const FAILED = 'testing.iconFailed';
const WAITING = 'charts.yellow';
const BUSY = 'charts.blue';

export function phaseIcon(phase: RolloutPhase | undefined): IconSpec {
  switch (phase) {
    case 'Idle':
      return { id: 'circle-large-outline' };
    case 'WaitingForGates':
      return { id: 'watch', color: WAITING };
    case 'Blocked':
      return { id: 'debug-pause', color: 'charts.orange' };
    case 'Deploying':
      return { id: 'cloud-upload', color: BUSY };
    case 'Baking':
      return { id: 'sync~spin', color: BUSY };
    case 'Succeeded':
      return { id: 'pass-filled', color: PASSED };
    case 'Failed':
      return { id: 'error', color: FAILED };
    case 'Rejected':
      return { id: 'circle-slash', color: FAILED };
    default:
      return { id: 'question' };
  }
}

export function decisionIcon(decision: GateDecision, schedule: boolean): IconSpec {
  if (schedule) {
    return {
      id: 'calendar',
      color: decision === 'Approved' ? PASSED : decision === 'Denied' ? FAILED : WAITING,
    };
  }
  if (decision === 'Approved') return { id: 'pass', color: PASSED };
  if (decision === 'Denied') return { id: 'circle-slash', color: FAILED };
  return { id: 'person', color: WAITING };
}

export function healthIcon(status: HealthStatus | undefined): IconSpec {
  if (status === 'Healthy') return { id: 'heart', color: PASSED };
  if (status === 'Unhealthy') return { id: 'error', color: FAILED };
  return { id: 'circle-large-outline', color: WAITING };
}

export function bakeIcon(status: BakeStatus | undefined): IconSpec {
  switch (status) {
    case 'Deploying':
      return { id: 'cloud-upload', color: BUSY };
    case 'InProgress':
      return { id: 'sync~spin', color: BUSY };
    case 'Succeeded':
      return { id: 'pass', color: PASSED };
    case 'Failed':
      return { id: 'error', color: FAILED };
    case 'Cancelled':
      return { id: 'circle-slash' };
    default:
      return { id: 'circle-large-outline' };
  }
}
