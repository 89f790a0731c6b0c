// Maps whatever a request threw into a KubeError with one line a human can act on.
import { KubeError } from './errors.js';
import type { ResourceKind } from './kinds.js';
import { HttpError, isNetworkError } from './transport.js';

export interface RequestContext {
  /** RBAC verb: get, list, watch, create, patch, update, delete. */
  verb: string;
  kind?: ResourceKind;
  /** Plural resource for non-kind calls (selfsubjectreviews). */
  resource?: string;
  namespace?: string;
  name?: string;
  server: string;
}

/** Which role to ask for, by resource; named after the roles shipped in config/rbac (docs/kube-errors.md). */
function roleHint(verb: string, resource: string): string {
  const read = verb === 'get' || verb === 'list' || verb === 'watch';
  if (read) return 'ask for the kuberik-viewer role';
  if (resource === 'rolloutgates') return 'ask for the kuberik-approver role';
  if (resource === 'leases') return 'ask for the kuberik-deployer role, or use --observe';
  return 'ask for the kuberik-deployer role';
}

const where = (ns?: string): string => (ns ? ` in namespace ${ns}` : ' cluster-wide');

export function toKubeError(e: unknown, ctx: RequestContext): KubeError {
  if (e instanceof KubeError) return e;
  const resource = ctx.kind?.plural ?? ctx.resource ?? 'resources';
  const singular = ctx.kind?.kind.toLowerCase() ?? resource;
  const ns = ctx.kind && !ctx.kind.namespaced ? undefined : ctx.namespace;
  if (e instanceof HttpError) {
    const msg = e.status?.message ?? `HTTP ${e.code}`;
    switch (e.code) {
      case 404:
        return new KubeError(
          'NotFound',
          ctx.name
            ? `${singular} ${ctx.name} not found${ns ? ` in namespace ${ns}` : ''}`
            : `${msg}${ctx.kind ? ` (is the ${ctx.kind.kind} CRD installed?)` : ''}`,
          e,
        );
      case 401:
        return new KubeError(
          'Forbidden',
          `the API server at ${ctx.server} rejected your credentials (401) — log in again or check the kubeconfig user`,
          e,
        );
      case 403:
        return new KubeError(
          'Forbidden',
          `you may not ${ctx.verb} ${resource}${where(ns)} (RBAC) — ${roleHint(ctx.verb, resource)}`,
          e,
        );
      case 409:
        return new KubeError(
          'Conflict',
          e.status?.reason === 'AlreadyExists'
            ? `${singular} ${ctx.name ?? ''} already exists${ns ? ` in namespace ${ns}` : ''}`.replace(
                '  ',
                ' ',
              )
            : `${singular} ${ctx.name ?? ''} was changed by someone else meanwhile — re-read and try again`.replace(
                '  ',
                ' ',
              ),
          e,
        );
      case 400:
      case 415:
      case 422:
        return new KubeError(
          'Invalid',
          `the API server refused the ${ctx.verb} of ${singular} ${ctx.name ?? ''}: ${msg}`.replace(
            '  ',
            ' ',
          ),
          e,
        );
      case 410:
        return new KubeError('Unreachable', `watch of ${resource} expired (410): ${msg} — re-listing`, e);
      default:
        return new KubeError(
          'Unreachable',
          `the API server at ${ctx.server} answered ${e.code} to ${ctx.verb} ${resource}: ${msg}`,
          e,
        );
    }
  }
  if (isNetworkError(e)) {
    const code = (e as { code: string }).code;
    const limit = (e as { timeoutMs?: unknown }).timeoutMs;
    if (code === 'ETIMEDOUT' && typeof limit === 'number') {
      const what = `${ctx.verb} ${ctx.name ? `${singular} ${ctx.name}` : resource}${ns ? ` in namespace ${ns}` : ''}`;
      return new KubeError(
        'Unreachable',
        `the API server at ${ctx.server} did not answer ${what} within ${formatLimit(limit)} (--request-timeout)`,
        e,
      );
    }
    const why =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND'
          ? 'host not found'
          : code === 'ETIMEDOUT'
            ? 'timed out'
            : code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE'
              ? 'connection dropped'
              : code;
    return new KubeError(
      'Unreachable',
      `cannot reach the API server at ${ctx.server}: ${why} — is the cluster (or \`kubectl kuberik sandbox\`) running?`,
      e,
    );
  }
  const text = e instanceof Error ? e.message : String(e);
  return new KubeError('Unreachable', `${ctx.verb} ${resource} failed: ${text.split('\n')[0]}`, e);
}

const formatLimit = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
