// Request dispatch: discovery, OpenAPI, and the resource verbs (list/watch/get/create/update/patch/delete).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedVersion,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from '../discovery.js';
import type { DeleteOptions, FieldValidation, Objects, OpContext } from '../objects.js';
import type { OpenApi } from '../openapi.js';
import { authorize } from '../rbac.js';
import type { Registry, Resolved } from '../registry.js';
import { answerReview } from '../reviews.js';
import { TABLE_CONTENT_TYPE, tableJson, wantsTable } from '../table.js';
import type { SandboxUser } from '../types.js';
import { decodeObject, mediaType, readBody } from './body.js';
import { sendBytes, sendJson, sendText, setWarnings } from './respond.js';
import type { Route } from './router.js';
import { ApiError, badRequest, invalid, methodNotAllowed, pathNotFound } from './status.js';
import type { WatchHub } from './watch.js';

export interface HandlerDeps {
  registry: Registry;
  objects: Objects;
  openapi: OpenApi;
  watches: WatchHub;
  now: () => Date;
  hostPort: () => string;
}

const COMMA = Buffer.from(',');
const LIST_END = Buffer.from(']}');

const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export async function handle(
  deps: HandlerDeps,
  route: Route | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  user: SandboxUser,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (!route) throw pathNotFound();
  if (route.kind !== 'resource' && method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
  const accept = req.headers.accept;
  switch (route.kind) {
    case 'root':
      return sendJson(res, 200, {
        paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v3', '/readyz', '/version'],
      });
    case 'version':
      return sendJson(res, 200, VERSION_INFO);
    case 'health':
      return sendText(res, 200, 'ok', 'text/plain; charset=utf-8');
    case 'api':
    case 'apis': {
      const agg = aggregatedVersion(accept);
      if (agg)
        return sendJson(
          res,
          200,
          aggregatedDiscovery(deps.registry, route.kind === 'api', agg),
          aggregatedContentType(agg),
        );
      return sendJson(
        res,
        200,
        route.kind === 'api' ? apiVersions(deps.hostPort()) : apiGroupList(deps.registry),
      );
    }
    case 'group': {
      const g = apiGroup(deps.registry, route.group);
      if (!g) throw pathNotFound();
      return sendJson(res, 200, g);
    }
    case 'groupVersion': {
      const list = apiResourceList(deps.registry, route.group, route.version);
      if (!list) throw pathNotFound();
      return sendJson(res, 200, list);
    }
    case 'openapiIndex':
      return sendJson(res, 200, deps.openapi.index());
    case 'openapiDoc': {
      const doc = deps.openapi.document(route.key);
      if (!doc) throw pathNotFound();
      res.setHeader('ETag', `"${doc.hash}"`);
      return sendText(res, 200, doc.json, 'application/json');
    }
    case 'resource':
      return handleResource(deps, route, req, res, url, user);
  }
}

function verbFor(method: string, named: boolean, watch: boolean): string | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return named ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return named ? undefined : 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

function opContext(
  q: URLSearchParams,
  user: SandboxUser,
  req: IncomingMessage,
  subresource?: 'status',
): OpContext {
  const dry = q.getAll('dryRun');
  if (dry.some((d) => d !== 'All')) {
    // Upstream validates the verb's options object: a 422 naming CreateOptions, PatchOptions, ...
    const options =
      (
        {
          POST: 'CreateOptions',
          PUT: 'UpdateOptions',
          PATCH: 'PatchOptions',
          DELETE: 'DeleteOptions',
        } as const
      )[req.method as 'POST'] ?? 'CreateOptions';
    throw invalid(options, 'meta.k8s.io', '', [
      {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${JSON.stringify(dry)}: supported values: "All"`,
        field: 'dryRun',
      },
    ]);
  }
  const fv = q.get('fieldValidation');
  if (fv && fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
    throw badRequest(
      `fieldValidation: Unsupported value: ${JSON.stringify(fv)}: supported values: "Ignore", "Warn", "Strict"`,
    );
  }
  const ua = req.headers['user-agent'];
  const manager = q.get('fieldManager') ?? (ua ? ua.split('/')[0] : undefined);
  const ctx: OpContext = { user, warnings: [], dryRun: dry.length > 0, force: q.get('force') === 'true' };
  if (manager) ctx.fieldManager = manager;
  if (fv) ctx.fieldValidation = fv as FieldValidation;
  if (subresource) ctx.subresource = subresource;
  return ctx;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}`);
  return Number(v);
}

async function handleResource(
  deps: HandlerDeps,
  route: Extract<Route, { kind: 'resource' }>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  user: SandboxUser,
): Promise<void> {
  const resolved = deps.registry.resolve(route.group, route.version, route.plural);
  if (!resolved) throw pathNotFound();
  const r: Resolved = resolved;
  const { type } = r;
  if (
    type.namespaced
      ? route.name !== undefined && route.namespace === undefined
      : route.namespace !== undefined
  ) {
    throw pathNotFound();
  }
  if (
    route.subresource !== undefined &&
    (route.subresource !== 'status' || !r.version.hasStatus || !route.name)
  )
    throw pathNotFound();
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  const watch = route.watchPath || q.get('watch') === 'true' || q.get('watch') === '1';
  const verb = verbFor(method, route.name !== undefined, watch);
  if (!verb || !type.verbs.includes(verb)) throw methodNotAllowed(method);
  // Self reviews are open to every authenticated user (system:basic-user upstream).
  if (!type.review)
    authorize(user, {
      verb,
      group: type.group,
      resource: type.plural,
      ...(route.subresource ? { subresource: route.subresource } : {}),
      ...(route.name ? { name: route.name } : {}),
      ...(route.namespace ? { namespace: route.namespace } : {}),
    });
  const { objects } = deps;
  const ns = route.namespace;
  const table = wantsTable(req.headers.accept);
  const sub = route.subresource === 'status' ? 'status' : undefined;

  if (type.review) {
    const body = decodeObject(await readBody(req), req.headers['content-type']);
    return sendJson(res, 201, answerReview(type, r.version.name, body, user));
  }

  switch (verb) {
    case 'get': {
      const entry = objects.get(r, ns, route.name as string);
      if (table) {
        const body = tableJson(r.version, [objects.tableRow(r, entry)], {
          now: deps.now(),
          resourceVersion: entry.obj.metadata?.resourceVersion ?? '',
          ...includeObject(q),
        });
        return sendText(res, 200, body, TABLE_CONTENT_TYPE);
      }
      return sendBytes(res, 200, objects.externalBytes(r, entry), 'application/json');
    }
    case 'watch': {
      const timeoutSeconds = intParam(q, 'timeoutSeconds');
      deps.watches.start(req, res, {
        r,
        ...(ns ? { namespace: ns } : {}),
        ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') as string } : {}),
        ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') as string } : {}),
        ...(q.get('resourceVersion') !== null ? { resourceVersion: q.get('resourceVersion') as string } : {}),
        sendInitialEvents: q.get('sendInitialEvents') === 'true',
        allowBookmarks: q.get('allowWatchBookmarks') === 'true',
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        table,
        ...(q.get('includeObject') ? { includeObject: q.get('includeObject') as string } : {}),
      });
      return;
    }
    case 'list': {
      const limit = intParam(q, 'limit');
      const result = objects.list(r, ns, {
        ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') as string } : {}),
        ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') as string } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(q.get('continue') ? { continue: q.get('continue') as string } : {}),
      });
      if (table) {
        const body = tableJson(
          r.version,
          result.entries.map((e) => objects.tableRow(r, e)),
          {
            now: deps.now(),
            resourceVersion: result.resourceVersion,
            ...(result.continue ? { continueToken: result.continue } : {}),
            ...(result.remainingItemCount !== undefined
              ? { remainingItemCount: result.remainingItemCount }
              : {}),
            ...includeObject(q),
          },
        );
        return sendText(res, 200, body, TABLE_CONTENT_TYPE);
      }
      const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
      if (result.continue) meta.continue = result.continue;
      if (result.remainingItemCount !== undefined) meta.remainingItemCount = result.remainingItemCount;
      const head = `{"apiVersion":${JSON.stringify(objects.apiVersion(r))},"kind":${JSON.stringify(type.listKind)},"metadata":${JSON.stringify(meta)},"items":[`;
      // Items are cached UTF-8, so a 5,000-item list is one memcpy-style concat.
      const parts: Buffer[] = [Buffer.from(head)];
      result.entries.forEach((e, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(objects.externalBytes(r, e));
      });
      parts.push(LIST_END);
      return sendBytes(res, 200, Buffer.concat(parts), 'application/json');
    }
    case 'create': {
      const ctx = opContext(q, user, req);
      const body = decodeObject(await readBody(req), req.headers['content-type']);
      const obj = objects.create(r, ns, body, ctx);
      setWarnings(res, ctx.warnings);
      return sendJson(res, 201, obj);
    }
    case 'update': {
      const ctx = opContext(q, user, req, sub);
      const body = decodeObject(await readBody(req), req.headers['content-type']);
      const obj = objects.update(r, ns, route.name as string, body, ctx);
      setWarnings(res, ctx.warnings);
      return sendJson(res, 200, obj);
    }
    case 'patch': {
      const ctx = opContext(q, user, req, sub);
      const text = (await readBody(req)).toString('utf8');
      // Apply never falls back to the User-Agent as its field manager.
      if (mediaType(req.headers['content-type']) === 'application/apply-patch+yaml' && !q.get('fieldManager'))
        delete ctx.fieldManager;
      const { obj, created } = objects.patch(
        r,
        ns,
        route.name as string,
        mediaType(req.headers['content-type']),
        text,
        ctx,
      );
      setWarnings(res, ctx.warnings);
      return sendJson(res, created ? 201 : 200, obj);
    }
    case 'delete': {
      const ctx = opContext(q, user, req);
      const opts = await deleteOptions(req, q, ctx);
      return sendJson(res, 200, objects.delete(r, ns, route.name as string, opts, ctx));
    }
    case 'deletecollection': {
      const ctx = opContext(q, user, req);
      const opts = await deleteOptions(req, q, ctx);
      const { entries } = objects.list(r, ns, {
        ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') as string } : {}),
        ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') as string } : {}),
      });
      const items = entries.map((e) => {
        const name = e.obj.metadata?.name ?? '';
        const out = objects.delete(r, e.obj.metadata?.namespace, name, opts, ctx);
        return out.kind === 'Status' ? objects.external(r, e) : out;
      });
      return sendJson(res, 200, {
        apiVersion: objects.apiVersion(r),
        kind: type.listKind,
        metadata: { resourceVersion: String(objects.store.currentRv()) },
        items,
      });
    }
  }
  throw new ApiError(405, 'MethodNotAllowed', `method ${method} is not supported`);
}

function includeObject(q: URLSearchParams): { includeObject?: string } {
  const v = q.get('includeObject');
  return v ? { includeObject: v } : {};
}

async function deleteOptions(
  req: IncomingMessage,
  q: URLSearchParams,
  ctx: OpContext,
): Promise<DeleteOptions> {
  const buf = await readBody(req);
  const opts: DeleteOptions = {};
  if (buf.length > 0) {
    const body = decodeObject(buf, req.headers['content-type'] ?? 'application/json') as Record<
      string,
      unknown
    > | null;
    if (body && typeof body === 'object') {
      if (body.preconditions && typeof body.preconditions === 'object')
        opts.preconditions = body.preconditions as DeleteOptions['preconditions'] & object;
      if (typeof body.propagationPolicy === 'string') opts.propagationPolicy = body.propagationPolicy;
      if (typeof body.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = body.gracePeriodSeconds;
      if (Array.isArray(body.dryRun) && body.dryRun.includes('All')) ctx.dryRun = true;
    }
  }
  const pp = q.get('propagationPolicy');
  if (pp) opts.propagationPolicy = pp;
  const uid = q.get('preconditions.uid') ?? undefined;
  const rv = q.get('preconditions.resourceVersion') ?? undefined;
  if (uid || rv)
    opts.preconditions = {
      ...(opts.preconditions ?? {}),
      ...(uid ? { uid } : {}),
      ...(rv ? { resourceVersion: rv } : {}),
    };
  return opts;
}
