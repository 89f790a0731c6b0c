// Mutation testing of a few engine files at a time, for a shared machine where a full run takes hours:
//   PART=small FILES="bake gates" npx stryker run scripts/stryker-part.config.mjs
// Each part keeps its own incremental file and JSON report under .cache/stryker/parts/<PART>/;
// `node scripts/mutation-report.mjs .cache/stryker/parts/*/report.json` prints scores and survivors.
import base from '../stryker.config.mjs';

const part = process.env.PART;
const files = (process.env.FILES ?? '').split(/\s+/).filter(Boolean);
if (!part || files.length === 0)
  throw new Error('set PART (a name) and FILES (engine file names without .ts)');
const dir = `.cache/stryker/parts/${part}`;

export default {
  ...base,
  mutate: files.map((f) => `core/src/engine/${f}.ts`),
  incrementalFile: `${dir}/incremental.json`,
  tempDirName: `.cache/stryker/tmp-${part}`,
  // Parts may run side by side: never copy another part's sandbox into this one.
  ignorePatterns: ['/.cache'],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `${dir}/report.json` },
};
