// `npm run bench -- [sandbox|engine|cli|extension|controller …]`: runs the named benchmarks (all by
// default) one after another and prints each one's results. Benchmarks compare against a baseline
// measured in the same run; they never run inside `npm test`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const known = ['sandbox', 'engine', 'cli', 'extension', 'controller'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = asked.length > 0 ? asked : known.filter((n) => existsSync(join(here, `${n}.ts`)));

let failed = false;
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`no benchmark named "${name}" (known: ${known.join(', ')})`);
    failed = true;
    continue;
  }
  console.log(`\n# bench ${name}`);
  const mod = (await import(pathToFileURL(file).href)) as { run?: () => Promise<unknown> };
  if (typeof mod.run !== 'function') {
    console.error(`bench/${name}.ts exports no run()`);
    failed = true;
    continue;
  }
  const result = await mod.run();
  console.log(JSON.stringify({ bench: name, ...(result as object) }, null, 2));
}
process.exitCode = failed ? 1 : 0;
