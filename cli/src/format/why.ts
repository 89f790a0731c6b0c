// `why ROLLOUT [VERSION]`: one causal chain from "is it known?" to "what holds it now", ending with
// the exact command that would unblock it. Walks the spec's lifecycle in order (spec §3), so the
// first reason found is the one that actually blocks.
import type { WhyAnswer } from '@kuberik/core/present';

export {
  explainWhy,
  gateDecisionFor,
  whyOneLine,
  type WhyAnswer,
  type WhyState,
} from '@kuberik/core/present';

const FORCE_DEPLOY = /^kubectl kuberik deploy \S+ \S+( -n \S+)?$/;

/** Does the answer suggest a force-deploy (which the engine may refuse)? */
export const suggestsDeploy = (a: WhyAnswer): boolean => a.commands.some((c) => FORCE_DEPLOY.test(c));

/**
 * `why` never suggests a deploy that cannot work: given the engine's refusal of a force-deploy of
 * the version (core previewRefusal), the suggestion goes and the reason joins the chain.
 */
export function withoutRefusedDeploy(a: WhyAnswer, refusal: string | undefined): WhyAnswer {
  if (!refusal || !suggestsDeploy(a)) return a;
  const why = refusal.replace(/^Force deploy of \S+ refused: /, '');
  return {
    ...a,
    chain: [...a.chain, `A deploy of ${a.version} now would be refused: ${why}.`],
    commands: a.commands.filter((c) => !FORCE_DEPLOY.test(c)),
  };
}

export function renderWhy(a: WhyAnswer): string {
  const head = a.version ? `${a.version} of ${a.rollout}` : a.rollout;
  const lines = [`${head}:`, ...a.chain.map((c) => (c.startsWith('  ') ? `    ${c.trim()}` : `  → ${c}`))];
  for (const n of a.notes) lines.push(`  ! ${n}`);
  if (a.commands.length) {
    const first = a.state === 'undriven' ? 'Start a driver first:' : 'To unblock it:';
    lines.push('', a.commands.length === 1 ? first : 'To unblock it, run one of:');
    lines.push(...a.commands.map((c) => `  ${c}`));
  }
  return lines.join('\n');
}
