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
  panels: {
    body(key: { namespace: string; name: string }): string;
    act(
      key: { namespace: string; name: string },
      m: { action: 'approve' | 'deny' | 'deploy' },
    ): Promise<void>;
  };
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

// The demo namespaces on this run's backend (unique names on the shared real server).
const namespaces = JSON.parse(process.env.KUBERIK_TEST_NAMESPACES ?? '{}') as Record<string, string>;
const TEAM_A = namespaces['team-a'] ?? 'team-a';
const TEAM_B = namespaces['team-b'] ?? 'team-b';
const CHECKOUT_HISTORY = new RegExp(`^ro:${TEAM_A}/checkout/history/\\d+$`);

const report = (name: string, ok: boolean, detail: string) =>
  console.log(`KUBERIK-CHECK ${JSON.stringify({ name, ok, detail })}`);

async function rows(api: Api): Promise<Row[]> {
  const out: Row[] = [];
  const walk = async (parent: Node | undefined, depth: number) => {
    for (const node of (await api.tree.getChildren(parent)) ?? []) {
      const drawn = await api.tree.getTreeItem(node);
      // Tooltips are filled on hover (resolveTreeItem), as VS Code does.
      const item =
        (await api.tree.resolveTreeItem?.(drawn, node, new vscode.CancellationTokenSource().token)) ?? drawn;
      out.push({
        node,
        depth,
        label: String(typeof item.label === 'object' ? item.label?.label : item.label),
        description: String(item.description ?? ''),
        contextValue: item.contextValue ?? '',
        tooltip:
          item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''),
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
      (rs) => !!row(rs, `ro:${TEAM_A}/checkout`) && !!row(rs, `ro:${TEAM_B}/payments`),
    );
    for (const id of [`ro:${TEAM_A}/checkout`, `ro:${TEAM_B}/payments`]) {
      const r = row(rs, id);
      // phase in words; no "not driven": the test's controller holds the lease
      if (r?.description !== 'v1.0.0 → v1.1.0 · awaiting approval')
        throw new Error(`${id} shows "${r?.description}"`);
    }
    return render(rs);
  });
  if (!listed) throw new Error('the tree never listed the demo rollouts');

  await check(
    'approve on the pending version deploys it and the tree shows the new current version',
    async () => {
      const rs = await rows(api);
      const pending = row(rs, `ro:${TEAM_A}/checkout/pending`);
      if (!pending || !/\bapprovable\b/.test(pending.contextValue))
        throw new Error(`no approvable pending row: ${pending?.contextValue}`);
      await vscode.commands.executeCommand('kuberik.approve', pending.node, {
        message: 'approved by the editor test',
      });
      const after = await treeWhere(
        api,
        (rs) => row(rs, `ro:${TEAM_A}/checkout`)?.description === 'v1.1.0 · succeeded',
      );
      if (row(after, `ro:${TEAM_A}/checkout/pending`)) throw new Error('the pending row is still there');
      return render(after.filter((r) => r.node.id.startsWith(`ro:${TEAM_A}/checkout`)));
    },
  );

  await check('deny marks the version rejected', async () => {
    const rs = await rows(api);
    const pending = row(rs, `ro:${TEAM_B}/payments/pending`);
    if (!pending) throw new Error('no pending row for payments');
    await vscode.commands.executeCommand('kuberik.deny', pending.node, { message: 'not this one' });
    const after = await treeWhere(
      api,
      (rs) =>
        row(rs, `ro:${TEAM_B}/payments`)?.tooltip.startsWith(`**${TEAM_B}/payments** · rejected`) ?? false,
    );
    const r = row(after, `ro:${TEAM_B}/payments`);
    if (r?.icon !== 'circle-slash') throw new Error(`icon is ${r?.icon}`);
    return `${r.label} — ${r.description} (${r.tooltip.split('\n')[0]})`;
  });

  await check('Open YAML shows the live rollout read-only', async () => {
    const rs = await rows(api);
    const r = row(rs, `ro:${TEAM_A}/checkout`);
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
      const r = row(await rows(api), `ro:${TEAM_A}/inventory`);
      await vscode.commands.executeCommand('kuberik.watchRollout', r?.node);
      const rs = await treeWhere(api, (rs) =>
        /\bwatched\b/.test(row(rs, `ro:${TEAM_A}/inventory`)?.contextValue ?? ''),
      );
      const text = api.watch.statusText ?? '';
      // The test's controller holds every rollout's Lease, so this window observes (spec §2.6).
      if (!text.includes('inventory: awaiting approval v1.1.0 (observing)'))
        throw new Error(`status bar: ${text}`);
      const tooltip = row(rs, `ro:${TEAM_A}/inventory`)?.tooltip ?? '';
      if (!tooltip.includes('Driven by editor-test-controller')) throw new Error(tooltip);
      await vscode.commands.executeCommand('kuberik.stopWatching');
      if (api.watch.statusText !== undefined) throw new Error('still watching after Stop');
      return text;
    },
  );

  await check(
    'Deploy Version with a reason: the tree shows it live, and history says who and why',
    async () => {
      const r = row(await rows(api), `ro:${TEAM_A}/checkout`);
      if (!/\bhas-releases\b/.test(r?.contextValue ?? '')) throw new Error(`no Deploy on ${r?.contextValue}`);
      // A preset answers the version picker and the confirmation box (a person answers them in the UI test).
      await vscode.commands.executeCommand('kuberik.deployVersion', r?.node, {
        version: 'v1.0.0',
        message: 'back to v1.0.0 for the editor test',
      });
      const rs = await treeWhere(api, (rs) => {
        const live = rs.find((x) => CHECKOUT_HISTORY.test(x.node.id));
        return (
          !!live &&
          live.label === 'v1.0.0' &&
          live.tooltip.includes('Why: back to v1.0.0 for the editor test')
        );
      });
      const live = rs.find((x) => CHECKOUT_HISTORY.test(x.node.id)) as Row;
      if (live.tooltip.includes('InProgress') || /\d{4}-\d\d-\d\dT/.test(live.tooltip))
        throw new Error(`raw status or ISO stamp in the tooltip: ${live.tooltip}`);
      return `${live.label} — ${live.description}\n${live.tooltip}`;
    },
  );

  await check(
    'clicking a rollout opens its detail panel; its Deny button denies, and the panel follows live',
    async () => {
      const key = { namespace: TEAM_B, name: 'search' };
      const r = row(await rows(api), `ro:${TEAM_B}/search`);
      const item = r && (await api.tree.getTreeItem(r.node));
      if (!item?.command) throw new Error('the rollout row has no click command');
      await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
      const findTab = () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.label === 'Rollout search' && t.input instanceof vscode.TabInputWebview);
      // The workbench reports the new tab to the extension host a moment later.
      for (let i = 0; i < 100 && !findTab(); i++) await new Promise((r) => setTimeout(r, 100));
      const tab = findTab();
      if (!tab) {
        const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
        throw new Error(`no webview tab "Rollout search" among: ${labels.join(', ')}`);
      }
      if (!api.panels.body(key).includes('data-action="deny"')) throw new Error(api.panels.body(key));
      // The button's message runs the tree's Deny, which asks for a reason in the real workbench:
      // accept that input box (empty reason) the way Enter does.
      const acting = api.panels.act(key, { action: 'deny' });
      let settled = false;
      void acting.finally(() => (settled = true));
      for (let i = 0; i < 100 && !settled; i++) {
        await new Promise((r) => setTimeout(r, 200));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      await acting;
      const deadline = Date.now() + 20_000;
      while (!/\brejected\b/.test(api.panels.body(key))) {
        if (Date.now() > deadline)
          throw new Error(`panel did not follow: ${api.panels.body(key).slice(0, 600)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return `tab "${tab.label}"; panel says: ${api.panels
        .body(key)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 200)}`;
    },
  );

  await check('RBAC: a read-only user sees Approve disabled, with the reason', async () => {
    const viewer = process.env.KUBERIK_TEST_VIEWER_KUBECONFIG;
    if (!viewer) throw new Error('KUBERIK_TEST_VIEWER_KUBECONFIG is not set');
    await vscode.workspace
      .getConfiguration('kuberik')
      .update('kubeconfig', viewer, vscode.ConfigurationTarget.Global);
    const reason = `you may not patch rolloutgates.kuberik.com in namespace ${TEAM_A}`;
    const rs = await treeWhere(api, (rs) => {
      const p = row(rs, `ro:${TEAM_A}/inventory/pending`);
      return !!p && /\bno-approve\b/.test(p.contextValue) && p.tooltip.includes(reason);
    });
    const pending = row(rs, `ro:${TEAM_A}/inventory/pending`) as Row;
    // Even when invoked directly (a keybinding), the handler refuses before writing anything.
    await vscode.commands.executeCommand('kuberik.approve', pending.node, { message: 'should not happen' });
    return `${pending.label} — ${pending.description} [${pending.contextValue}]\n${pending.tooltip}`;
  });

  await check('a kubeconfig setting that changes after activation reconnects the tree', async () => {
    const admin = process.env.KUBERIK_TEST_KUBECONFIG;
    if (!admin) throw new Error('KUBERIK_TEST_KUBECONFIG is not set');
    const config = vscode.workspace.getConfiguration('kuberik');
    const missing = `${admin}.missing`;
    await config.update('kubeconfig', missing, vscode.ConfigurationTarget.Global);
    await treeWhere(api, (rs) => rs.length === 0); // the welcome view shows
    await api.ready();
    await config.update('kubeconfig', admin, vscode.ConfigurationTarget.Global);
    const rs = await treeWhere(api, (rs) => !!row(rs, `ro:${TEAM_A}/inventory/pending`));
    const pending = row(rs, `ro:${TEAM_A}/inventory/pending`) as Row;
    if (/\bno-approve\b/.test(pending.contextValue))
      throw new Error(`still the viewer's connection: ${pending.contextValue}`);
    return `missing file → welcome view; back to ${admin} → ${rs.length} rows`;
  });

  console.log(`running inside VS Code ${vscode.version}, appHost ${vscode.env.appHost}`);
  if (failed.length) throw new Error(`failed: ${failed.join('; ')}`); // exit code 1 for the workbench
}
