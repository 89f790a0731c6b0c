// Builds what code-server loads: the extension exactly as `npm run build -w extension` bundles it
// (extension/scripts/build.mjs), in a temp folder with its package.json and icon, plus the in-host
// test scripts. Building here keeps the tests independent of a stale extension/dist.
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { buildExtension } from '../../extension/scripts/build.mjs';

export const repoRoot = resolve(import.meta.dirname, '../..');
const extensionRoot = join(repoRoot, 'extension');

export async function buildExtensionUnderTest(
  outDir: string,
  hostScripts: string[] = [],
): Promise<{ extDir: string; host: Record<string, string> }> {
  const extDir = join(outDir, 'kuberik-vscode');
  mkdirSync(extDir, { recursive: true });
  cpSync(join(extensionRoot, 'package.json'), join(extDir, 'package.json'));
  cpSync(join(extensionRoot, 'media'), join(extDir, 'media'), { recursive: true });
  await buildExtension(join(extDir, 'dist'));
  const host: Record<string, string> = {};
  for (const script of hostScripts) {
    const name = script.replace(/^.*\//, '').replace(/\.ts$/, '');
    host[name] = join(outDir, 'host', `${name}.cjs`);
    await build({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'warning',
      entryPoints: [script],
      outfile: host[name],
    });
  }
  return { extDir, host };
}
