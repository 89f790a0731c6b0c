// Writes dist/bundle/completion-spec.json: the commands, flags and args completion needs, taken from
// oclif's own command list (manifest and plugins) once at build time, so bin/complete.js answers a
// TAB without loading oclif.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { Config, commandSpecs } = await import(new URL('../dist/bundle/index.js', import.meta.url).href);
const config = await Config.load(root);
await writeFile(
  new URL('../dist/bundle/completion-spec.json', import.meta.url),
  `${JSON.stringify(commandSpecs(config.commands))}\n`,
);
