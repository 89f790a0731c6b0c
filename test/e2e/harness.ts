// The editor tier's harness: code-server 4.100.3 (VS Code 1.100.3's server + web workbench) on a free
// loopback port with throw-away dirs, opened in Debian's chromium through playwright-core.
// Recipe and pitfalls: shared/reference/vscode-testing.md; our decisions: docs/extension-testing.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

const here = import.meta.dirname;
export const CHROMIUM = '/usr/bin/chromium';

/** The cache dir test/e2e/setup-code-server.sh installs into (same key: the tools lockfile and the Node ABI). */
export function codeServerDir(): string {
  if (process.env.CODE_SERVER_DIR) return process.env.CODE_SERVER_DIR;
  const tools = join(here, 'tools');
  const key = createHash('sha256')
    .update(readFileSync(join(tools, 'package.json')))
    .update(readFileSync(join(tools, 'package-lock.json')))
    // The Node ABI the native modules were built for (setup-code-server.sh adds the same line).
    .update(`${process.versions.modules} ${process.platform}-${process.arch}\n`)
    .digest('hex')
    .slice(0, 16);
  const base =
    process.env.VSCODE_E2E_TOOLS ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vscode-e2e-tools');
  return join(base, key);
}

/** Why the editor tier cannot run here, or undefined when code-server and chromium are installed. */
export function editorTierMissing(): string | undefined {
  const dir = codeServerDir();
  const missing: string[] = [];
  if (!existsSync(join(dir, '.installed')) || !existsSync(codeServerEntry())) {
    missing.push(`code-server 4.100.3 is not installed in ${dir}`);
  }
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} is missing (apt-get install chromium)`);
  return missing.length
    ? `EDITOR TIER SKIPPED: ${missing.join('; ')}. Install both with: bash .ci/setup-editor`
    : undefined;
}

/** Outside CI a machine without the editor tools skips the tier loudly; under CI=true it never skips. */
export function skipEditorTier(missing: string | undefined): boolean {
  return !!missing && process.env.CI !== 'true';
}

/** Under CI=true a missing tool fails every test of the tier, with the reason and the fix. */
export function assertEditorTier(missing: string | undefined): void {
  if (missing) throw new Error(missing.replace('EDITOR TIER SKIPPED', 'EDITOR TIER CANNOT RUN under CI'));
}

export const codeServerEntry = (): string =>
  join(codeServerDir(), 'node_modules/code-server/out/node/entry.js');

export interface CodeServer {
  proc: ChildProcess;
  url: string;
  dirs: { root: string; ud: string; exts: string; ws: string; cfg: string; tmp: string };
  log(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(
  opts: { settings?: Record<string, unknown>; env?: Record<string, string> } = {},
): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'kuberik-cs-'));
  const dirs = {
    root,
    ud: join(root, 'ud'),
    exts: join(root, 'exts'),
    ws: join(root, 'ws'),
    cfg: join(root, 'cfg'),
    tmp: join(root, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.ud, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dirs.ws, 'README.md'), '# demo workspace\n');
  const args = [
    codeServerEntry(),
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0', // port 0: the OS picks a free port
    '--user-data-dir',
    dirs.ud,
    '--extensions-dir',
    dirs.exts,
    '--config',
    join(dirs.cfg, 'config.yaml'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    dirs.ws,
  ];
  // detached: its own process group, so stop() ends code-server and its extension-host/pty children together.
  // TMPDIR: the extension host leaves sockets behind in the temp dir.
  const proc = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...opts.env, TMPDIR: dirs.tmp },
  });
  let log = '';
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within 30 s:\n${log}`)),
      30_000,
    );
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited ${c}:\n${log}`));
    });
  });
  let url: string;
  try {
    url = await started;
  } catch (e) {
    // A code-server that never came up leaves no process and no dirs behind either.
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  return {
    proc,
    url,
    dirs,
    log: () => log,
    async stop() {
      const exited = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
      try {
        if (proc.pid) process.kill(-proc.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      try {
        if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Workbench URL that loads extensions from folders (like F5) and optionally runs extensionTestsPath in the host. */
export function workbenchUrl(
  cs: CodeServer,
  opts: { extensionDevelopmentPath: string; extensionTestsPath?: string },
): string {
  const remote = (p: string) => `vscode-remote://${new URL(cs.url).host}${p}`; // code-server's authority is host:port
  const payload = [
    ['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath)],
    // Other extensions (built-in git, TypeScript, …) cost seconds of extension-host start and are not
    // under test; the extension under development still loads.
    ['disableExtensions', 'true'],
  ];
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
  return `${cs.url}/?folder=${encodeURIComponent(cs.dirs.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kuberik-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Extension-host console.* reaches the page as console.log('%c INFO', 'color: #33f', ...args). */
export async function extensionHostLine(msg: ConsoleMessage): Promise<string | undefined> {
  const a = await Promise.all(msg.args().map((x) => x.jsonValue().catch(() => '?')));
  if (typeof a[0] !== 'string' || !a[0].startsWith('%c') || !String(a[1]).startsWith('color:'))
    return undefined;
  return format(...a.slice(2));
}
