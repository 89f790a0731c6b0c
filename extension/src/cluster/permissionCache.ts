// RBAC verdicts per namespace, asked once (SelfSubjectAccessReview through core's canI) and cached
// for the connection's lifetime; Refresh and context switches start a new cache.
import {
  CAPABILITY_CHECKS,
  type Capability,
  type NamespacePermissions,
  type Verdict,
} from './permissions.js';
import type { AccessCheck } from './permissions.js';

export type CanI = (check: AccessCheck, namespace: string) => Promise<Verdict>;

export class PermissionCache {
  private readonly verdicts = new Map<string, NamespacePermissions>();
  private readonly inflight = new Map<string, Promise<NamespacePermissions>>();

  constructor(
    private readonly canI: CanI,
    /** Called when a namespace's verdicts arrive, so the tree redraws that namespace. */
    private readonly onResolved: (namespace: string) => void,
  ) {}

  /** Cached verdicts; unknown until the first ask resolves (unknown = allowed; the action still checks). */
  get(namespace: string): NamespacePermissions {
    const known = this.verdicts.get(namespace);
    if (known) return known;
    void this.resolve(namespace);
    return {};
  }

  resolve(namespace: string): Promise<NamespacePermissions> {
    const known = this.verdicts.get(namespace);
    if (known) return Promise.resolve(known);
    let p = this.inflight.get(namespace);
    if (!p) {
      p = this.ask(namespace);
      this.inflight.set(namespace, p);
    }
    return p;
  }

  private async ask(namespace: string): Promise<NamespacePermissions> {
    const entries = await Promise.all(
      (Object.keys(CAPABILITY_CHECKS) as Capability[]).map(
        async (c): Promise<[Capability, Verdict | undefined]> => {
          try {
            return [c, await this.canI(CAPABILITY_CHECKS[c], namespace)];
          } catch {
            // No answer (old server, review API forbidden): leave it unknown rather than block the user.
            return [c, undefined];
          }
        },
      ),
    );
    const perms: NamespacePermissions = {};
    for (const [c, v] of entries) if (v) perms[c] = v;
    this.verdicts.set(namespace, perms);
    this.inflight.delete(namespace);
    if (entries.some(([, v]) => v && !v.allowed)) this.onResolved(namespace);
    return perms;
  }
}
