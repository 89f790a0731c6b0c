// Which schedules apply to a rollout and what each says as a gate (spec §2.3, §9.7): the list
// `kubectl kuberik get` and the extension show, the problems that become InvalidSchedule, and the
// earliest flip the engine wakes up for.
import { describe, expect, it } from 'vitest';
import {
  Annotations,
  type ClusterRolloutSchedule,
  type RolloutGate,
  type RolloutSchedule,
} from '../model/index.js';
import { decideGates, decideSchedules } from './gates.js';
import { clusterSchedule, gate, observed, rollout, schedule } from './test-support/fixtures.js';

const now = new Date('2026-11-27T10:00:00Z'); // a Friday
const always = { rules: [{ name: 'always' }] };
const never = { rules: [{ name: 'xmas', dateRange: { start: '2026-12-24', end: '2026-12-26' } }] };
const badSelector = { matchExpressions: [{ key: 'a', operator: 'In' as const, values: [] }] };

describe('decideSchedules', () => {
  it('words an Allow and a Deny schedule, active or not, and shows their display annotations', () => {
    const annotated = (s: RolloutSchedule): RolloutSchedule => ({
      ...s,
      metadata: {
        ...s.metadata,
        annotations: {
          [Annotations.gatePrettyName]: 'Office hours',
          [Annotations.gateDescription]: 'Mon–Fri',
        },
      },
    });
    const set = decideSchedules(
      observed({
        schedules: [
          annotated(schedule('a-open', { ...always, action: 'Allow' })),
          schedule('b-closed', { ...never, action: 'Allow' }),
          schedule('c-frozen', { ...always, action: 'Deny' }),
          schedule('d-thawed', never),
        ],
      }),
      now,
    );
    // Strict: a summary carries no empty display or namespace fields.
    expect(set.summaries).toStrictEqual([
      {
        name: 'a-open',
        namespace: 'prod',
        kind: 'RolloutSchedule',
        prettyName: 'Office hours',
        description: 'Mon–Fri',
        decision: 'Approved',
        message: 'Inside the allowed window (always)',
      },
      {
        name: 'b-closed',
        namespace: 'prod',
        kind: 'RolloutSchedule',
        decision: 'Pending',
        message: 'Outside the allowed window',
        nextChange: '2026-12-24T00:00:00Z',
      },
      {
        name: 'c-frozen',
        namespace: 'prod',
        kind: 'RolloutSchedule',
        decision: 'Pending',
        message: 'Deployments are frozen (always)',
      },
      {
        name: 'd-thawed',
        namespace: 'prod',
        kind: 'RolloutSchedule',
        decision: 'Approved',
        message: 'No freeze window is active',
        nextChange: '2026-12-24T00:00:00Z',
      },
    ]);
    expect(set.problems).toEqual([]);
  });

  it('names every rule that holds', () => {
    const two = { rules: [{ name: 'always' }, { name: 'fridays', daysOfWeek: ['Friday' as const] }] };
    const set = decideSchedules(
      observed({ schedules: [schedule('a', { ...two, action: 'Allow' }), schedule('b', two)] }),
      now,
    );
    expect(set.summaries.map((s) => s.message)).toEqual([
      'Inside the allowed window (always, fridays)',
      'Deployments are frozen (always, fridays)',
    ]);
  });

  it('wakes for the earliest flip among the applying schedules', () => {
    const lunch = { rules: [{ name: 'lunch', timeRange: { start: '12:00', end: '13:00' } }] };
    const morning = { rules: [{ name: 'morning', timeRange: { start: '11:00', end: '12:00' } }] };
    const set = decideSchedules(
      observed({
        schedules: [schedule('a', never), schedule('b', lunch), schedule('c', morning), schedule('d', never)],
      }),
      now,
    );
    expect(set.nextChange).toEqual(new Date('2026-11-27T11:00:00Z'));
    expect(decideSchedules(observed({ schedules: [schedule('a', always)] }), now)).not.toHaveProperty(
      'nextChange',
    );
  });

  it('fails closed on a schedule it cannot evaluate or select by, naming it in the problem', () => {
    const set = decideSchedules(
      observed({
        schedules: [
          schedule('tz', { ...always, timezone: 'Mars/Olympus' }),
          schedule('sel', { ...always, rolloutSelector: badSelector }),
        ],
        clusterSchedules: [
          clusterSchedule('ns-sel', { ...always, action: 'Allow', namespaceSelector: badSelector }),
          clusterSchedule('r-sel', { ...always, action: 'Allow', rolloutSelector: badSelector }),
        ],
      }),
      now,
    );
    expect(set.summaries.map((s) => [s.name, s.decision, s.message])).toEqual([
      ['sel', 'Pending', expect.stringMatching(/^Invalid selector: .+; fix the schedule$/)],
      [
        'tz',
        'Pending',
        'Cannot evaluate: unknown timezone "Mars/Olympus" (use an IANA name such as Europe/Berlin)',
      ],
      ['ns-sel', 'Pending', expect.stringMatching(/^Invalid selector: .+; fix the schedule$/)],
      ['r-sel', 'Pending', expect.stringMatching(/^Invalid selector: .+; fix the schedule$/)],
    ]);
    expect(set.problems).toEqual([
      expect.stringMatching(/^RolloutSchedule prod\/sel: Invalid selector: .+; fix the schedule$/),
      'RolloutSchedule prod/tz: unknown timezone "Mars/Olympus" (use an IANA name such as Europe/Berlin)',
      expect.stringMatching(/^ClusterRolloutSchedule ns-sel: Invalid selector: /),
      expect.stringMatching(/^ClusterRolloutSchedule r-sel: Invalid selector: /),
    ]);
  });

  it('takes a rollout without a namespace as in "default", and a schedule without one as the rollout’s', () => {
    const r = rollout();
    delete r.metadata.namespace;
    const loose = schedule('loose', always);
    delete loose.metadata.namespace;
    const set = decideSchedules(
      observed({
        rollout: r,
        schedules: [schedule('in-default', always, 'default'), schedule('in-prod', always), loose],
      }),
      now,
    );
    expect(set.summaries.map((s) => [s.name, s.namespace])).toEqual([
      ['loose', undefined],
      ['in-default', 'default'],
    ]);
    expect(set.summaries[0]).not.toHaveProperty('namespace');
  });

  it('reads namespace labels of the rollout’s own namespace for a ClusterRolloutSchedule', () => {
    const onlyProd = (name: string): ClusterRolloutSchedule =>
      clusterSchedule(name, { ...always, namespaceSelector: { matchLabels: { env: 'prod' } } });
    const world = (labels: Record<string, string>) =>
      observed({
        namespaces: [
          { name: 'staging', labels: { env: 'prod' } },
          { name: 'prod', labels },
        ],
        clusterSchedules: [onlyProd('freeze')],
      });
    const [freeze] = decideSchedules(world({ env: 'prod' }), now).summaries;
    expect(freeze).toMatchObject({ name: 'freeze', kind: 'ClusterRolloutSchedule' });
    expect(freeze).not.toHaveProperty('namespace');
    expect(decideSchedules(world({ env: 'dev' }), now).summaries).toEqual([]);
    const unlisted = observed({ namespaces: [], clusterSchedules: [onlyProd('freeze')] });
    expect(decideSchedules(unlisted, now).summaries).toEqual([]);
  });
});

describe('half-written objects', () => {
  it('skips a schedule without a spec, and sorts cluster schedules by name', () => {
    const specless = {
      ...clusterSchedule('a-draft', always),
      spec: undefined,
    } as unknown as ClusterRolloutSchedule;
    const set = decideSchedules(
      observed({
        clusterSchedules: [clusterSchedule('zeta', always), specless, clusterSchedule('beta', always)],
      }),
      now,
    );
    expect(set.summaries.map((s) => s.name)).toEqual(['beta', 'zeta']);
  });

  it('ignores a gate without a spec or without a rolloutRef, and one in another namespace', () => {
    const specless = { ...gate('draft'), spec: undefined } as unknown as RolloutGate;
    const unbound = { ...gate('unbound'), spec: {} } as unknown as RolloutGate;
    const elsewhere = gate('elsewhere');
    elsewhere.metadata.namespace = 'staging';
    const set = decideGates(observed({ gates: [specless, unbound, elsewhere, gate('mine')] }), 'v2', now);
    expect(set.summaries.map((s) => s.name)).toEqual(['mine']);
  });

  it('takes a rollout without a namespace as in "default" for its gates', () => {
    const r = rollout();
    delete r.metadata.namespace;
    const g = gate('loose');
    delete g.metadata.namespace;
    const set = decideGates(observed({ rollout: r, gates: [g, gate('in-prod')] }), 'v2', now);
    expect(set.summaries.map((s) => [s.name, s.namespace])).toEqual([['loose', 'default']]);
  });
});

describe('decideGates', () => {
  it('lists the rollout’s gates by name before the schedules, and reuses a given schedule evaluation', () => {
    const world = observed({
      gates: [
        gate('zeta', { passing: true }),
        gate('alpha', {}),
        gate('theirs', { rolloutRef: { name: 'x' } }),
      ],
      schedules: [schedule('freeze', always)],
    });
    const set = decideGates(world, 'v2', now);
    expect(set.summaries.map((s) => [s.kind, s.name, s.decision])).toEqual([
      ['RolloutGate', 'alpha', 'Pending'],
      ['RolloutGate', 'zeta', 'Approved'],
      ['RolloutSchedule', 'freeze', 'Pending'],
    ]);
    const given = { summaries: [], problems: ['from before'] };
    expect(decideGates(world, 'v2', now, given)).toEqual({
      summaries: set.summaries.slice(0, 2),
      problems: ['from before'],
    });
  });

  it('gives a gate without a namespace the rollout’s', () => {
    const g = gate('loose', { passing: true });
    delete g.metadata.namespace;
    expect(decideGates(observed({ gates: [g] }), 'v2', now).summaries[0]).toMatchObject({
      name: 'loose',
      namespace: 'prod',
    });
  });
});
