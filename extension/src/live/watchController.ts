// Watch Rollout: this window drives one rollout through core's driver (taking its Lease, spec §2.6)
// and the status bar shows its phase and bake countdown. Stop releases the lease.
import type { Driver, RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import * as vscode from 'vscode';
import type { ClusterConnection } from '../cluster/connection.js';
import { CommandId } from '../commands/ids.js';
import { errorMessage } from '../errors.js';
import { keyId } from '../tree/nodes.js';
import { watchStatus } from './watchStatus.js';

export class WatchController implements vscode.Disposable {
  private driver: Driver | undefined;
  private unsubscribe: (() => void) | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private latest: RolloutSnapshot | undefined;
  key: RolloutKey | undefined;
  private readonly item: vscode.StatusBarItem;

  constructor(
    private readonly onChange: (key: RolloutKey) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.item = vscode.window.createStatusBarItem('kuberik.watch', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Kuberik: watched rollout';
    this.item.command = CommandId.stopWatching;
  }

  /** What the status bar shows (for tests and the API). */
  get statusText(): string | undefined {
    return this.key ? this.item.text : undefined;
  }

  get watchedId(): string | undefined {
    return this.key && keyId(this.key);
  }

  async start(connection: ClusterConnection, key: RolloutKey): Promise<void> {
    await this.stop();
    this.key = key;
    const driver = connection.drive(key);
    this.driver = driver;
    this.unsubscribe = driver.subscribe((e) => {
      if (e.type === 'snapshot' && keyId(e.snapshot.key) === keyId(key)) {
        this.latest = e.snapshot;
        this.render();
      } else if (e.type === 'error') {
        this.item.tooltip = `${key.name}: ${errorMessage(e.error)}`;
      }
    });
    this.render();
    this.item.show();
    await vscode.commands.executeCommand('setContext', 'kuberik.watching', true);
    this.onChange(key);
    try {
      await driver.start();
      this.latest = driver.snapshot(key) ?? this.latest;
      this.render();
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  async stop(): Promise<void> {
    const { driver, key } = this;
    this.driver = undefined;
    this.key = undefined;
    this.latest = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.item.hide();
    if (!driver) return;
    await vscode.commands.executeCommand('setContext', 'kuberik.watching', false);
    if (key) this.onChange(key);
    await driver.stop(); // releases the lease so another watcher or the controller takes over at once
  }

  private render(): void {
    if (!this.key) return;
    const status = watchStatus(this.key.name, this.latest, this.now());
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    if (status.ticking && !this.ticker) this.ticker = setInterval(() => this.render(), 1000);
    if (!status.ticking && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  dispose(): void {
    void this.stop();
    this.item.dispose();
  }
}
