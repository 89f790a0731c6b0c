// Persistence to one JSON file: restore on start (RVs stay monotonic), debounced atomic saves.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ObjectStore } from './store.js';
import type { KubeObject } from './types.js';

interface Snapshot {
  version: 1;
  resourceVersion: number;
  buckets: Record<string, KubeObject[]>;
}

export async function loadSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let data: Snapshot;
  try {
    data = JSON.parse(text) as Snapshot;
  } catch (e) {
    throw new Error(`${file} is not a sandbox data file: ${(e as Error).message}`);
  }
  if (data.version !== 1 || typeof data.resourceVersion !== 'number' || typeof data.buckets !== 'object') {
    throw new Error(`${file} is not a sandbox data file`);
  }
  return data;
}

export function snapshot(store: ObjectStore): Snapshot {
  const buckets: Record<string, KubeObject[]> = {};
  for (const key of store.bucketKeys()) {
    const items = store.list(key).map((e) => e.obj);
    if (items.length) buckets[key] = items;
  }
  return { version: 1, resourceVersion: store.currentRv(), buckets };
}

/** Saves after writes settle, and on flush(). Writes go to a temp file that is renamed into place. */
export class Saver {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly store: ObjectStore,
    private readonly debounceMs = 50,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        const text = JSON.stringify(snapshot(this.store));
        await mkdir(dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, text);
        await rename(tmp, this.file);
      });
    return this.saving.catch((e: unknown) => {
      process.stderr.write(`sandbox: could not save ${this.file}: ${(e as Error).message}\n`);
    });
  }
}
