// bin/complete.js (`kubectl_complete-kuberik`, run by kubectl on every TAB): answers from the
// command specs written at build time (scripts/completion-spec.mjs, from oclif's own command list),
// so a TAB never loads oclif or discovers plugins. Same answer as the `__complete` command.
// Bundled alone as dist/fast-path/complete.cjs (scripts/bundle.mjs); the bin says where the specs are.
// readFileSync: node:fs/promises would load Node's fs streams and readline interface on every TAB
import { readFileSync } from 'node:fs';
import type { CommandSpec } from './format/complete.js';
import { completionAnswer } from './services/completion-answer.js';

export async function complete(words: string[], specFile: string): Promise<void> {
  let specs: CommandSpec[] = [];
  try {
    specs = JSON.parse(readFileSync(specFile, 'utf8')) as CommandSpec[];
  } catch {
    // no spec (a broken install): answer with no candidates rather than an error in the prompt
  }
  process.stdout.write(await completionAnswer(words, specs));
}
