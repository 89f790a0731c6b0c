// Fail closed on what cannot be read (spec §10.6): the message names every refused read, and a
// Kustomization that may exist unseen is never reported as missing.
import { describe, expect, it } from 'vitest';
import { accessMessage, kustomizationHidden, type AccessProblem } from './access.js';

const KS = 'kustomizations.kustomize.toolkit.fluxcd.io';

describe('accessMessage', () => {
  it('is undefined when every read was allowed', () => {
    expect(accessMessage([])).toBeUndefined();
  });

  it('names each refused read with its scope and purpose, separated by semicolons', () => {
    const problems: AccessProblem[] = [
      {
        resource: KS,
        verb: 'list',
        namespace: 'flux-system',
        purpose: 'Kustomizations in other namespaces that deploy it',
      },
      { resource: 'namespaces', verb: 'watch' },
    ];
    expect(accessMessage(problems)).toBe(
      `Automatic deploys hold: this driver cannot list ${KS} in namespace flux-system (Kustomizations in other namespaces that deploy it); ` +
        'cannot watch namespaces at the cluster scope. Grant it list and watch there, or let a driver that can read them (the controller) drive this rollout',
    );
  });
});

describe('kustomizationHidden', () => {
  it('is true only for a refused Kustomization read in that namespace or across all namespaces', () => {
    const inFlux: AccessProblem = { resource: KS, verb: 'list', namespace: 'flux-system' };
    expect(kustomizationHidden([inFlux], 'flux-system')).toBe(true);
    expect(kustomizationHidden([inFlux], 'prod')).toBe(false);
    expect(kustomizationHidden([{ resource: KS, verb: 'watch' }], 'prod')).toBe(true);
    expect(kustomizationHidden([{ resource: 'namespaces', verb: 'list' }], 'prod')).toBe(false);
    expect(kustomizationHidden([], 'prod')).toBe(false);
  });
});
