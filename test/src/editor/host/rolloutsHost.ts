// Runs INSIDE code-server's Node extension host (loaded as extensionTestsPath). It drives the real
// extension through its commands and reads the real tree provider, and reports one line per check:
// `KUBERIK-CHECK {"name":…,"ok":…,"detail":…}`, which the vitest side (rollouts.host.test.ts) asserts.
// Only types are shared with the extension (a runtime import would bundle a second copy of it).
import * as vscode from 'vscode';

interface Node {
  kind: string;
  id: string;
}
interface Api {
  tree: vscode.TreeDataProvider<Node>;
  watch: { statusText: string | undefined };
  ready(): Promise<void>;
}
interface Row {
  node: Node;
  depth: number;
  label: string;
  description: string;
  contextValue: string;
  tooltip: string;
  icon: string;
}

const report = (name: string, ok: boolean, detail: string) =>
  console.log(`KUBERIK-CHECK ${JSON.stringify({ name, ok, detail })}`);

async function rows(api: Api): Promise<Row[]> {
  const out: Row[] = [];
  const walk = async (parent: Node | undefined, depth: number) => {
    for (const node of (await api.tree.getChildren(parent)) ?? []) {
      const item = await api.tree.getTreeItem(node);
      out.push({
        node,
        depth,
        label: String(typeof item.label === 'object' ? item.label?.label : item.label),
        description: String(item.description ?? ''),
        contextValue: item.contextValue ?? '',
        tooltip: String(item.tooltip ?? ''),
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
      });
      await walk(node, depth + 1);
    }
  };
  await walk(undefined, 0);
  return out;
}

const render = (rs: Row[]) =>
  rs.map((r) => `${'  '.repeat(r.depth)}${r.label} — ${r.description}`).join('\n');

/** Waits for the tree (live, event-driven: no Refresh is ever run) to satisfy `check`. */
function treeWhere(api: Api, check: (rs: Row[]) => boolean, timeoutMs = 20_000): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    let last: Row[] = [];
    let done = false;
    const test = async () => {
      last = await rows(api);
      if (!done && check(last)) {
        done = true;
        sub.dispose();
        clearTimeout(timer);
        resolve(last);
      }
    };
    const sub = api.tree.onDidChangeTreeData?.(() => void test()) ?? { dispose() {} };
    const timer = setTimeout(() => {
      done = true;
      sub.dispose();
      reject(new Error(`tree did not get there within ${timeoutMs} ms; it shows:\n${render(last)}`));
    }, timeoutMs);
    void test();
  });
}

const row = (rs: Row[], id: string) => rs.find((r) => r.node.id === id);

const failed: string[] = [];

async function check(name: string, fn: () => Promise<string>): Promise<boolean> {
  try {
    report(name, true, await fn());
    return true;
  } catch (e) {
    report(name, false, e instanceof Error ? e.message : String(e));
    failed.push(name);
    return false;
  }
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Api>('kuberik.kuberik-vscode');
  if (!ext) throw new Error('extension kuberik.kuberik-vscode is not loaded');
  const api = await ext.activate();
  await api.ready();

  const listed = await check('tree lists the demo rollouts', async () => {
    const rs = await treeWhere(
      api,
      (rs) => !!row(rs, 'ro:team-a/checkout') && !!row(rs, 'ro:team-b/payments'),
    );
    for (const id of ['ro:team-a/checkout', 'ro:team-b/payments']) {
      const r = row(rs, id);
      if (r?.description !== 'v1.0.0 → v1.1.0') throw new Error(`${id} shows "${r?.description}"`);
    }
    return render(rs);
  });
  if (!listed) throw new Error('the tree never listed the demo rollouts');

  await check(
    'approve on the pending version deploys it and the tree shows the new current version',
    async () => {
      const rs = await rows(api);
      const pending = row(rs, 'ro:team-a/checkout/pending');
      if (!pending || !/\bapprovable\b/.test(pending.contextValue))
        throw new Error(`no approvable pending row: ${pending?.contextValue}`);
      await vscode.commands.executeCommand('kuberik.approve', pending.node, {
        message: 'approved by the editor test',
      });
      const after = await treeWhere(api, (rs) => row(rs, 'ro:team-a/checkout')?.description === 'v1.1.0');
      if (row(after, 'ro:team-a/checkout/pending')) throw new Error('the pending row is still there');
      return render(after.filter((r) => r.node.id.startsWith('ro:team-a/checkout')));
    },
  );

  await check('deny marks the version rejected', async () => {
    const rs = await rows(api);
    const pending = row(rs, 'ro:team-b/payments/pending');
    if (!pending) throw new Error('no pending row for payments');
    await vscode.commands.executeCommand('kuberik.deny', pending.node, { message: 'not this one' });
    const after = await treeWhere(
      api,
      (rs) => row(rs, 'ro:team-b/payments')?.tooltip.startsWith('Rollout team-b/payments: Rejected') ?? false,
    );
    const r = row(after, 'ro:team-b/payments');
    if (r?.icon !== 'circle-slash') throw new Error(`icon is ${r?.icon}`);
    return `${r.label} — ${r.description} (${r.tooltip.split('\n')[0]})`;
  });

  await check('Open YAML shows the live rollout read-only', async () => {
    const rs = await rows(api);
    const r = row(rs, 'ro:team-a/checkout');
    await vscode.commands.executeCommand('kuberik.openYaml', r?.node);
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'kuberik-rollout')
      throw new Error(`active document is ${doc?.uri.toString()}`);
    if (!doc.getText().includes('currentVersion: v1.1.0')) throw new Error(doc.getText().slice(0, 400));
    return `${doc.uri.toString()} (${doc.languageId})`;
  });

  await check(
    'Watch Rollout: the status bar follows the rollout; the lease holder keeps driving',
    async () => {
      const r = row(await rows(api), 'ro:team-a/inventory');
      await vscode.commands.executeCommand('kuberik.watchRollout', r?.node);
      const rs = await treeWhere(api, (rs) =>
        /\bwatched\b/.test(row(rs, 'ro:team-a/inventory')?.contextValue ?? ''),
      );
      const text = api.watch.statusText ?? '';
      // The test's controller holds every rollout's Lease, so this window observes (spec §2.6).
      if (!text.includes('inventory: WaitingForGates v1.1.0 (observing)'))
        throw new Error(`status bar: ${text}`);
      const tooltip = row(rs, 'ro:team-a/inventory')?.tooltip ?? '';
      if (!tooltip.includes('Driven by editor-test-controller')) throw new Error(tooltip);
      await vscode.commands.executeCommand('kuberik.stopWatching');
      if (api.watch.statusText !== undefined) throw new Error('still watching after Stop');
      return text;
    },
  );

  await check('RBAC: a read-only user sees Approve disabled, with the reason', async () => {
    const viewer = process.env.KUBERIK_TEST_VIEWER_KUBECONFIG;
    if (!viewer) throw new Error('KUBERIK_TEST_VIEWER_KUBECONFIG is not set');
    await vscode.workspace
      .getConfiguration('kuberik')
      .update('kubeconfig', viewer, vscode.ConfigurationTarget.Global);
    const reason = 'you may not patch rolloutgates.kuberik.com in namespace team-a';
    const rs = await treeWhere(api, (rs) => {
      const p = row(rs, 'ro:team-a/inventory/pending');
      return !!p && /\bno-approve\b/.test(p.contextValue) && p.tooltip.includes(reason);
    });
    const pending = row(rs, 'ro:team-a/inventory/pending') as Row;
    // Even when invoked directly (a keybinding), the handler refuses before writing anything.
    await vscode.commands.executeCommand('kuberik.approve', pending.node, { message: 'should not happen' });
    return `${pending.label} — ${pending.description} [${pending.contextValue}]\n${pending.tooltip}`;
  });

  console.log(`running inside VS Code ${vscode.version}, appHost ${vscode.env.appHost}`);
  if (failed.length) throw new Error(`failed: ${failed.join('; ')}`); // exit code 1 for the workbench
}
