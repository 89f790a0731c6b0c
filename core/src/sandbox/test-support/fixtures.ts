// Test fixtures: a small CRD exercising schemas, defaults, printer columns and two versions,
// plus a raw-HTTP helper for tests that look at status codes and bodies.
import { startSandbox } from '../sandbox.js';
import type { Sandbox, SandboxOptions, StoredObject } from '../types.js';

const widgetSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', minimum: 0 },
        color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
        tags: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string', pattern: '^[a-z]+$' } } },
        },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: {
      type: 'object',
      default: { observedGeneration: -1 },
      properties: {
        observedGeneration: { type: 'integer' },
        phase: { type: 'string' },
        history: { type: 'array', items: { type: 'object', properties: { version: { type: 'string' } } } },
        conditions: {
          type: 'array',
          items: {
            type: 'object',
            properties: { type: { type: 'string' }, status: { type: 'string' }, reason: { type: 'string' } },
          },
        },
      },
    },
  },
};

const columns = [
  { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Latest', type: 'string', jsonPath: '.status.history[0].version' },
  { name: 'Color', type: 'string', jsonPath: '.spec.color', priority: 1 },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

export function widgetCrd(): StoredObject {
  const version = (name: string, storage: boolean) => ({
    name,
    served: true,
    storage,
    schema: { openAPIV3Schema: widgetSchema },
    subresources: { status: {} },
    additionalPrinterColumns: columns,
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: {
        plural: 'widgets',
        singular: 'widget',
        kind: 'Widget',
        listKind: 'WidgetList',
        shortNames: ['wd'],
      },
      versions: [version('v1', true), version('v1beta1', false)],
    },
  };
}

/** A cluster-scoped CRD without status subresource or printer columns. */
export function gadgetCrd(): StoredObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Cluster',
      names: { plural: 'gadgets', kind: 'Gadget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

export const widget = (
  name: string,
  spec: Record<string, unknown> = { size: 1 },
  extra: Partial<StoredObject> = {},
): StoredObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name, ...(extra.metadata ?? {}) },
  spec,
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'metadata')),
});

export const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';

export async function widgetSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ crds: [widgetCrd(), gadgetCrd()], ...opts });
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Raw HTTP against the sandbox; bodies that are objects are sent as JSON unless a content type says otherwise. */
export async function http(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(sb.url + path, init);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export const mergePatch = { 'content-type': 'application/merge-patch+json' };
export const jsonPatch = { 'content-type': 'application/json-patch+json' };
export const applyPatch = { 'content-type': 'application/apply-patch+yaml' };

export interface WatchEvent {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  object: any;
}

/** Opens a raw watch; `next()` resolves with the next event, or undefined once the server ends the stream. */
export async function openWatch(sb: Sandbox, path: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(sb.url + path, { headers, signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: WatchEvent[] = [];
  let ended = false;
  const next = async (): Promise<WatchEvent | undefined> => {
    for (;;) {
      if (queue.length) return queue.shift();
      if (ended) return undefined;
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        ended = true;
        continue;
      }
      if (chunk.done) {
        ended = true;
        continue;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim()) queue.push(JSON.parse(line) as WatchEvent);
      }
    }
  };
  return { status: res.status, headers: res.headers, next, close: () => controller.abort() };
}
