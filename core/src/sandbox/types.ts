// Shared shapes of the sandbox: objects, identities and the public Sandbox handle.

/**
 * Any Kubernetes object as JSON, as the sandbox stores it: it never assumes more structure than
 * metadata. Not the model's typed `KubeObject<Spec, Status>` (@kuberik/core/model).
 */
export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: unknown[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** One RBAC rule; '*' matches anything. Without `namespaces` the rule applies everywhere. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  namespaces?: string[];
}

/** An identity. `rules` undefined means unrestricted; `system:masters` members are always unrestricted. */
export interface SandboxUser {
  username: string;
  groups?: string[];
  rules?: PolicyRule[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * In-process access with the same semantics as HTTP: RV bumps, generation rules, watch events.
 * Inputs are any object with apiVersion/kind/metadata (typed model objects fit as they are).
 */
export interface SandboxStore {
  get(apiVersion: string, kind: string, name: string, namespace?: string): StoredObject | undefined;
  list(apiVersion: string, kind: string, opts?: ListOptions): StoredObject[];
  /** Creates the object. Unlike HTTP POST, `status` is kept, so fixtures can be seeded with status. */
  create(obj: object): StoredObject;
  /** Replaces the object (PUT semantics; status kept from the store when the kind has a status subresource). */
  update(obj: object): StoredObject;
  /** JSON merge patch (RFC 7386) of the main resource, or of `/status` with `{subresource: 'status'}`. */
  patch(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    opts?: { subresource?: 'status'; fieldManager?: string },
  ): StoredObject;
  /** Writes only `.status` of the given object (the `/status` subresource). */
  updateStatus(obj: object): StoredObject;
  /** Deletes like HTTP DELETE: objects with finalizers get a deletionTimestamp instead. */
  delete(apiVersion: string, kind: string, name: string, namespace?: string): void;
  /** Live events for one kind (all namespaces, all versions mapped to `apiVersion`). Returns unsubscribe. */
  watch(apiVersion: string, kind: string, cb: (type: WatchEventType, obj: StoredObject) => void): () => void;
  /** The current global resourceVersion. */
  resourceVersion(): string;
}

export interface SandboxFaults {
  /** The next `count` matching requests fail with a Status of `code` (default 500). */
  failNext(count: number, opts?: { code?: number; match?: (method: string, path: string) => boolean }): void;
  /** Adds latency to every response until delay(0). */
  delay(ms: number): void;
  /** Destroys watch sockets abruptly (clients see a dropped connection). */
  dropWatches(): void;
  /** Ends watch streams cleanly (clients re-watch from their last RV). */
  endWatches(): void;
  /** Forgets history, so the next watch from an older RV gets 410 Expired. */
  compact(): void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  accept?: string;
  contentType?: string;
  status: number;
}

export interface KubeconfigOptions {
  /** Bearer token (client-node sends it over http; kubectl does not, so use `as` for kubectl). */
  token?: string;
  /** Name of the kubeconfig user entry. */
  user?: string;
  namespace?: string;
  /** Impersonate this username (kubectl `--as`), which kubectl does send over http. */
  as?: string;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Persist to and restore from this file: an append-only journal, fsynced before each write is answered. */
  dataFile?: string;
  /** Compact the data file once its journal passes this many bytes (and twice the live data); default 4 MiB. */
  dataCompactBytes?: number;
  /** Events retained for watch replay before older resourceVersions answer 410 (default 10000). */
  watchHistory?: number;
  /** CustomResourceDefinition objects to install at start. */
  crds?: object[];
  /** Bearer token → identity. */
  users?: Record<string, SandboxUser>;
  /** The identity of requests without a token (default sandbox-admin in system:masters). */
  defaultUser?: SandboxUser;
  /** Clock for timestamps and ages. */
  now?: () => Date;
  /** Interval between watch bookmarks for clients that ask for them (default 60 s). */
  bookmarkIntervalMs?: number;
  /** Maximum entries kept in `requests` (default 2000). */
  requestLogSize?: number;
}

export interface Sandbox {
  url: string;
  kubeconfig(opts?: KubeconfigOptions): string;
  writeKubeconfig(path: string, opts?: KubeconfigOptions): Promise<void>;
  store: SandboxStore;
  faults: SandboxFaults;
  requests: RequestLogEntry[];
  close(): Promise<void>;
}
