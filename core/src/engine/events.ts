// Events are announced from status differences, so re-running decide on its own output is silent.
import type { Condition } from '../model/index.js';
import type { EventRecord } from './plan.js';

/** Condition values that are problems a user must act on, keyed type/reason → event reason. */
const PROBLEMS: Record<string, string> = {
  'Ready/InvalidSpec': 'InvalidSpec',
  'Ready/RolloutFailed': 'RolloutFailed',
  'ReleasesUpdated/ImagePolicyNotFound': 'ImagePolicyNotFound',
  'ReleasesUpdated/InvalidTag': 'InvalidTag',
  'GatesPassing/InvalidSchedule': 'InvalidSchedule',
  'DeploymentBlocked/UnhealthyHealthChecks': 'HealthCheckBlocking',
  'DeploymentBlocked/ReadForbidden': 'ReadForbidden',
};

/** A Warning for every problem condition that is new or says something new since the last status. */
export function problemEvents(before: Condition[], after: Condition[]): EventRecord[] {
  const events: EventRecord[] = [];
  for (const c of after) {
    const reason = PROBLEMS[`${c.type}/${c.reason}`];
    if (!reason || c.status === (c.type === 'DeploymentBlocked' ? 'False' : 'True')) continue;
    const old = before.find((o) => o.type === c.type);
    if (old && old.status === c.status && old.reason === c.reason && old.message === c.message) continue;
    events.push({ type: 'Warning', reason, message: c.message });
  }
  return events;
}
