// Writes config/crd/ from the CRDs defined in core/src/model (the one source of truth).
//   npm run gen:crds              regenerate the files
//   npm run gen:crds -- --check   exit 1 and name every file that differs from the source
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_CONDITION = '@kuberik/source';

// @kuberik/core resolves to its TypeScript sources only under the `@kuberik/source` condition;
// without it Node would load a possibly stale dist/. Re-run ourselves with the condition set.
if (!process.execArgv.some((arg) => arg.includes(SOURCE_CONDITION))) {
  const child = spawnSync(
    process.execPath,
    [
      `--conditions=${SOURCE_CONDITION}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

const { crdManifestFiles } = await import('@kuberik/core/model');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'config', 'crd');
const check = process.argv.includes('--check');

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [relative(root, full).split(sep).join('/')];
  });
}

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const wanted = crdManifestFiles();
const wantedPaths = new Set(wanted.map((file) => file.path));
const stale = listFiles(root).filter((path) => !wantedPaths.has(path));

if (check) {
  const drifting = [
    ...wanted
      .filter((file) => readOrNull(join(root, file.path)) !== file.content)
      .map((file) => `config/crd/${file.path} differs from core/src/model`),
    ...stale.map((path) => `config/crd/${path} is not generated from core/src/model`),
  ];
  if (drifting.length > 0) {
    console.error(drifting.join('\n'));
    console.error('Run `npm run gen:crds` to regenerate config/crd/.');
    process.exit(1);
  }
  console.log(`config/crd/ is up to date (${wanted.length} files).`);
} else {
  for (const path of stale) rmSync(join(root, path));
  for (const file of wanted) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    if (readOrNull(target) !== file.content) writeFileSync(target, file.content);
  }
  console.log(`wrote ${wanted.length} files to config/crd/`);
}
