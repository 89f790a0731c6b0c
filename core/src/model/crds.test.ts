import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crdManifestFiles, CRD_HEADER } from './crd-files.js';
import { allCrds, fluxCrds, kuberikCrds } from './crds.js';

const root = fileURLToPath(new URL('../../../config/crd/', import.meta.url));

function committedFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? committedFiles(join(dir, entry.name))
      : [relative(root, join(dir, entry.name)).split(sep).join('/')],
  );
}

describe('config/crd', () => {
  const wanted = crdManifestFiles();

  it('holds exactly the generated files (run `npm run gen:crds` after changing core/src/model)', () => {
    expect(committedFiles().sort()).toEqual(wanted.map((f) => f.path).sort());
  });

  it.each(wanted.map((f) => [f.path, f] as const))('%s matches core/src/model', (path, file) => {
    const committed = readFileSync(join(root, path), 'utf8');
    expect(committed, `config/crd/${path} drifted: run npm run gen:crds`).toBe(file.content);
  });

  it('round-trips: every manifest parses back to the CRD it was rendered from', () => {
    for (const crd of allCrds()) {
      const file = wanted.find((f) => f.path.endsWith(`${crd.metadata.name}.yaml`));
      expect(file?.content.startsWith(CRD_HEADER)).toBe(true);
      expect(parse(file?.content ?? '')).toEqual(crd);
    }
  });

  it('lists our five kinds in the Kustomization file and keeps the Flux stand-ins apart', () => {
    const k = parse(wanted.find((f) => f.path === 'Kustomization')?.content ?? '');
    expect(k.resources).toEqual(kuberikCrds().map((c) => `${c.metadata.name}.yaml`));
    expect(k.resources).toHaveLength(5);
    expect(fluxCrds().map((c) => c.metadata.name)).toEqual([
      'imagepolicies.image.toolkit.fluxcd.io',
      'imagerepositories.image.toolkit.fluxcd.io',
      'kustomizations.kustomize.toolkit.fluxcd.io',
      'ocirepositories.source.toolkit.fluxcd.io',
    ]);
  });
});
