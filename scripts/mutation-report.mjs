// Per-file mutation scores and the surviving mutants from Stryker JSON reports (later reports win):
//   node scripts/mutation-report.mjs .cache/stryker/report.json [more.json …] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const showSurvivors = args.includes('--survivors');
const files = {};
for (const path of args.filter((a) => !a.startsWith('--'))) {
  Object.assign(files, JSON.parse(readFileSync(path, 'utf8')).files);
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
