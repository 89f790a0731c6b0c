// A real terminal for the TUI tests: a private tmux server (its own socket), one pane of a fixed
// size, keys in, screen text and terminal modes out.
import { execFile, execFileSync } from 'node:child_process';

export function requireTmux(): void {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'tmux is required for the TUI tests and was not found on PATH — install it (Debian: apt-get install -y tmux)',
    );
  }
}

// UTF-8 on (-u and a UTF-8 locale) or tmux shows the bar and the check marks as underscores.
const tmuxEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

const run = (args: string[]): Promise<string> =>
  new Promise((res, rej) =>
    execFile('tmux', args, { timeout: 10_000, env: tmuxEnv }, (err, stdout, stderr) =>
      err ? rej(new Error(`tmux ${args.join(' ')}: ${stderr || err.message}`)) : res(stdout),
    ),
  );

export class Tmux {
  private readonly socket = `kuberik-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly t = (args: string[]) => run(['-u', '-L', this.socket, '-f', '/dev/null', ...args]);

  /** Starts `command` (a shell line) in a width×height pane. */
  async start(command: string, width = 110, height = 32): Promise<void> {
    await this.t(['new-session', '-d', '-s', 'main', '-x', String(width), '-y', String(height), command]);
  }

  screen(): Promise<string> {
    return this.t(['capture-pane', '-p', '-t', 'main']);
  }

  async keys(...keys: string[]): Promise<void> {
    await this.t(['send-keys', '-t', 'main', ...keys]);
  }

  /** 1 when the pane shows the alternate screen. */
  async alternateScreen(): Promise<boolean> {
    return (await this.t(['display-message', '-p', '-t', 'main', '#{alternate_on}'])).trim() === '1';
  }

  /** 1 when the cursor is visible. */
  async cursorVisible(): Promise<boolean> {
    return (await this.t(['display-message', '-p', '-t', 'main', '#{cursor_flag}'])).trim() === '1';
  }

  /** Polls the screen until `test` passes; returns that screen. */
  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      last = await this.screen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screen never showed ${what}; last screen:\n${last}`);
  }

  async kill(): Promise<void> {
    await this.t(['kill-server']).catch(() => undefined);
  }
}

/** Quotes a value for the shell line tmux runs. */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
