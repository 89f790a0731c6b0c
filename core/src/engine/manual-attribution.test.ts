// Who a manual deploy is credited to (spec §10.5): the deploy-user annotation, else the field manager
// that last set the triggering field, else `unknown` — and how UIs and Events name that trigger.
import { describe, expect, it } from 'vitest';
import type { ManagedFieldsEntry } from '../model/index.js';
import { FieldPaths, fieldManagerOf, manualTrigger, triggerText } from './attribution.js';
import { rollout } from './test-support/fixtures.js';

const setsWanted = { 'f:spec': { 'f:wantedVersion': {} } };
const withFields = (managedFields: ManagedFieldsEntry[], annotations?: Record<string, string>) => {
  const r = rollout({}, annotations ? { annotations } : {});
  r.metadata.managedFields = managedFields;
  return r;
};

describe('fieldManagerOf', () => {
  it('credits the manager that set the field most recently, whatever the entry order', () => {
    const r = withFields([
      { manager: 'argocd', time: '2026-12-03T09:00:00Z', fieldsV1: setsWanted },
      { manager: 'kubectl-edit', time: '2026-12-03T10:00:00Z', fieldsV1: setsWanted },
      { manager: 'helm', time: '2026-12-03T08:00:00Z', fieldsV1: setsWanted },
    ]);
    expect(fieldManagerOf(r, FieldPaths.wantedVersion)).toBe('kubectl-edit');
  });

  it('on equal times the later entry wins, and an entry without a time counts as oldest', () => {
    const same = withFields([
      { manager: 'first', time: '2026-12-03T10:00:00Z', fieldsV1: setsWanted },
      { manager: 'second', time: '2026-12-03T10:00:00Z', fieldsV1: setsWanted },
    ]);
    expect(fieldManagerOf(same, FieldPaths.wantedVersion)).toBe('second');
    const untimed = withFields([
      { manager: 'timed', time: '2026-12-03T10:00:00Z', fieldsV1: setsWanted },
      { manager: 'untimed', fieldsV1: setsWanted },
      { manager: 'garbled', time: 'yesterday', fieldsV1: setsWanted },
    ]);
    expect(fieldManagerOf(untimed, FieldPaths.wantedVersion)).toBe('timed');
  });

  it('ignores entries that did not set the field, status writes, and entries without a manager', () => {
    const r = withFields([
      { manager: 'kubectl-edit', time: '2026-12-03T08:00:00Z', fieldsV1: setsWanted },
      { manager: 'other', time: '2026-12-03T11:00:00Z', fieldsV1: { 'f:spec': { 'f:bakeTime': {} } } },
      { manager: 'scalar', time: '2026-12-03T11:00:00Z', fieldsV1: { 'f:spec': 'f:wantedVersion' } },
      { manager: 'nulls', time: '2026-12-03T11:00:00Z', fieldsV1: { 'f:spec': null } },
      { manager: 'none', time: '2026-12-03T11:00:00Z' },
      { manager: 'kuberik', time: '2026-12-03T11:00:00Z', subresource: 'status', fieldsV1: setsWanted },
      { manager: '', time: '2026-12-03T11:00:00Z', fieldsV1: setsWanted },
      { time: '2026-12-03T11:00:00Z', fieldsV1: setsWanted },
      { manager: 42, time: '2026-12-03T11:00:00Z', fieldsV1: setsWanted } as unknown as ManagedFieldsEntry,
      null as unknown as ManagedFieldsEntry,
    ]);
    expect(fieldManagerOf(r, FieldPaths.wantedVersion)).toBe('kubectl-edit');
  });

  it('is undefined when no entry set the field', () => {
    expect(fieldManagerOf(rollout(), FieldPaths.wantedVersion)).toBeUndefined();
    expect(
      fieldManagerOf(withFields([{ manager: 'x', fieldsV1: {} }]), FieldPaths.forceDeploy),
    ).toBeUndefined();
  });
});

describe('manualTrigger', () => {
  it('prefers the deploy-user annotation, then the field manager, then unknown', () => {
    const fields = [{ manager: 'kubectl-edit', time: '2026-12-03T08:00:00Z', fieldsV1: setsWanted }];
    expect(
      manualTrigger(withFields(fields, { 'rollout.kuberik.com/deploy-user': 'alice' }), 'wantedVersion'),
    ).toEqual({ kind: 'User', name: 'alice' });
    expect(manualTrigger(withFields(fields), 'wantedVersion')).toEqual({
      kind: 'FieldManager',
      name: 'kubectl-edit',
    });
    expect(manualTrigger(withFields(fields), 'forceDeploy')).toEqual({ kind: 'User', name: 'unknown' });
  });
});

describe('triggerText', () => {
  it('names people as themselves, field managers as such, and the driver as system', () => {
    expect(triggerText(undefined)).toBeUndefined();
    expect(triggerText({ kind: 'System', name: 'kuberik-controller' })).toBe('system');
    expect(triggerText({ kind: 'FieldManager', name: 'kubectl-patch' })).toBe(
      'kubectl-patch (field manager)',
    );
    expect(triggerText({ kind: 'User', name: 'alice' })).toBe('alice');
  });
});
