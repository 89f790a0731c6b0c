// Help text served from a cache: oclif renders help from the manifest, the terminal width and the
// colour support, and loading oclif costs more than the rest of `--help`. The first `--help` (or
// `-h`, `help …`, no arguments) runs oclif as always and keeps what it printed; later ones with the
// same inputs print that copy without loading oclif. Never a hand-written layout: every byte comes
// from oclif's own renderer. The key covers all oclif reads to decide the text (docs/cli-startup.md).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HELP_FLAGS = new Set(['--help', '-h']);
const WORD = /^[a-z][a-z0-9-]*$/;

/** The invocations whose whole output is oclif's help (main.run's helpAddition, or `help …`). */
export function isHelpRequest(argv: string[]): boolean {
  if (argv.length > 4) return false;
  if (!argv.every((a) => WORD.test(a) || HELP_FLAGS.has(a))) return false;
  return argv.length === 0 || argv[0] === 'help' || argv.some((a) => HELP_FLAGS.has(a));
}

// What decides colour (supports-color, ansis), width (OCLIF_COLUMNS) and oclif's own switches.
const ENV_IN_KEY =
  /COLOR|TERM|CI|^(GITHUB_ACTIONS|GITEA_ACTIONS|TRAVIS|APPVEYOR|BUILDKITE|DRONE|TF_BUILD|AGENT_NAME|WT_SESSION|ConEmuANSI|ANSICON|PM2_HOME|NEXT_RUNTIME|NODE_ENV|DEBUG)$|^OCLIF_|^KUBECTL_KUBERIK_/;

const stamp = (path: string): string => {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}` : '-';
};

/** FNV-1a, twice with different seeds: a file name, not a security boundary. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

function cacheFile(argv: string[], env: NodeJS.ProcessEnv): string {
  const pkg = fileURLToPath(new URL('../../', import.meta.url));
  const home = env.HOME || homedir();
  const configDir = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'kuberik');
  const dataDir = join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'kuberik');
  const out = process.stdout;
  const key = [
    process.version,
    argv.join('\0'),
    // package version, manifest and command map (a rebuild or an upgrade changes their stamps)
    stamp(join(pkg, 'package.json')),
    stamp(join(pkg, 'oclif.manifest.json')),
    stamp(fileURLToPath(new URL('./index.js', import.meta.url))),
    // oclif's theme, and plugins a user installed (they add commands and topics)
    stamp(join(configDir, 'theme.json')),
    stamp(join(dataDir, 'package.json')),
    `${Boolean(out.isTTY)}:${out.isTTY ? out.columns : ''}:${Boolean(process.stderr.isTTY)}`,
    ...Object.keys(env)
      .filter((k) => ENV_IN_KEY.test(k))
      .sort()
      .map((k) => `${k}=${env[k]}`),
  ].join('\n');
  const cacheDir = env.XDG_CACHE_HOME || join(home, '.cache');
  return join(cacheDir, 'kuberik', 'help', `${hash(key)}.txt`);
}

/** Prints the cached help and returns true, or returns false (no copy yet: oclif must run). */
export function helpFromCache(argv: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.KUBERIK_NO_FAST_PATH) return false;
  let text: string;
  try {
    text = readFileSync(cacheFile(argv, env), 'utf8');
  } catch {
    return false;
  }
  process.stdout.write(text);
  return true;
}

/**
 * Lets oclif run and keeps what it writes to stdout; when the process ends with code 0 and nothing
 * on stderr, stores it atomically (temp file + rename), so a concurrent reader never sees half.
 */
export function recordHelp(argv: string[], env: NodeJS.ProcessEnv = process.env): void {
  if (env.KUBERIK_NO_FAST_PATH) return;
  const file = cacheFile(argv, env);
  const chunks: string[] = [];
  let clean = true;
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return stdoutWrite(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    clean = false;
    return stderrWrite(chunk, ...rest);
  }) as typeof process.stderr.write;
  process.on('exit', (code) => {
    if (code !== 0 || !clean || chunks.length === 0) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, chunks.join(''));
      renameSync(tmp, file);
    } catch {
      // a read-only or full cache dir: help still works, just not faster
    }
  });
}
