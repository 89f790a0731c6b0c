// The kuberik.* settings, read through one getter so bad values become defaults, never crashes.
import type { NoticeKind } from './live/notices.js';

export interface Settings {
  kubeconfig?: string;
  context?: string;
  namespaces: string[];
  notify: Record<NoticeKind, boolean>;
}

export type SettingGetter = (key: string) => unknown;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const flag = (v: unknown): boolean => v !== false;

export function readSettings(get: SettingGetter): Settings {
  const ns = get('namespaces');
  return {
    kubeconfig: text(get('kubeconfig')),
    context: text(get('context')),
    namespaces: Array.isArray(ns)
      ? [...new Set(ns.filter((n): n is string => typeof n === 'string' && n.trim() !== ''))].sort()
      : [],
    notify: {
      awaitingApproval: flag(get('notifications.awaitingApproval')),
      bakeFailed: flag(get('notifications.bakeFailed')),
      bakeSucceeded: flag(get('notifications.bakeSucceeded')),
    },
  };
}

/** Settings whose change needs a new connection (and a new tree). */
export const CONNECTION_SETTINGS = ['kuberik.kubeconfig', 'kuberik.context', 'kuberik.namespaces'];
