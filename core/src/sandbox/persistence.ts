// `--data FILE`: an append-only journal of store writes, compacted now and then.
//
// Each write is appended (one line of JSON) before the store changes, so a process killed at any
// moment keeps every write a client could have seen; fdatasync runs before the HTTP answer goes out
// (group commit: one sync covers every write made meanwhile). Nothing touches the disk while idle.
// docs/sandbox.md "Persistence" explains the format and the choices.
import {
  closeSync,
  fchmodSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Entry, JournalRecord, ObjectStore } from './store.js';
import type { StoredObject } from './types.js';

const MAGIC = 'kuberik-sandbox-journal';
const FORMAT = 2;
/** Compact when the journal outgrows this many bytes and twice the live data. */
const MIN_COMPACT_BYTES = 4 * 1024 * 1024;

export interface LoadedData {
  resourceVersion: number;
  buckets: Map<string, StoredObject[]>;
  /** Bytes of valid journal; a torn last line (an unacknowledged write) lies past it. */
  validBytes: number;
  /** True when the file should be rewritten at once (old format, or mostly dead records). */
  rewrite: boolean;
}

export class DataFileError extends Error {
  constructor(file: string, detail: string) {
    super(
      `${file} is not a valid sandbox data file (${detail}); it was left untouched: move it away or pass another --data path`,
    );
    this.name = 'DataFileError';
  }
}

/** Reads and validates the data file; undefined when it does not exist. Never modifies it. */
export function loadData(file: string): LoadedData | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  // An empty file (e.g. `touch`ed) holds nothing yet.
  if (buf.length === 0) return undefined;
  const text = buf.toString('utf8');
  if (text.trimStart().startsWith('{"version":1')) return loadSnapshotV1(file, text);
  return replay(file, buf);
}

function replay(file: string, buf: Buffer): LoadedData {
  const state = new Map<string, Map<string, StoredObject>>();
  let offset = 0;
  let line = 0;
  let rv = 0;
  let records = 0;
  let appended = false;
  while (offset < buf.length) {
    const nl = buf.indexOf(10, offset);
    line++;
    if (nl < 0) {
      // A last line without its newline was being written when the process died: never acknowledged.
      if (line === 1) throw new DataFileError(file, 'no header line');
      break;
    }
    const raw = buf.toString('utf8', offset, nl);
    let rec: unknown;
    try {
      rec = JSON.parse(raw);
    } catch (e) {
      throw new DataFileError(file, `line ${line}: ${(e as Error).message}`);
    }
    if (line === 1) {
      const h = rec as { journal?: unknown; format?: unknown; rv?: unknown };
      if (h?.journal !== MAGIC || h.format !== FORMAT || !isRv(h.rv)) {
        throw new DataFileError(file, `line 1 is not a ${MAGIC} format ${FORMAT} header`);
      }
      rv = h.rv as number;
    } else {
      const base = (rec as { rv?: unknown } | null)?.rv === undefined;
      if (base && appended) throw new DataFileError(file, `line ${line}: record without resourceVersion`);
      appended ||= !base;
      rv = applyRecord(file, line, rec, rv, state, base);
      records++;
    }
    offset = nl + 1;
  }
  const buckets = new Map<string, StoredObject[]>();
  let live = 0;
  for (const [key, objs] of state) {
    if (objs.size) buckets.set(key, [...objs.values()]);
    live += objs.size;
  }
  return { resourceVersion: rv, buckets, validBytes: offset, rewrite: records > 1000 && records > 4 * live };
}

function applyRecord(
  file: string,
  line: number,
  rec: unknown,
  lastRv: number,
  state: Map<string, Map<string, StoredObject>>,
  base: boolean,
): number {
  const r = rec as { rv?: unknown; k?: unknown; o?: unknown; del?: unknown };
  const bad = (why: string): never => {
    throw new DataFileError(file, `line ${line}: ${why}`);
  };
  if (!r || typeof r !== 'object') bad('not a record');
  // Base records (written by compaction) hold objects at or below the header's resourceVersion.
  if (!base && (!isRv(r.rv) || (r.rv as number) <= lastRv))
    bad(`resourceVersion ${String(r.rv)} does not follow ${lastRv}`);
  if (typeof r.k !== 'string' || !r.k.includes('/')) bad('missing storage key');
  const key = r.k as string;
  let bucket = state.get(key);
  if (!bucket) state.set(key, (bucket = new Map()));
  if (typeof r.del === 'string' && !base) {
    bucket.delete(r.del);
  } else {
    const obj = r.o as StoredObject;
    checkObject(obj, base ? lastRv : (r.rv as number), bad, !base);
    bucket.set(objKey(obj), obj);
  }
  return base ? lastRv : (r.rv as number);
}

function checkObject(obj: StoredObject, maxRv: number, bad: (why: string) => never, exact = true): void {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) bad('an object is not a JSON object');
  const m = obj.metadata;
  if (!m || typeof m.name !== 'string' || !m.name) bad('an object has no metadata.name');
  const name = `${m?.namespace ? `${m.namespace}/` : ''}${m?.name}`;
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string')
    bad(`${name} has no apiVersion or kind`);
  const orv = Number(m?.resourceVersion);
  if (!isRv(orv) || (exact ? orv !== maxRv : orv > maxRv))
    bad(
      `${name} has resourceVersion ${String(m?.resourceVersion)}, expected ${exact ? '' : 'at most '}${maxRv}`,
    );
}

function loadSnapshotV1(file: string, text: string): LoadedData {
  let data: { version?: unknown; resourceVersion?: unknown; buckets?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (e) {
    throw new DataFileError(file, (e as Error).message);
  }
  if (!isRv(data.resourceVersion) || !data.buckets || typeof data.buckets !== 'object')
    throw new DataFileError(file, 'snapshot without resourceVersion or buckets');
  const rv = data.resourceVersion as number;
  const buckets = new Map<string, StoredObject[]>();
  for (const [key, items] of Object.entries(data.buckets as Record<string, unknown>)) {
    if (!key.includes('/') || !Array.isArray(items))
      throw new DataFileError(file, `bucket ${key} is not a list`);
    const bad = (why: string): never => {
      throw new DataFileError(file, `bucket ${key}: ${why}`);
    };
    for (const obj of items as StoredObject[]) checkObject(obj, rv, bad, false);
    buckets.set(key, items as StoredObject[]);
  }
  return { resourceVersion: rv, buckets, validBytes: 0, rewrite: true };
}

const isRv = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const objKey = (o: StoredObject): string =>
  o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata?.name ?? '');

/** Appends store writes to the data file; `durable()` resolves once everything so far is on disk. */
export class Journal {
  private fd: number;
  private bytes: number;
  private liveBytes = 0;
  /** Appended and synced generations; a sync covers every append before it started. */
  private written = 0;
  private synced = 0;
  private syncing: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;

  /** Opens (or creates) the journal; compacts at once when `loaded` asks for it or the file is new. */
  constructor(
    private readonly file: string,
    private readonly store: ObjectStore,
    loaded: LoadedData | undefined,
    private readonly compactAtBytes = MIN_COMPACT_BYTES,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    if (!loaded || loaded.rewrite) {
      this.fd = -1;
      this.bytes = 0;
      this.compact();
    } else {
      this.fd = openSync(file, 'r+', 0o600);
      fchmodSync(this.fd, 0o600);
      // Drop a torn last line (a write that was never acknowledged) so the next record starts clean.
      ftruncateSync(this.fd, loaded.validBytes);
      this.bytes = loaded.validBytes;
    }
    store.setJournal((rec) => this.append(rec));
  }

  private append(rec: JournalRecord): void {
    if (this.closed) return;
    if (this.failure) throw this.failure;
    const line =
      'entry' in rec
        ? `{"rv":${rec.rv},"k":${JSON.stringify(rec.storageKey)},"o":${rec.entry.json}}\n`
        : `{"rv":${rec.rv},"k":${JSON.stringify(rec.storageKey)},"del":${JSON.stringify(rec.deleted)}}\n`;
    const buf = Buffer.from(line);
    // Synchronous: the kernel has the record before anyone can see the write (kill -9 safe).
    writeAll(this.fd, buf, this.bytes);
    this.bytes += buf.length;
    this.written++;
    if (this.bytes > this.compactAtBytes && this.bytes > 2 * this.liveBytes) this.compactSoon();
  }

  private compactPending = false;
  private compactSoon(): void {
    if (this.compactPending) return;
    this.compactPending = true;
    setImmediate(() => {
      void (this.syncing ?? Promise.resolve()).then(() => {
        this.compactPending = false;
        if (!this.closed) this.tryCompact();
      });
    });
  }

  private tryCompact(): void {
    try {
      this.compact();
    } catch (e) {
      process.stderr.write(`sandbox: could not compact ${this.file}: ${(e as Error).message}\n`);
    }
  }

  /** Rewrites the live state into a new file (header + one record per object) and swaps it in. */
  private compact(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    let size = 0;
    try {
      const header = Buffer.from(
        `{"journal":"${MAGIC}","format":${FORMAT},"rv":${this.store.currentRv()}}\n`,
      );
      writeAll(fd, header, 0);
      size = header.length;
      // Records keep each object's own resourceVersion; the header's rv keeps the counter monotonic.
      const chunks: Buffer[] = [];
      let pending = 0;
      const objects: Array<{ key: string; entry: Entry }> = [];
      for (const key of this.store.bucketKeys())
        for (const entry of this.store.list(key)) objects.push({ key, entry });
      objects.sort((a, b) => rvOf(a.entry) - rvOf(b.entry));
      for (const { key, entry } of objects) {
        const b = Buffer.from(`{"k":${JSON.stringify(key)},"o":${entry.json}}\n`);
        chunks.push(b);
        pending += b.length;
        if (pending > 1 << 20) {
          const all = Buffer.concat(chunks);
          writeAll(fd, all, size);
          size += all.length;
          chunks.length = 0;
          pending = 0;
        }
      }
      const rest = Buffer.concat(chunks);
      writeAll(fd, rest, size);
      size += rest.length;
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    renameSync(tmp, this.file);
    syncDir(dirname(this.file));
    const previous = this.fd;
    // A sync still running on the old file must finish before its descriptor goes away.
    if (previous >= 0) {
      if (this.syncing) void this.syncing.then(() => closeSync(previous));
      else closeSync(previous);
    }
    this.fd = fd;
    this.bytes = size;
    this.liveBytes = size;
    this.synced = this.written;
  }

  /** Resolves once every write appended so far is on disk (fdatasync); rejects if the disk failed. */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.written || this.closed) return Promise.resolve();
    const target = this.written;
    if (!this.syncing) {
      const upTo = this.written;
      this.syncing = new Promise<void>((resolve) => {
        const fd = this.fd;
        fdatasync(fd, (err) => {
          if (err) this.failure ??= new Error(`cannot sync ${this.file}: ${err.message}`);
          else this.synced = Math.max(this.synced, upTo);
          this.syncing = undefined;
          resolve();
        });
      });
    }
    return this.syncing.then(() => (this.synced >= target ? undefined : this.durable()));
  }

  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    while (this.syncing) await this.syncing;
    this.closed = true;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }
}

const rvOf = (e: Entry): number => Number(e.obj.metadata?.resourceVersion ?? 0);

function writeAll(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
