// OpenAPI schemas of RolloutGate (spec §2.2) and the two schedule kinds (spec §2.3), checked against gate.ts.
import type {
  ClusterRolloutScheduleSpec,
  GateDecisionRecord,
  RolloutGateSpec,
  RolloutGateStatus,
  RolloutScheduleSpec,
  RolloutScheduleStatus,
  ScheduleRule,
  Weekday,
} from './gate.js';
import { GATE_DECISIONS_LIMIT } from './gate.js';
import { conditionsSchema, labelSelectorSchema } from './meta.schema.js';
import { arrayOf, bool, dateTime, enumOf, int, objectOf, str, type JSONSchemaProps } from './openapi.js';

export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const topLevel = (description: string, spec: JSONSchemaProps, status: JSONSchemaProps): JSONSchemaProps => ({
  type: 'object',
  description,
  properties: { apiVersion: str(), kind: str(), metadata: { type: 'object' }, spec, status },
  required: ['spec'],
});

// No default for `passing`: a bare gate is a manual-approval gate (spec §2.2 rule 5), unlike upstream.
export const rolloutGateSpecSchema = objectOf<RolloutGateSpec>()(
  {
    rolloutRef: objectOf<RolloutGateSpec['rolloutRef']>()({ name: str({ minLength: 1 }) }, ['name'], {
      description: 'The Rollout (same namespace) this gate applies to.',
    }),
    passing: bool({ description: 'false closes the gate; true opens it unless allowedVersions is set.' }),
    allowedVersions: arrayOf(str(), {
      description: 'Approved tags. Absent and [] differ: [] approves none.',
    }),
    deniedVersions: arrayOf(str(), { description: 'Denied tags; a denied tag is rejected.' }),
  },
  ['rolloutRef'],
);

export const gateDecisionSchema = objectOf<GateDecisionRecord>()(
  {
    verdict: enumOf<GateDecisionRecord['verdict']>()(['Approved', 'Denied']),
    version: str({ description: 'The tag approved or denied.' }),
    user: str({ description: 'The identity the approving tool used (SelfSubjectReview).' }),
    time: dateTime('When, RFC 3339 in whole seconds.'),
    message: str({ description: 'The reason given (-m).' }),
  },
  ['verdict', 'version', 'user', 'time'],
);

export const rolloutGateStatusSchema = objectOf<RolloutGateStatus>()(
  {
    decisions: arrayOf(gateDecisionSchema, {
      maxItems: GATE_DECISIONS_LIMIT,
      description: 'Approvals and denials made with kuberik tools, newest first.',
    }),
  },
  [],
);

export const rolloutGateSchema = topLevel(
  'RolloutGate approves or denies versions of one Rollout.',
  rolloutGateSpecSchema,
  rolloutGateStatusSchema,
);

const timeRange = objectOf<NonNullable<ScheduleRule['timeRange']>>()(
  {
    start: str({ pattern: TIME_OF_DAY_PATTERN, description: 'HH:MM, inclusive.' }),
    end: str({
      pattern: TIME_OF_DAY_PATTERN,
      description: 'HH:MM, exclusive; before start crosses midnight.',
    }),
  },
  ['start', 'end'],
);

const dateRange = objectOf<NonNullable<ScheduleRule['dateRange']>>()(
  {
    start: str({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD, inclusive.' }),
    end: str({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD, inclusive.' }),
  },
  ['start', 'end'],
);

const rule = objectOf<ScheduleRule>()(
  {
    name: str(),
    timeRange,
    daysOfWeek: arrayOf(
      enumOf<Weekday>()(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']),
    ),
    dateRange,
  },
  [],
);

const scheduleProperties = {
  rolloutSelector: labelSelectorSchema('Rollouts this schedule gates.'),
  rules: arrayOf(rule, { minItems: 1, description: 'The schedule is active while any rule matches.' }),
  timezone: str({ default: 'UTC', description: 'IANA time zone the rules are read in.' }),
  action: enumOf<NonNullable<RolloutScheduleSpec['action']>>()(['Allow', 'Deny'], {
    default: 'Deny',
    description: 'Allow: approved while active. Deny: approved while inactive.',
  }),
} as const;

export const rolloutScheduleSpecSchema = objectOf<RolloutScheduleSpec>()(scheduleProperties, [
  'rolloutSelector',
  'rules',
]);

export const clusterRolloutScheduleSpecSchema = objectOf<ClusterRolloutScheduleSpec>()(
  {
    ...scheduleProperties,
    namespaceSelector: labelSelectorSchema('Namespaces searched for Rollouts; absent means all namespaces.'),
  },
  ['rolloutSelector', 'rules'],
);

export const rolloutScheduleStatusSchema = objectOf<RolloutScheduleStatus>()(
  {
    active: bool({ description: 'Any rule matches now.' }),
    activeRules: arrayOf(str()),
    nextTransition: dateTime('When `active` next flips.'),
    matchingRollouts: int({ format: 'int32' }),
    managedGates: arrayOf(str(), { description: 'Upstream field: gates it generated. Kept, not used.' }),
    conditions: conditionsSchema,
  },
  [],
);

export const rolloutScheduleSchema = topLevel(
  'RolloutSchedule gates the Rollouts of its namespace by time of day, weekday and date.',
  rolloutScheduleSpecSchema,
  rolloutScheduleStatusSchema,
);

export const clusterRolloutScheduleSchema = topLevel(
  'ClusterRolloutSchedule gates Rollouts in every matching namespace by time of day, weekday and date.',
  clusterRolloutScheduleSpecSchema,
  rolloutScheduleStatusSchema,
);
