// Watch streams: newline-delimited events, flushed headers, replay from the history window,
// 410 as an in-stream ERROR, bookmarks, timeoutSeconds, and selector transitions.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Objects } from '../objects.js';
import type { Resolved } from '../registry.js';
import type { Entry, StoreEvent } from '../store.js';
import { tableJson } from '../table.js';
import { badRequest, expired } from './status.js';

export interface WatchParams {
  r: Resolved;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  table: boolean;
  includeObject?: string;
}

interface ActiveWatch {
  res: ServerResponse;
  stop(): void;
}

export class WatchHub {
  private readonly active = new Set<ActiveWatch>();
  private memo: { entry: Entry; key: string; line: Buffer } | undefined;

  constructor(
    private readonly objects: Objects,
    private readonly now: () => Date,
    private readonly bookmarkIntervalMs: number,
  ) {}

  get size(): number {
    return this.active.size;
  }

  start(req: IncomingMessage, res: ServerResponse, p: WatchParams): void {
    const { r } = p;
    const match = this.objects.filter(r, p.namespace, p); // throws 400 before any header is sent
    const store = this.objects.store;
    let replay: StoreEvent[] | undefined;
    let synthetic = true;
    const rvParam = p.resourceVersion;
    if (rvParam && rvParam !== '0') {
      if (!/^\d+$/.test(rvParam)) throw badRequest(`invalid resource version: ${rvParam}`);
      synthetic = !!p.sendInitialEvents;
      replay = store.since(r.type.storageKey, Number(rvParam));
      if (!replay) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
        const status = expired(rvParam, store.oldestRetained() + 1).toStatus();
        res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
        return;
      }
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    const send = (type: string, entry: Entry): void => {
      res.write(this.line(type, entry, p));
    };
    if (synthetic) {
      for (const e of store.list(r.type.storageKey, r.type.namespaced ? p.namespace : undefined)) {
        if (match(e.obj)) send('ADDED', e);
      }
    }
    const deliver = (ev: StoreEvent): void => {
      const now = match(ev.entry.obj);
      if (ev.type === 'MODIFIED') {
        const before = ev.prev ? match(ev.prev.obj) : now;
        if (now && before) send('MODIFIED', ev.entry);
        else if (now) send('ADDED', ev.entry);
        else if (before) send('DELETED', ev.entry);
      } else if (now) send(ev.type, ev.entry);
    };
    for (const ev of replay ?? []) deliver(ev);
    if (p.sendInitialEvents && p.allowBookmarks) this.bookmark(res, p, true);
    const unsubscribe = store.subscribe(r.type.storageKey, deliver);
    const timers: NodeJS.Timeout[] = [];
    const watch: ActiveWatch = {
      res,
      stop: () => {
        unsubscribe();
        for (const t of timers) clearTimeout(t);
        this.active.delete(watch);
      },
    };
    this.active.add(watch);
    // Upstream keeps watches open 30–60 min unless the client asks for less.
    const timeoutMs =
      p.timeoutSeconds !== undefined ? p.timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
    timers.push(
      setTimeout(() => {
        if (p.allowBookmarks) this.bookmark(res, p, false);
        watch.stop();
        res.end();
      }, timeoutMs),
    );
    if (p.allowBookmarks) {
      const tick = (): void => {
        this.bookmark(res, p, false);
        timers.push(setTimeout(tick, this.bookmarkIntervalMs).unref());
      };
      timers.push(setTimeout(tick, this.bookmarkIntervalMs).unref());
    }
    const cleanup = (): void => watch.stop();
    req.on('close', cleanup);
    res.on('close', cleanup);
    res.on('error', cleanup);
  }

  /** One serialisation per event and shape, shared by every watcher (fan-out writes the same Buffer). */
  private line(type: string, entry: Entry, p: WatchParams): Buffer {
    const key = `${type}|${this.objects.apiVersion(p.r)}|${p.table ? `T${p.includeObject ?? ''}${p.r.version.name}` : ''}`;
    if (this.memo && this.memo.entry === entry && this.memo.key === key) return this.memo.line;
    let object: string;
    if (p.table) {
      object = tableJson(p.r.version, [this.objects.tableRow(p.r, entry)], {
        now: this.now(),
        resourceVersion: entry.obj.metadata?.resourceVersion ?? '',
        ...(p.includeObject ? { includeObject: p.includeObject } : {}),
      });
    } else object = this.objects.externalJson(p.r, entry);
    const line = Buffer.from(`{"type":"${type}","object":${object}}\n`);
    this.memo = { entry, key, line };
    return line;
  }

  private bookmark(res: ServerResponse, p: WatchParams, initialEnd: boolean): void {
    const metadata: Record<string, unknown> = { resourceVersion: String(this.objects.store.currentRv()) };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    const object = { kind: p.r.type.kind, apiVersion: this.objects.apiVersion(p.r), metadata };
    if (!res.writableEnded) res.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
  }

  /** Ends every stream cleanly (clients re-watch). */
  endAll(): void {
    for (const w of [...this.active]) {
      w.stop();
      w.res.end();
    }
  }

  /** Destroys every stream's socket (clients see a dropped connection). */
  dropAll(): void {
    for (const w of [...this.active]) {
      w.stop();
      w.res.socket?.destroy();
      w.res.destroy();
    }
  }
}
