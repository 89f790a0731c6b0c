// Mutation testing of a few engine files at a time, for a shared machine where a full run takes hours:
//   PART=small FILES="bake gates" npx stryker run scripts/stryker-part.config.mjs
//   PART=timeouts MUTATE="$(node scripts/mutation-report.mjs .cache/stryker/report.json --timeouts)" npx stryker run …
// Each part keeps its own incremental file and JSON report under .cache/stryker/parts/<PART>/;
// `node scripts/mutation-report.mjs .cache/stryker/parts/*/report.json` prints scores and survivors.
import base from '../stryker.config.mjs';

const part = process.env.PART;
const files = (process.env.FILES ?? '').split(/\s+/).filter(Boolean);
// Or exact ranges (`core/src/engine/x.ts:10-12`), e.g. from `mutation-report.mjs --timeouts`.
const ranges = (process.env.MUTATE ?? '').split(/\s+/).filter(Boolean);
if (!part || files.length + ranges.length === 0)
  throw new Error(
    'set PART (a name) and FILES (engine file names without .ts) or MUTATE (file:from-to ranges)',
  );
const dir = `.cache/stryker/parts/${part}`;

export default {
  ...base,
  mutate: [...files.map((f) => `core/src/engine/${f}.ts`), ...ranges],
  incrementalFile: `${dir}/incremental.json`,
  tempDirName: `.cache/stryker/tmp-${part}`,
  // Parts may run side by side: never copy another part's sandbox into this one.
  ignorePatterns: ['/.cache'],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `${dir}/report.json` },
};
