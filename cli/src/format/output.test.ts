import { describe, expect, it } from 'vitest';
import { asList, renderMachine, withoutManagedFields } from './output.js';

const rollout = { apiVersion: 'kuberik.com/v1alpha1', kind: 'Rollout', metadata: { name: 'my-app' } };

describe('-o json|yaml|name', () => {
  it('prints one object as itself and several as a List', async () => {
    expect(JSON.parse(await renderMachine('json', rollout))).toEqual(rollout);
    expect(await renderMachine('yaml', asList([rollout]))).toMatch(/^kind: List$/m);
    expect(await renderMachine('name', asList([rollout, { ...rollout, metadata: { name: 'b' } }]))).toBe(
      'rollout.kuberik.com/my-app\nrollout.kuberik.com/b',
    );
  });
});

describe('managedFields', () => {
  it('are left out unless asked for', () => {
    const obj = { kind: 'Rollout', metadata: { name: 'a', managedFields: [{ manager: 'kubectl' }] } };
    expect(withoutManagedFields(obj)).toEqual({ kind: 'Rollout', metadata: { name: 'a' } });
    expect(obj.metadata.managedFields).toHaveLength(1);
  });
});
