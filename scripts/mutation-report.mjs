// Per-file mutation scores and the surviving mutants from Stryker JSON reports:
//   node scripts/mutation-report.mjs .cache/stryker/report.json [more.json …] [--survivors] [--timeouts]
// A later report of a file with the same source overlays its mutants one by one (a re-test of a
// few mutants, e.g. the timeouts of a loaded run, updates just those); of changed source, it
// replaces the file. `--timeouts` prints the lines of the timed-out mutants as Stryker mutate
// ranges (`file:from-to`; every mutant on those lines is tested again).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const showSurvivors = args.includes('--survivors');
const showTimeouts = args.includes('--timeouts');
const sameMutant = (a, b) =>
  a.mutatorName === b.mutatorName &&
  a.replacement === b.replacement &&
  JSON.stringify(a.location) === JSON.stringify(b.location);
const files = {};
for (const path of args.filter((a) => !a.startsWith('--'))) {
  for (const [name, file] of Object.entries(JSON.parse(readFileSync(path, 'utf8')).files)) {
    const known = files[name];
    if (!known || known.source !== file.source) {
      files[name] = file;
      continue;
    }
    for (const m of file.mutants) {
      const i = known.mutants.findIndex((k) => sameMutant(k, m));
      if (i >= 0) known.mutants[i] = m;
      else known.mutants.push(m);
    }
  }
}

if (showTimeouts) {
  for (const [name, file] of Object.entries(files))
    for (const m of file.mutants.filter((x) => x.status === 'Timeout')) {
      const { start, end } = m.location;
      console.log(`${name}:${start.line}-${end.line}`);
    }
  process.exit(0);
}

const STATES = ['Killed', 'Survived', 'Timeout', 'NoCoverage'];
const total = Object.fromEntries(STATES.map((s) => [s, 0]));
const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`;
};
console.log(['file', 'mutants', ...STATES.map((s) => s.toLowerCase()), 'score'].join('\t'));
for (const [name, file] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const c = Object.fromEntries(STATES.map((s) => [s, 0]));
  for (const m of file.mutants) if (m.status in c) c[m.status] += 1;
  for (const s of STATES) total[s] += c[s];
  console.log([name, file.mutants.length, ...STATES.map((s) => c[s]), score(c)].join('\t'));
}
console.log(['total', '', ...STATES.map((s) => total[s]), score(total)].join('\t'));

if (showSurvivors) {
  for (const [name, file] of Object.entries(files)) {
    const lines = file.source.split('\n');
    for (const m of file.mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const { start, end } = m.location;
      const text = lines[start.line - 1].slice(
        start.column - 1,
        start.line === end.line ? end.column - 1 : undefined,
      );
      console.log(
        `${name}:${start.line}:${start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(text)} → ${JSON.stringify(m.replacement ?? '')}`,
      );
    }
  }
}
