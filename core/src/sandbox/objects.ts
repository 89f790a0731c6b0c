// Object semantics shared by HTTP and the in-process API: create/update/patch/delete with the
// API server's rules for metadata, status split, generation, finalizers, schemas and dryRun.
import { randomUUID } from 'node:crypto';
import { crdStatus, typeFromCrd, validateCrd } from './crd.js';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  internalError,
  invalid,
  notFound,
  staleConflict,
  unsupportedMediaType,
} from './http/status.js';
import { decodeTimes } from './time-fields.js';
import { changedPaths, leafPaths, recordOwnership } from './managed.js';
import { deepEqual, generateSuffix, nameProblem, timestamp } from './meta.js';
import { parseApplyBody, serverSideApply } from './patch/apply.js';
import { applyJsonPatch } from './patch/json.js';
import { goValue, jsonPatchTouches, quotePatched } from './patch/quote.js';
import { isPlainObject, mergePatch } from './patch/merge.js';
import { strategicMergePatch } from './patch/strategic.js';
import type { Registry, Resolved } from './registry.js';
import { matchesFields, parseFieldSelector } from './selectors/field.js';
import { matchesLabels, parseLabelSelector } from './selectors/label.js';
import type { Entry, ObjectStore } from './store.js';
import type { TableRowSource } from './table.js';
import { objectKey } from './store.js';
import type { ObjectMeta, SandboxUser, StoredObject } from './types.js';
import { applyDefaults, pruneUnknown, validateAgainst } from './validation.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface OpContext {
  user: SandboxUser;
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  force?: boolean;
  warnings: string[];
  subresource?: 'status';
  /** In-process writes: status kept on create, updates without resourceVersion allowed. */
  inProcess?: boolean;
}

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  entries: Entry[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

const NAMESPACES = '/namespaces';
const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';
const SECRETS = '/secrets';

export class Objects {
  private readonly pendingNamespaces = new Set<string>();

  constructor(
    readonly registry: Registry,
    readonly store: ObjectStore,
    private readonly now: () => Date,
  ) {}

  apiVersion(r: Resolved): string {
    return r.type.group ? `${r.type.group}/${r.version.name}` : r.version.name;
  }

  private storageApiVersion(r: Resolved): string {
    return r.type.group ? `${r.type.group}/${r.type.storageVersion}` : r.type.storageVersion;
  }

  /** The stored object as the requested version sees it. */
  external(r: Resolved, entry: Entry): StoredObject {
    if (r.type.toExternal) return r.type.toExternal(entry.obj);
    const apiVersion = this.apiVersion(r);
    return entry.obj.apiVersion === apiVersion ? entry.obj : { ...entry.obj, apiVersion };
  }

  /** JSON of `external`, reusing the pre-serialised text when only apiVersion differs. */
  externalJson(r: Resolved, entry: Entry): string {
    if (r.type.toExternal) return JSON.stringify(r.type.toExternal(entry.obj));
    const apiVersion = this.apiVersion(r);
    if (entry.obj.apiVersion === apiVersion) return entry.json;
    const prefix = `{"apiVersion":${JSON.stringify(entry.obj.apiVersion)}`;
    if (entry.json.startsWith(prefix))
      return `{"apiVersion":${JSON.stringify(apiVersion)}${entry.json.slice(prefix.length)}`;
    return JSON.stringify({ ...entry.obj, apiVersion });
  }

  /** UTF-8 bytes of `externalJson`, cached on the entry for the storage version. */
  externalBytes(r: Resolved, entry: Entry): Buffer {
    if (!r.type.toExternal && entry.obj.apiVersion === this.apiVersion(r))
      return (entry.bytes ??= Buffer.from(entry.json));
    return Buffer.from(this.externalJson(r, entry));
  }

  /** A Table row source with cached JSON. */
  tableRow(r: Resolved, entry: Entry): TableRowSource {
    return {
      obj: this.external(r, entry),
      metadataJson: () => (entry.metadataJson ??= JSON.stringify(entry.obj.metadata ?? {})),
      objectJson: () => this.externalJson(r, entry),
    };
  }

  /** A deep copy in the requested version (for patching and for in-process callers). */
  private externalCopy(r: Resolved, entry: Entry): StoredObject {
    return JSON.parse(this.externalJson(r, entry)) as StoredObject;
  }

  private toInternal(r: Resolved, obj: StoredObject): StoredObject {
    const converted = r.type.toInternal ? r.type.toInternal(obj) : obj;
    return { ...converted, apiVersion: this.storageApiVersion(r), kind: r.type.kind };
  }

  private ts(): string {
    return timestamp(this.now());
  }

  get(r: Resolved, namespace: string | undefined, name: string): Entry {
    const e = this.store.get(r.type.storageKey, r.type.namespaced ? namespace : undefined, name);
    if (!e) throw notFound(r.type.plural, r.type.group, name);
    return e;
  }

  find(r: Resolved, namespace: string | undefined, name: string): Entry | undefined {
    return this.store.get(r.type.storageKey, r.type.namespaced ? namespace : undefined, name);
  }

  /** A compiled filter for list and watch: namespace, label and field selectors. */
  filter(r: Resolved, namespace: string | undefined, q: ListQuery): (obj: StoredObject) => boolean {
    const labels = parseLabelSelector(q.labelSelector);
    const fields = parseFieldSelector(q.fieldSelector, r.type.fieldLabels);
    const ns = r.type.namespaced ? namespace : undefined;
    return (obj) => {
      if (ns && obj.metadata?.namespace !== ns) return false;
      if (labels.length && !matchesLabels(labels, obj.metadata?.labels)) return false;
      if (fields.length && !matchesFields(fields, r.type.toExternal ? r.type.toExternal(obj) : obj))
        return false;
      return true;
    };
  }

  list(r: Resolved, namespace: string | undefined, q: ListQuery): ListResult {
    const match = this.filter(r, namespace, q);
    const filtered = !!(q.labelSelector || q.fieldSelector);
    let after: string | undefined;
    let rv = String(this.store.currentRv());
    if (q.continue) {
      const token = decodeContinue(q.continue);
      after = token.start;
      rv = token.rv;
    }
    const all = this.store.list(r.type.storageKey, r.type.namespaced ? namespace : undefined, after);
    const limit = q.limit && q.limit > 0 ? q.limit : Infinity;
    const entries: Entry[] = [];
    let i = 0;
    for (; i < all.length && entries.length < limit; i++) {
      const e = all[i] as Entry;
      if (match(e.obj)) entries.push(e);
    }
    const result: ListResult = { entries, resourceVersion: rv };
    if (entries.length === limit && i < all.length) {
      const rest = filtered ? all.slice(i).filter((e) => match(e.obj)).length : all.length - i;
      if (rest > 0) {
        const last = entries[entries.length - 1] as Entry;
        result.continue = encodeContinue(rv, this.store.keyOf(last));
        if (!filtered) result.remainingItemCount = rest;
      }
    }
    return result;
  }

  // ---- create -------------------------------------------------------------------------------

  create(
    r: Resolved,
    namespace: string | undefined,
    body: unknown,
    ctx: OpContext,
    applied?: Set<string>,
  ): StoredObject {
    if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON object');
    const input = structuredClone(body) as StoredObject;
    this.decodeBody(r, input);
    this.checkTypeMeta(r, input);
    const obj = this.toInternal(r, input);
    const meta: ObjectMeta = isPlainObject(obj.metadata) ? obj.metadata : {};
    obj.metadata = meta;
    if (r.type.namespaced) {
      if (!namespace) throw badRequest('the namespace of the object must be set');
      if (meta.namespace && meta.namespace !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace;
      this.checkNamespaceWritable(namespace);
    } else delete meta.namespace;
    if (!meta.name) {
      if (!meta.generateName) {
        throw invalid(r.type.kind, r.type.group, '', [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
            field: 'metadata.name',
          },
        ]);
      }
      meta.name = `${meta.generateName}${generateSuffix()}`;
    }
    const problem = nameProblem(meta.name, r.type.plural === 'namespaces');
    if (problem)
      throw invalid(r.type.kind, r.type.group, meta.name, [
        { reason: 'FieldValueInvalid', message: problem, field: 'metadata.name' },
      ]);
    if (meta.resourceVersion && !ctx.inProcess)
      throw internalError('resourceVersion should not be set on objects to be created');
    if (this.find(r, namespace, meta.name)) throw alreadyExists(r.type.plural, r.type.group, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = this.ts();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    delete meta.selfLink;
    if (r.type.hasGeneration) meta.generation = 1;
    else delete meta.generation;
    if (r.version.hasStatus && !ctx.inProcess) delete obj.status;
    const causes = r.type.createCauses?.(input) ?? [];
    if (causes.length) throw invalid(r.type.kind, '', meta.name ?? '', causes);
    this.typeHooks(r, obj, undefined);
    this.applySchema(r, obj, ctx);
    const manager = ctx.fieldManager ?? 'unknown';
    if (applied) recordOwnership(obj, manager, 'Apply', applied, this.apiVersion(r), meta.creationTimestamp);
    else {
      const owned = leafPaths(obj, undefined, r.version.hasStatus);
      if (owned.size)
        recordOwnership(obj, manager, 'Update', owned, this.apiVersion(r), meta.creationTimestamp);
    }
    if (ctx.dryRun) return this.externalCopyOf(r, obj);
    const entry = this.store.put(r.type.storageKey, obj, 'ADDED');
    this.afterWrite(r, entry);
    return this.external(r, entry);
  }

  private externalCopyOf(r: Resolved, obj: StoredObject): StoredObject {
    const o = structuredClone(obj);
    return r.type.toExternal ? r.type.toExternal(o) : { ...o, apiVersion: this.apiVersion(r) };
  }

  /** A create or update body that Go's typed decoder would refuse: 400, as upstream. */
  private decodeBody(r: Resolved, obj: StoredObject): void {
    const bad = decodeTimes(r.type.times, obj, 'json');
    if (bad)
      throw badRequest(
        `${r.type.kind} in version "${r.version.name}" cannot be handled as a ${r.type.kind}: ${bad}`,
      );
  }

  /**
   * A patched object Go cannot decode: upstream's 422 on the field `patch`, quoting the patched
   * object (merge and JSON patches) or the strategic patch as Go prints it.
   */
  private decodePatched(r: Resolved, obj: StoredObject, strategic: boolean, quoted: () => string): void {
    const bad = decodeTimes(r.type.times, obj, strategic ? 'unstructured' : 'json');
    if (!bad) return;
    const message = `Invalid value: ${JSON.stringify(quoted())}: ${bad}`;
    throw new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
      causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
    });
  }

  /** Upstream converts the applied result (after conflict checks) to its typed form: a 500 with no reason. */
  private decodeApplied(r: Resolved, obj: StoredObject): void {
    const bad = decodeTimes(r.type.times, obj, 'unstructured');
    if (!bad) return;
    // Go prints a GroupVersionKind with its group, empty for the core group ("/v1, Kind=Event").
    const gvk = `${r.type.group}/${r.version.name}, Kind=${r.type.kind}`;
    const at = `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
    throw new ApiError(
      500,
      '',
      `failed to convert new object (${at}; ${gvk}) to proper version: unable to convert unstructured object to ${gvk}: ${bad}`,
    );
  }

  private checkTypeMeta(r: Resolved, obj: StoredObject): void {
    const want = this.apiVersion(r);
    if (obj.apiVersion !== undefined && obj.apiVersion !== want) {
      throw badRequest(
        `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want})`,
      );
    }
    if (obj.kind !== undefined && obj.kind !== r.type.kind) {
      throw badRequest(
        `the kind in the data (${String(obj.kind)}) does not match the expected kind (${r.type.kind})`,
      );
    }
  }

  private checkNamespaceWritable(namespace: string): void {
    const ns = this.store.get(NAMESPACES, undefined, namespace);
    if (!ns) throw notFound('namespaces', '', namespace);
    if (ns.obj.metadata?.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name: namespace,
          kind: 'namespaces',
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  }

  // ---- update (PUT) -------------------------------------------------------------------------

  update(
    r: Resolved,
    namespace: string | undefined,
    name: string,
    body: unknown,
    ctx: OpContext,
  ): StoredObject {
    if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON object');
    const input = structuredClone(body) as StoredObject;
    this.decodeBody(r, input);
    this.checkTypeMeta(r, input);
    const meta = isPlainObject(input.metadata) ? (input.metadata as ObjectMeta) : {};
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (r.type.namespaced && meta.namespace && meta.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const entry = this.get(r, namespace, name);
    const rv = meta.resourceVersion;
    if (!rv && !r.type.allowUnconditionalUpdate && !ctx.inProcess) {
      throw invalid(r.type.kind, r.type.group, name, [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 0x0: must be specified for an update',
          field: 'metadata.resourceVersion',
        },
      ]);
    }
    if (rv && rv !== entry.obj.metadata?.resourceVersion)
      throw staleConflict(r.type.plural, r.type.group, name);
    return this.commitUpdate(r, entry, input, ctx);
  }

  // ---- patch --------------------------------------------------------------------------------

  patch(
    r: Resolved,
    namespace: string | undefined,
    name: string,
    contentType: string,
    text: string,
    ctx: OpContext,
  ): { obj: StoredObject; created: boolean } {
    if (contentType === 'application/apply-patch+yaml') return this.apply(r, namespace, name, text, ctx);
    // As upstream, an unknown patch type is refused before the object is looked up.
    const strategic = contentType === 'application/strategic-merge-patch+json';
    if (!(PATCH_TYPES.includes(contentType) || (strategic && r.type.strategicMerge))) {
      if (r.type.strategicMerge && !strategic) {
        // Built-ins: go-restful refuses a Content-Type no route consumes, with its own short text.
        throw new ApiError(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {});
      }
      throw unsupportedMediaType(PATCH_TYPES);
    }
    const entry = this.get(r, namespace, name);
    const current = this.externalCopy(r, entry);
    let patchDoc: unknown;
    try {
      patchDoc = JSON.parse(text);
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    let patched: unknown;
    if (contentType === 'application/merge-patch+json') {
      if (!isPlainObject(patchDoc))
        throw badRequest('error decoding patch: a merge patch must be a JSON object');
      patched = mergePatch(current, patchDoc);
    } else if (contentType === 'application/json-patch+json') {
      patched = applyJsonPatch(current, patchDoc);
    } else if (contentType === 'application/strategic-merge-patch+json' && r.type.strategicMerge) {
      if (!isPlainObject(patchDoc))
        throw badRequest('error decoding patch: a strategic merge patch must be a JSON object');
      patched = strategicMergePatch(current, patchDoc);
    } else {
      throw unsupportedMediaType(PATCH_TYPES);
    }
    if (!isPlainObject(patched))
      throw new ApiError(422, 'Invalid', 'the patch produced something that is not an object');
    const obj = patched as StoredObject;
    this.decodePatched(r, obj, strategic, () =>
      strategic
        ? goValue(patchDoc)
        : quotePatched(
            obj,
            contentType === 'application/json-patch+json' ? jsonPatchTouches(patchDoc) : patchDoc,
          ),
    );
    const rv = obj.metadata?.resourceVersion;
    if (rv !== undefined && rv !== entry.obj.metadata?.resourceVersion)
      throw staleConflict(r.type.plural, r.type.group, name);
    if (obj.metadata?.name !== undefined && obj.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    this.checkTypeMeta(r, obj);
    return { obj: this.commitUpdate(r, entry, obj, ctx), created: false };
  }

  private apply(
    r: Resolved,
    namespace: string | undefined,
    name: string,
    text: string,
    ctx: OpContext,
  ): { obj: StoredObject; created: boolean } {
    if (!ctx.fieldManager) {
      throw invalid('PatchOptions', 'meta.k8s.io', '', [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: is required for apply patch',
          field: 'fieldManager',
        },
      ]);
    }
    const config = parseApplyBody(text);
    this.checkTypeMeta(r, config);
    if (config.metadata?.name !== undefined && config.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${String(config.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    const entry = this.find(r, namespace, name);
    const excludeStatus = r.version.hasStatus && ctx.subresource !== 'status';
    if (!entry) {
      if (ctx.subresource) throw notFound(r.type.plural, r.type.group, name);
      const owned = leafPaths(config, undefined, excludeStatus);
      const body = { ...config, metadata: { ...(config.metadata ?? {}), name } };
      delete body.metadata.resourceVersion;
      this.decodeApplied(r, body);
      return { obj: this.create(r, namespace, body, ctx, owned), created: true };
    }
    const current = this.externalCopy(r, entry);
    const rv = config.metadata?.resourceVersion;
    if (rv !== undefined && rv !== entry.obj.metadata?.resourceVersion)
      throw staleConflict(r.type.plural, r.type.group, name);
    const { merged, owned } = serverSideApply(
      current,
      config,
      ctx.fieldManager,
      !!ctx.force,
      this.apiVersion(r),
      ctx.subresource,
      excludeStatus,
    );
    this.decodeApplied(r, merged);
    if (merged.metadata) merged.metadata.resourceVersion = entry.obj.metadata?.resourceVersion;
    return { obj: this.commitUpdate(r, entry, merged, ctx, owned), created: false };
  }

  /** The shared tail of PUT and PATCH. `applied` marks a server-side apply. */
  private commitUpdate(
    r: Resolved,
    entry: Entry,
    incoming: StoredObject,
    ctx: OpContext,
    applied?: Set<string>,
  ): StoredObject {
    const current = entry.obj;
    const cm = current.metadata ?? {};
    let next = this.toInternal(r, incoming);
    if (ctx.subresource === 'status') {
      next = { ...structuredClone(current), status: next.status };
      if (next.status === undefined) delete next.status;
    } else {
      const meta: ObjectMeta = isPlainObject(next.metadata) ? next.metadata : {};
      next.metadata = meta;
      for (const k of [
        'uid',
        'creationTimestamp',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
        'generation',
        'namespace',
        'name',
      ] as const) {
        if (cm[k] === undefined) delete meta[k];
        else meta[k] = cm[k] as never;
      }
      if (meta.managedFields === undefined && cm.managedFields) meta.managedFields = cm.managedFields;
      if (r.version.hasStatus) {
        if (current.status === undefined) delete next.status;
        else next.status = current.status;
      }
      if (cm.deletionTimestamp) {
        const added = (meta.finalizers ?? []).filter((f) => !(cm.finalizers ?? []).includes(f));
        if (added.length > 0) {
          throw invalid(r.type.kind, r.type.group, cm.name ?? '', [
            {
              reason: 'FieldValueForbidden',
              message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
              field: 'metadata.finalizers',
            },
          ]);
        }
      }
    }
    const meta = next.metadata as ObjectMeta;
    meta.resourceVersion = cm.resourceVersion;
    this.typeHooks(r, next, current);
    this.applySchema(r, next, ctx);
    if (
      r.type.hasGeneration &&
      ctx.subresource !== 'status' &&
      specChanged(current, next, r.version.hasStatus)
    ) {
      meta.generation = (cm.generation ?? 0) + 1;
    }
    const manager = ctx.fieldManager ?? 'unknown';
    const time = this.ts();
    const excludeStatus = r.version.hasStatus && ctx.subresource !== 'status';
    const changed = changedPaths(current, next, ctx.subresource, excludeStatus);
    if (applied) {
      const transfer = new Set([...applied].filter((p) => changed.has(p)));
      recordOwnership(next, manager, 'Apply', applied, this.apiVersion(r), time, ctx.subresource, transfer);
    } else if (changed.size) {
      recordOwnership(next, manager, 'Update', changed, this.apiVersion(r), time, ctx.subresource);
    }
    if (sameObject(current, next)) return this.external(r, entry);
    const finishing =
      !!cm.deletionTimestamp && (meta.finalizers ?? []).length === 0 && r.type.plural !== 'namespaces';
    if (ctx.dryRun) return this.externalCopyOf(r, next);
    if (finishing) {
      this.store.put(r.type.storageKey, next, 'MODIFIED');
      const removed = this.store.remove(r.type.storageKey, meta.namespace, meta.name ?? '') as Entry;
      this.afterRemove(r, removed);
      return this.external(r, removed);
    }
    const stored = this.store.put(r.type.storageKey, next, 'MODIFIED');
    this.afterWrite(r, stored);
    return this.external(r, stored);
  }

  // ---- delete -------------------------------------------------------------------------------

  delete(
    r: Resolved,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions,
    ctx: OpContext,
  ): StoredObject | Record<string, unknown> {
    const entry = this.get(r, namespace, name);
    const meta = entry.obj.metadata ?? {};
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== meta.uid) {
      throw conflict(
        r.type.plural,
        r.type.group,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid ?? ''}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
      throw conflict(
        r.type.plural,
        r.type.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`,
      );
    }
    const isNamespace = r.type.storageKey === NAMESPACES;
    const blocked = (meta.finalizers ?? []).length > 0 || isNamespace;
    if (blocked) {
      if (meta.deletionTimestamp) return this.external(r, entry);
      const next = structuredClone(entry.obj);
      const nm = next.metadata as ObjectMeta;
      nm.deletionTimestamp = this.ts();
      nm.deletionGracePeriodSeconds = 0;
      if (r.type.hasGeneration && (nm.generation ?? 0) > 0) nm.generation = (nm.generation ?? 0) + 1;
      if (isNamespace)
        next.status = { ...(isPlainObject(next.status) ? next.status : {}), phase: 'Terminating' };
      if (ctx.dryRun) return this.externalCopyOf(r, next);
      const stored = this.store.put(r.type.storageKey, next, 'MODIFIED');
      if (isNamespace) this.scheduleNamespaceCleanup(name);
      return this.external(r, stored);
    }
    if (ctx.dryRun)
      return r.type.returnsDeletedObject ? this.external(r, entry) : this.successStatus(r, entry.obj);
    const removed = this.store.remove(r.type.storageKey, meta.namespace, name) as Entry;
    this.afterRemove(r, removed);
    return r.type.returnsDeletedObject ? this.external(r, removed) : this.successStatus(r, removed.obj);
  }

  private successStatus(r: Resolved, obj: StoredObject): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: obj.metadata?.name,
        ...(r.type.group ? { group: r.type.group } : {}),
        kind: r.type.plural,
        uid: obj.metadata?.uid,
      },
    };
  }

  // ---- type-specific behaviour --------------------------------------------------------------

  /** Namespace and CRD objects carry server-managed fields. */
  private typeHooks(r: Resolved, obj: StoredObject, previous: StoredObject | undefined): void {
    if (r.type.storageKey === NAMESPACES) {
      const meta = obj.metadata as ObjectMeta;
      meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': meta.name ?? '' };
      const spec = isPlainObject(obj.spec) ? obj.spec : {};
      if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
      obj.spec = spec;
      const phase = previous?.metadata?.deletionTimestamp ? 'Terminating' : 'Active';
      obj.status = { ...(isPlainObject(obj.status) ? obj.status : {}), phase };
    } else if (r.type.storageKey === SECRETS) {
      // The API server folds write-only stringData into data and defaults the type.
      if (isPlainObject(obj.stringData)) {
        const data = isPlainObject(obj.data) ? obj.data : {};
        for (const [k, v] of Object.entries(obj.stringData))
          data[k] = Buffer.from(String(v)).toString('base64');
        obj.data = data;
      }
      delete obj.stringData;
      if (!obj.type) obj.type = 'Opaque';
    } else if (r.type.storageKey === CRDS) {
      const causes = validateCrd(obj);
      if (causes.length)
        throw invalid('CustomResourceDefinition', 'apiextensions.k8s.io', obj.metadata?.name ?? '', causes);
      obj.status = crdStatus(obj, previous, this.ts());
    }
  }

  private afterWrite(r: Resolved, entry: Entry): void {
    if (r.type.storageKey === CRDS) this.registry.add(typeFromCrd(entry.obj));
  }

  private afterRemove(r: Resolved, removed: Entry): void {
    if (r.type.storageKey === CRDS) {
      const t = typeFromCrd(removed.obj);
      this.registry.remove(t.group, t.plural);
      for (const e of this.store.list(t.storageKey)) {
        this.store.remove(t.storageKey, e.obj.metadata?.namespace, e.obj.metadata?.name ?? '');
      }
      this.store.dropBucket(t.storageKey);
    }
    const ns = removed.obj.metadata?.namespace;
    if (ns && r.type.namespaced) {
      const nsEntry = this.store.get(NAMESPACES, undefined, ns);
      if (nsEntry?.obj.metadata?.deletionTimestamp) this.scheduleNamespaceCleanup(ns);
    }
  }

  private scheduleNamespaceCleanup(ns: string): void {
    if (this.pendingNamespaces.has(ns)) return;
    this.pendingNamespaces.add(ns);
    setImmediate(() => {
      this.pendingNamespaces.delete(ns);
      this.cleanupNamespace(ns);
    });
  }

  /** The namespace controller: delete everything inside, then the namespace itself. */
  cleanupNamespace(ns: string): void {
    const nsEntry = this.store.get(NAMESPACES, undefined, ns);
    if (!nsEntry?.obj.metadata?.deletionTimestamp) return;
    const admin: OpContext = {
      user: { username: 'system:serviceaccount:kube-system:namespace-controller' },
      warnings: [],
    };
    const seen = new Set<string>();
    for (const type of this.registry.all()) {
      if (!type.namespaced || seen.has(type.storageKey) || type.review) continue;
      seen.add(type.storageKey);
      const version = type.versions.find((v) => v.name === type.storageVersion) ?? type.versions[0];
      if (!version) continue;
      const r: Resolved = { type, version };
      for (const e of this.store.list(type.storageKey, ns)) {
        if (e.obj.metadata?.deletionTimestamp) continue; // waiting for its finalizers
        this.delete(r, ns, e.obj.metadata?.name ?? '', {}, admin);
      }
    }
    // Objects held by finalizers keep the namespace Terminating; their removal reschedules this.
    const left = [...seen].reduce((n, key) => n + this.store.list(key, ns).length, 0);
    if (left === 0) this.store.remove(NAMESPACES, undefined, ns);
  }

  private applySchema(r: Resolved, obj: StoredObject, ctx: OpContext): void {
    const schema = r.version.schema;
    if (!schema) return;
    applyDefaults(schema, obj);
    const unknown = pruneUnknown(schema, obj);
    if (unknown.length > 0) {
      const list = unknown.map((f) => `unknown field "${f}"`);
      if (ctx.fieldValidation === 'Strict') {
        throw badRequest(
          `${r.type.kind} in version "${r.version.name}" cannot be handled as a ${r.type.kind}: strict decoding error: ${list.join(', ')}`,
        );
      }
      if (ctx.fieldValidation !== 'Ignore') ctx.warnings.push(...list);
    }
    const causes = validateAgainst(schema, obj);
    if (causes.length > 0) throw invalid(r.type.kind, r.type.group, obj.metadata?.name ?? '', causes);
  }
}

/** Anything outside metadata (and status, when it is a subresource) changed. */
function specChanged(a: StoredObject, b: StoredObject, hasStatus: boolean): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'metadata' || k === 'apiVersion' || k === 'kind' || (hasStatus && k === 'status')) continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

function stripVolatile(o: StoredObject): StoredObject {
  const meta = { ...(o.metadata ?? {}) };
  delete meta.resourceVersion;
  if (meta.managedFields)
    meta.managedFields = meta.managedFields.map(({ time: _t, ...rest }) => rest) as never;
  return { ...o, metadata: meta };
}

function sameObject(a: StoredObject, b: StoredObject): boolean {
  return deepEqual(stripVolatile(a), stripVolatile(b));
}

function encodeContinue(rv: string, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'sandbox/1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): { rv: string; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: string;
      rv?: string;
      start?: string;
    };
    if (t.v === 'sandbox/1' && typeof t.rv === 'string' && typeof t.start === 'string')
      return { rv: t.rv, start: t.start };
  } catch {
    // fall through
  }
  throw badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

export { objectKey };
