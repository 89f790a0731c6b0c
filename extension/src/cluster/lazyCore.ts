// Production ClusterAccess, loaded on first use: core (and client-node inside it) is most of the bundle,
// so evaluating it lazily keeps activate() cheap. esbuild turns the dynamic import into a lazy module
// init inside the same single CJS file.
import type { ClusterAccess } from './connection.js';

const load = () => import('./coreConnection.js').then((m) => m.coreAccess);

export const lazyCoreAccess: ClusterAccess = {
  connect: async (settings) => (await load()).connect(settings),
  contexts: async (settings) => (await load()).contexts(settings),
};
