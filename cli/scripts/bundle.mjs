// One ESM file for every command: ~2x faster cold start than loading node_modules file by file.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// client-node declares no "sideEffects", so esbuild keeps all of its generated API (~1 MB) although
// core uses only KubeConfig. Its modules only declare classes and functions: let esbuild drop the rest.
const CLIENT_NODE = /[\\/]@kubernetes[\\/]client-node[\\/]/;
const clientNodeIsPure = {
  name: 'client-node-is-pure',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.pure) return undefined;
      if (!CLIENT_NODE.test(args.importer) && !args.path.startsWith('@kubernetes/client-node'))
        return undefined;
      const { kind, resolveDir, importer } = args;
      const r = await b.resolve(args.path, { kind, resolveDir, importer, pluginData: { pure: true } });
      if (r.errors.length > 0 || !CLIENT_NODE.test(r.path)) return undefined;
      return { path: r.path, namespace: r.namespace, sideEffects: false };
    });
  },
};
// Chunk names are content hashes: start clean so stale chunks never ship.
await rm(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    complete: 'src/complete-entry.ts',
    // bin/run.js tries this first for `get` and `why` (no oclif Config.load; docs/cli-startup.md)
    'fast-command': 'src/fast/command.ts',
    // and this for help requests (oclif's help text, cached per inputs)
    'fast-help': 'src/fast/help.ts',
    'hooks/not-found': 'src/hooks/not-found.ts',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: true,
  conditions: ['@kuberik/source'],
  // @oclif/core is bundled: resolving its ~60 CommonJS files one by one cost more than the rest of
  // start-up. The help plugin stays a package that oclif finds through its manifest and loads only
  // for `kubectl kuberik help`; typescript is oclif's development mode only, required in a try.
  external: ['@oclif/plugin-help', 'typescript'],
  alias: { 'react-devtools-core': './build-stubs/react-devtools-core.js' },
  define: { 'process.env.DEV': '"false"' },
  banner: {
    js: "import { createRequire as __kuberikCreateRequire } from 'node:module'; const require = __kuberikCreateRequire(import.meta.url);",
  },
  plugins: [clientNodeIsPure],
  logLevel: 'warning',
});
