// The production ClusterAccess: everything through @kuberik/core (kube, driver, actions).
// Loaded only when the view opens or a command runs (activation), never on import.
import { createActions } from '@kuberik/core/actions';
import { createDriver } from '@kuberik/core/driver';
import { canI, createKube, Kinds, loadKubeConfig, whoAmI, type ResourceKind } from '@kuberik/core/kube';
import type { ClusterAccess, ClusterConnection, ConnectionSettings } from './connection.js';
import { mergeDrivers } from './mergeDrivers.js';
import { describeDenial, type AccessCheck, type Verdict } from './permissions.js';

const resourceOf = (check: AccessCheck): ResourceKind => ({
  group: check.group,
  version: '',
  kind: '',
  plural: check.resource,
  namespaced: true,
});

export const coreAccess: ClusterAccess = {
  async connect(settings: ConnectionSettings): Promise<ClusterConnection> {
    const config = loadKubeConfig({ kubeconfig: settings.kubeconfig, context: settings.context });
    const kube = createKube(config);
    const identity = await whoAmI(kube);
    const driverFor = (scope: { namespace?: string; name?: string }, observe: boolean) =>
      createDriver({ kube, scope, identity, observe });
    return {
      context: config.context,
      server: config.server,
      observe: (namespaces) =>
        namespaces.length === 0
          ? driverFor({}, true)
          : mergeDrivers(namespaces.map((namespace) => driverFor({ namespace }, true))),
      drive: (key) => driverFor({ namespace: key.namespace, name: key.name }, false),
      actions: createActions({ kube, identity }),
      async canI(check, namespace): Promise<Verdict> {
        const answer = await canI(kube, check.verb, resourceOf(check), namespace, {
          subresource: check.subresource,
        });
        return answer.allowed
          ? { allowed: true }
          : { allowed: false, reason: describeDenial(check, namespace, answer.reason) };
      },
      async listNamespaces() {
        return (await kube.list(Kinds.Namespace)).items.map((n) => n.metadata.name).sort();
      },
      close: () => kube.close(),
    };
  },
  async contexts(settings) {
    const { kc, context } = loadKubeConfig({ kubeconfig: settings.kubeconfig });
    return { names: kc.getContexts().map((c) => c.name), current: context };
  },
};
