// Editor tier, integration: the real extension in code-server's real Node extension host (VS Code 1.100.3),
// against this run's backend (a sandbox, or the real kube-apiserver: vitest.config.ts bothBackends)
// with a driving controller in this process. The checks run inside the host (host/rollouts-host.ts);
// here we collect them and also look at the cluster objects they changed.
import { Kinds } from '@kuberik/core/kube';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionUnderTest } from '../../e2e/build-extension.js';
import { backend, onRealBackend } from '../support/backend.js';
import {
  assertEditorTier,
  editorTierMissing,
  skipEditorTier,
  extensionHostLine,
  launchBrowser,
  startCodeServer,
  workbenchUrl,
  type Browser,
  type CodeServer,
} from '../../e2e/harness.js';
import { NEXT, startDemoCluster, type DemoCluster } from './support/demo-cluster.js';

const missing = editorTierMissing();
if (missing) console.warn(`\n${'!'.repeat(100)}\n${missing}\n${'!'.repeat(100)}\n`);

const CHECKS = {
  listed: 'tree lists the demo rollouts',
  approved: 'approve on the pending version deploys it and the tree shows the new current version',
  denied: 'deny marks the version rejected',
  yaml: 'Open YAML shows the live rollout read-only',
  watch: 'Watch Rollout: the status bar follows the rollout; the lease holder keeps driving',
  deploy: 'Deploy Version with a reason: the tree shows it live, and history says who and why',
  panel: 'clicking a rollout opens its detail panel; its Deny button denies, and the panel follows live',
  rbac: 'RBAC: a read-only user sees Approve disabled, with the reason',
  lateSetting: 'a kubeconfig setting that changes after activation reconnects the tree',
};

describe.skipIf(skipEditorTier(missing))(
  missing ?? 'extension in a real VS Code extension host (code-server 4.100.3)',
  () => {
    let dir: string;
    let cluster: DemoCluster | undefined;
    let cs: CodeServer | undefined;
    let browser: Browser | undefined;
    let exitCode: number | undefined;
    const results = new Map<string, { ok: boolean; detail: string }>();
    const hostLog: string[] = [];

    beforeAll(async () => {
      assertEditorTier(missing);
      const t0 = Date.now();
      const mark = (what: string) =>
        console.log(`[editor tier ${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
      dir = mkdtempSync(join(tmpdir(), 'kuberik-editor-'));
      cluster = await startDemoCluster(dir);
      mark(`${backend} server and controller ready, demo rollouts waiting for approval`);
      const built = await buildExtensionUnderTest(dir, [join(import.meta.dirname, 'host/rollouts-host.ts')]);
      cs = await startCodeServer({
        settings: {
          'kuberik.kubeconfig': cluster.kubeconfigPath,
          'kuberik.notifications.awaitingApproval': false,
          // The real server is shared with other test files: show only ours. (On the sandbox the
          // tree keeps its default, every namespace.)
          ...(onRealBackend ? { 'kuberik.namespaces': Object.values(cluster.namespaces) } : {}),
        },
        env: {
          KUBECONFIG: join(dir, 'no-such-kubeconfig'), // the setting must win over KUBECONFIG
          KUBERIK_TEST_VIEWER_KUBECONFIG: cluster.viewerKubeconfigPath,
          KUBERIK_TEST_KUBECONFIG: cluster.kubeconfigPath,
          KUBERIK_TEST_NAMESPACES: JSON.stringify(cluster.namespaces),
        },
      });
      mark(`extension built, code-server up at ${cs.url}`);
      browser = await launchBrowser();
      const page = browser.page;
      const done = new Promise<number>(
        (resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)),
      );
      page.on('console', (m) => {
        void extensionHostLine(m).then((line) => {
          if (line === undefined) return;
          hostLog.push(line);
          if (line.startsWith('KUBERIK-CHECK')) mark(line.slice(0, 120));
          const r = /^KUBERIK-CHECK (.*)$/s.exec(line);
          if (r) {
            const parsed = JSON.parse(r[1] as string) as { name: string; ok: boolean; detail: string };
            results.set(parsed.name, parsed);
          }
        });
      });
      await page.goto(
        workbenchUrl(cs, {
          extensionDevelopmentPath: built.extDir,
          extensionTestsPath: built.host['rollouts-host'],
        }),
      );
      let timer: ReturnType<typeof setTimeout> | undefined;
      exitCode = await Promise.race([
        done,
        new Promise<number>((r) => (timer = setTimeout(() => r(124), 150_000))),
      ]);
      clearTimeout(timer);
      mark(`host run ended with exit code ${exitCode}`);
      await new Promise((r) => setImmediate(r)); // let the last console lines land
    }, 200_000);

    afterAll(async () => {
      await browser?.close();
      await cs?.stop();
      await cluster?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    const passed = (name: string) => {
      const r = results.get(name);
      expect(
        r,
        `no result for "${name}"; extension host said:\n${hostLog.join('\n')}\n${cs?.log().slice(-3000)}`,
      ).toBeDefined();
      expect(r?.ok, r?.detail).toBe(true);
    };

    it(CHECKS.listed, () => passed(CHECKS.listed));

    it(CHECKS.approved, async () => {
      passed(CHECKS.approved);
      const gate = await cluster!.kube.get(Kinds.RolloutGate, cluster!.ns('team-a'), 'checkout-approval');
      expect(gate.spec.allowedVersions).toContain(NEXT);
      // The host saw it go live; the later Deploy check moves checkout on (to v1.0.0 and, automatically,
      // back to the approved NEXT), so here the history is what must show NEXT's deployment.
      const rollout = await cluster!.kube.get(Kinds.Rollout, cluster!.ns('team-a'), 'checkout');
      const deployed = (rollout.status?.history ?? []).filter((e) => e.version.tag === NEXT);
      expect(deployed.length).toBeGreaterThan(0);
      expect(deployed.at(-1)?.bakeStatus).toBe('Succeeded');
    });

    it(CHECKS.denied, async () => {
      passed(CHECKS.denied);
      const gate = await cluster!.kube.get(Kinds.RolloutGate, cluster!.ns('team-b'), 'payments-approval');
      expect(gate.spec.deniedVersions).toContain(NEXT);
      const rollout = await cluster!.kube.get(Kinds.Rollout, cluster!.ns('team-b'), 'payments');
      expect(rollout.status?.phase).toBe('Rejected');
      expect(rollout.status?.rejectedVersions).toContain(NEXT);
      expect(rollout.status?.currentVersion).toBe('v1.0.0');
    });

    it(CHECKS.yaml, () => passed(CHECKS.yaml));

    it(CHECKS.watch, () => passed(CHECKS.watch));

    it(CHECKS.deploy, async () => {
      passed(CHECKS.deploy);
      const rollout = await cluster!.kube.get(Kinds.Rollout, cluster!.ns('team-a'), 'checkout');
      // A one-shot deploy: the approved v1.1.0 follows it automatically, so look the entry up.
      const deployed = rollout.status?.history?.find(
        (e) => e.message === 'back to v1.0.0 for the editor test',
      );
      expect(deployed).toMatchObject({
        version: { tag: 'v1.0.0' },
        message: 'back to v1.0.0 for the editor test',
        triggeredBy: { kind: 'User' },
      });
    });

    it(CHECKS.panel, async () => {
      passed(CHECKS.panel);
      const gate = await cluster!.kube.get(Kinds.RolloutGate, cluster!.ns('team-b'), 'search-approval');
      expect(gate.spec.deniedVersions).toContain(NEXT);
    });

    it(CHECKS.rbac, async () => {
      passed(CHECKS.rbac);
      const gate = await cluster!.kube.get(Kinds.RolloutGate, cluster!.ns('team-a'), 'inventory-approval');
      expect(gate.spec.allowedVersions ?? []).toEqual([]);
    });

    it(CHECKS.lateSetting, () => passed(CHECKS.lateSetting));

    it('the host run ends with exit code 0', () => {
      expect(exitCode, hostLog.join('\n')).toBe(0);
    });
  },
);
