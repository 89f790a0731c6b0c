// One ESM bundle (code-split) for every command: ~2x faster cold start than loading node_modules file by file;
// and one CommonJS file per fast path.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
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
await rm(new URL('../dist/fast-path', import.meta.url), { recursive: true, force: true });
const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  conditions: ['@kuberik/source'],
  alias: { 'react-devtools-core': './build-stubs/react-devtools-core.js' },
  define: { 'process.env.DEV': '"false"' },
  logLevel: 'warning',
};
await build({
  ...shared,
  entryPoints: {
    index: 'src/index.ts',
    // bin/run.js tries this first for help requests (oclif's help text, cached per inputs)
    'fast-help': 'src/fast/help.ts',
    'hooks/not-found': 'src/hooks/not-found.ts',
  },
  outdir: 'dist/bundle',
  splitting: true,
  format: 'esm',
  sourcemap: true,
  // @oclif/core is bundled: resolving its ~60 CommonJS files one by one cost more than the rest of
  // start-up. The help plugin stays a package that oclif finds through its manifest and loads only
  // for `kubectl kuberik help`; typescript is oclif's development mode only, required in a try.
  external: ['@oclif/plugin-help', 'typescript'],
  banner: {
    js: "import { createRequire as __kuberikCreateRequire } from 'node:module'; const require = __kuberikCreateRequire(import.meta.url);",
  },
  plugins: [clientNodeIsPure],
});

// The fast paths (bin/run.js for get/list and why, bin/complete.js): one CommonJS file each, so a start
// loads one module, not Node's ESM loader and ~15 chunks, and runs it with a V8 code cache
// (src/fast/code-cache.ts, docs/cli-startup.md). Dynamic imports become lazily evaluated parts of
// the same file (require, not import(): the file runs through vm.Script).
const fast = {
  ...shared,
  outdir: 'dist/fast-path',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  supported: { 'dynamic-import': false },
  // as above: oclif's help module (which its parser pulls in) requires typescript in a try
  external: ['typescript'],
  metafile: process.env.BUNDLE_METAFILE === '1',
};
// client-node (~0.5 MB, for exec and auth-provider users only) stays a file of its own beside them.
const clientNodeApart = {
  name: 'client-node-apart',
  setup(b) {
    b.onResolve({ filter: /[\\/]client-node\.js$/ }, (args) =>
      /[\\/]core[\\/]src[\\/]kube$/.test(args.resolveDir)
        ? { path: './client-node.cjs', external: true }
        : undefined,
    );
  },
};
// yaml (115 KB, only for -o yaml) is a file of its own too, so get and why do not read it at start.
const yamlApart = {
  name: 'yaml-apart',
  setup(b) {
    // sideEffects: false lets esbuild drop an import nobody uses (core's model index imports yaml
    // for its CRD files), so yaml.cjs is required only where -o yaml asks for it
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml.cjs', external: true, sideEffects: false }));
  },
};
const fastBuild = await build({
  ...fast,
  entryPoints: {
    'code-cache': 'src/fast/code-cache.ts',
    get: 'src/fast/get.ts',
    why: 'src/fast/why.ts',
    complete: 'src/complete-entry.ts',
  },
  plugins: [clientNodeApart, yamlApart],
});
if (fastBuild.metafile) await writeFile('dist/fast-path/meta.json', JSON.stringify(fastBuild.metafile));
await build({
  ...fast,
  entryPoints: { 'client-node': '../core/src/kube/client-node.ts', yaml: 'yaml' },
  plugins: [clientNodeIsPure],
});
