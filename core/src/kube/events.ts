// Records core/v1 Events on an object, as `kubectl describe` shows them. Identical events
// (same object, type, reason, message) recorded again bump count and lastTimestamp instead of
// piling up, like client-go's recorder does.
import { hostname } from 'node:os';
import type { Kube } from './client.js';
import { KubeError } from './errors.js';
import { type EventObject, Kinds } from './kinds.js';

export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface EventInput {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export const EVENT_COMPONENT = 'kuberik';

/** Whole-second RFC 3339, as Kubernetes stores event timestamps. */
const seconds = (d: Date): string =>
  new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export class EventRecorder {
  private readonly recent = new Map<
    string,
    { name: string; namespace: string; count: number; first: string }
  >();
  private readonly host = hostname();

  constructor(
    private readonly kube: Kube,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(involved: InvolvedObject, ev: EventInput): Promise<void> {
    const namespace = involved.namespace ?? 'default';
    const key = [namespace, involved.kind, involved.name, involved.uid, ev.type, ev.reason, ev.message].join(
      '\u0000',
    );
    const at = seconds(this.now());
    const seen = this.recent.get(key);
    if (seen) {
      try {
        await this.kube.mergePatch(Kinds.Event, seen.namespace, seen.name, {
          count: seen.count + 1,
          lastTimestamp: at,
        });
        seen.count++;
        return;
      } catch (e) {
        if (!(e instanceof KubeError && e.kind === 'NotFound')) throw e;
        this.recent.delete(key); // expired or deleted: record afresh
      }
    }
    const name = `${involved.name}.${(this.now().getTime() * 1000 + Math.floor(Math.random() * 1000)).toString(16)}`;
    const obj: EventObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { ...involved, namespace },
      type: ev.type,
      reason: ev.reason,
      message: ev.message,
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
      source: { component: EVENT_COMPONENT, host: this.host },
      reportingComponent: EVENT_COMPONENT,
      reportingInstance: this.host,
    };
    await this.kube.create(Kinds.Event, obj);
    if (this.recent.size > 1000) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, { name, namespace, count: 1, first: at });
  }
}
