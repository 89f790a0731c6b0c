// Bundles the extension with esbuild: dist/extension.cjs (what VS Code loads at activation) plus two
// lazily required chunks, dist/core.cjs (@kuberik/core with client-node) and dist/yaml.cjs. Core is
// ~95% of the code; keeping it out of the activation file keeps activation cheap (bench/extension.ts).
// Usage: node scripts/build.mjs [outDir]   (also imported by test/e2e and bench/, so all build alike)
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Import specifier in src → chunk file next to extension.cjs. */
const CHUNKS = {
  './coreConnection.js': 'core.cjs',
  yaml: 'yaml.cjs',
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  conditions: ['@kuberik/source'],
  sourcemap: true,
  logLevel: 'warning',
  // Turn import() into require(): VS Code (1.95–1.100) loads extensions as CommonJS.
  supported: { 'dynamic-import': false },
};

/** The dynamic imports named in CHUNKS stay imports of the chunk files instead of being inlined. */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(b) {
    const filter = new RegExp(
      `^(${Object.keys(CHUNKS)
        .map((k) => k.replace(/[./]/g, '\\$&'))
        .join('|')})$`,
    );
    b.onResolve({ filter }, (args) =>
      args.kind === 'dynamic-import' ? { path: `./${CHUNKS[args.path]}`, external: true } : undefined,
    );
  },
};

export async function buildExtension(outDir = join(root, 'dist')) {
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'src/extension.ts')],
      outfile: join(outDir, 'extension.cjs'),
      plugins: [lazyChunks],
    }),
    build({
      ...common,
      entryPoints: [join(root, 'src/cluster/coreConnection.ts')],
      outfile: join(outDir, CHUNKS['./coreConnection.js']),
    }),
    build({
      ...common,
      stdin: { contents: "export { stringify } from 'yaml';", resolveDir: root, loader: 'js' },
      outfile: join(outDir, CHUNKS.yaml),
    }),
  ]);
  return join(outDir, 'extension.cjs');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildExtension(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
