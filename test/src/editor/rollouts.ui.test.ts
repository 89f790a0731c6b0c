// Editor tier, end to end: a user in the real workbench (code-server 4.100.3 in headless Debian
// chromium) opens the Kuberik view, expands a rollout, clicks the inline Approve, confirms the reason
// box, and sees the new version go live. Ends with a screenshot in test/artifacts/ (git-ignored).
import { Kinds } from '@kuberik/core/kube';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionUnderTest, repoRoot } from '../../e2e/build-extension.js';
import { onRealBackend } from '../support/backend.js';
import {
  assertEditorTier,
  editorTierMissing,
  skipEditorTier,
  launchBrowser,
  startCodeServer,
  workbenchUrl,
  type Browser,
  type CodeServer,
} from '../../e2e/harness.js';
import { NEXT, startDemoCluster, type DemoCluster } from './support/demo-cluster.js';

const missing = editorTierMissing();
if (missing) console.warn(`\n${'!'.repeat(100)}\n${missing}\n${'!'.repeat(100)}\n`);

async function dismissToast(page: Page, text: string): Promise<void> {
  const toast = page.locator('.notification-toast').filter({ hasText: text });
  if (await toast.count())
    await toast
      .getByRole('button', { name: /Clear Notification/ })
      .click()
      .catch(() => undefined);
}
const SCREENSHOT = join(repoRoot, 'test/artifacts/extension-approve.png');
const PANEL_SCREENSHOT = join(repoRoot, 'test/artifacts/rollout-panel.png');

/** The webview document of the rollout panel titled `title` (webviews are nested iframes). */
async function panelFrame(page: Page, title: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const f of page.frames()) {
      const h1 = await f
        .locator('#root h1')
        .textContent({ timeout: 200 })
        .catch(() => null);
      if (h1 === title) return f;
    }
    if (Date.now() > deadline)
      throw new Error(`no rollout panel "${title}" among ${page.frames().length} frames`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(skipEditorTier(missing))(
  missing ?? 'Kuberik view in the real workbench (headless chromium)',
  () => {
    let dir: string;
    let cluster: DemoCluster | undefined;
    let cs: CodeServer | undefined;
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
      assertEditorTier(missing);
      dir = mkdtempSync(join(tmpdir(), 'kuberik-ui-'));
      cluster = await startDemoCluster(dir);
      const built = await buildExtensionUnderTest(dir);
      cs = await startCodeServer({
        settings: {
          'kuberik.kubeconfig': cluster.kubeconfigPath,
          'workbench.colorTheme': 'Default Dark Modern',
          // The real server is shared with other test files: show only ours (rollouts.host.test.ts).
          ...(onRealBackend ? { 'kuberik.namespaces': Object.values(cluster.namespaces) } : {}),
        },
        // Under heavy load the extension once activated before code-server delivered the user setting
        // and showed "no cluster" (see docs/extension-testing.md). This test is about the approve flow;
        // the setting's precedence is covered by rollouts.host.test.ts.
        env: { KUBECONFIG: cluster.kubeconfigPath },
      });
      browser = await launchBrowser();
      page = browser.page;
      await page.goto(workbenchUrl(cs, { extensionDevelopmentPath: built.extDir }));
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    }, 150_000);

    afterAll(async () => {
      await browser?.close();
      await cs?.stop();
      await cluster?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    it('open the view, expand a rollout, click the inline Approve: the version deploys', async () => {
      try {
        await approveThroughTheUi();
      } catch (e) {
        // What the user would have seen when it went wrong.
        mkdirSync(join(repoRoot, 'test/artifacts'), { recursive: true });
        await page.screenshot({ path: SCREENSHOT.replace('.png', '-failure.png') }).catch(() => undefined);
        throw e;
      }
    }, 150_000);

    it('click a rollout: its detail panel opens; its Approve button approves and the panel follows live', async () => {
      try {
        await approveInThePanel();
      } catch (e) {
        mkdirSync(join(repoRoot, 'test/artifacts'), { recursive: true });
        await page
          .screenshot({ path: PANEL_SCREENSHOT.replace('.png', '-failure.png') })
          .catch(() => undefined);
        throw e;
      }
    }, 150_000);

    async function approveInThePanel() {
      const payments = page.getByRole('treeitem').filter({ hasText: 'payments' }).first();
      await payments.locator('.monaco-tl-label, .label-name').first().click(); // the label, not the twistie
      const panel = await panelFrame(page, `${cluster!.ns('team-b')}/payments`);
      await panel.getByText('Next version').waitFor();
      const approve = panel.getByRole('button', { name: `Approve ${NEXT}` });
      await approve.waitFor();
      await dismissToast(page, 'approved on checkout-approval');
      mkdirSync(join(repoRoot, 'test/artifacts'), { recursive: true });
      await page.screenshot({ path: PANEL_SCREENSHOT });

      await approve.click(); // postMessage → the tree's Approve, which asks for a reason in the workbench
      const reason = page.locator('.quick-input-widget input');
      await reason.waitFor();
      await reason.fill('checked in the panel');
      await page.keyboard.press('Enter');
      await page
        .locator('.notifications-toasts')
        .getByText(`${NEXT} approved on payments-approval`)
        .waitFor({ timeout: 30_000 });
      // Live: the same panel, redrawn from the tree's driver.
      await expect
        .poll(() => panel.locator('header').textContent(), { timeout: 30_000 })
        .toMatch(new RegExp(`current\\s*${NEXT.replace(/\./g, '\\.')}`));
      expect(await panel.getByRole('button', { name: `Approve ${NEXT}` }).count()).toBe(0);
      const gate = await cluster!.kube.get(Kinds.RolloutGate, cluster!.ns('team-b'), 'payments-approval');
      expect(gate.spec.allowedVersions).toEqual([NEXT]);
      await page.screenshot({ path: PANEL_SCREENSHOT.replace('.png', '-approved.png') });
    }

    async function approveThroughTheUi() {
      await page.getByRole('tab', { name: 'Kuberik' }).click(); // the activity-bar entry (activates the extension)
      const row = (text: string) => page.getByRole('treeitem').filter({ hasText: text });
      const checkout = row('checkout');
      await checkout.waitFor({ timeout: 90_000 }); // first activation: extension host start + first list
      await expect.poll(() => checkout.textContent()).toContain('v1.0.0 → v1.1.0');
      await checkout.locator('.monaco-tl-twistie').click(); // expands it (a click on the label opens the panel)
      const pending = row('pending ·').first();
      await pending.waitFor();
      await expect.poll(() => pending.textContent()).toContain('pending · 0/1 approved');
      await row('Production approval').first().waitFor(); // the gate, shown under the pending version
      await dismissToast(page, 'temporarily disabled'); // the harness disables other extensions; not ours

      await pending.hover();
      await pending.getByRole('button', { name: 'Approve' }).click(); // inline action (view/item/context, group inline)
      const reason = page.locator('.quick-input-widget input');
      await reason.waitFor();
      await reason.fill('looks good on staging');
      await page.keyboard.press('Enter');

      const toast = page.locator('.notifications-toasts').getByText(`${NEXT} approved on checkout-approval`);
      await toast.waitFor({ timeout: 30_000 });
      await expect
        .poll(() => checkout.textContent(), { timeout: 30_000 })
        .toMatch(/checkout\s*v1\.1\.0 · succeeded$/);
      const gate = await cluster!.kube.get(Kinds.RolloutGate, cluster!.ns('team-a'), 'checkout-approval');
      expect(gate.spec.allowedVersions).toEqual([NEXT]);

      // For the screenshot: the other rollout still waiting, with its inline Approve/Deny.
      await row('payments').locator('.monaco-tl-twistie').click();
      await row('History').first().locator('.monaco-tl-twistie').click();
      await row('pending ·').first().hover();
      mkdirSync(join(repoRoot, 'test/artifacts'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
  },
);
