// What blocks a version (`why ROLLOUT [VERSION]`, the TUI, the extension's tree and tooltip): one causal chain from "is it known?" to "what holds it now", ending with
// the exact command that would unblock it. Walks the spec's lifecycle in order (spec §3), so the
// first reason found is the one that actually blocks.
import { leaseName, type GateDecision, type RolloutGate } from '../model/index.js';
import { watchCommand } from './driver.js';
import type { SnapshotLike } from './snapshot.js';
import { ageOf, formatDuration } from './duration.js';
import { gateLabel, rolloutFacts, type RolloutView } from './rollout.js';

export type WhyState =
  | 'live'
  | 'unknown-version'
  | 'older'
  | 'pinned-elsewhere'
  | 'rejected'
  | 'failed'
  | 'skipped'
  | 'waiting-for-bake'
  | 'blocked-by-failure'
  | 'unhealthy'
  | 'gates'
  | 'undriven'
  | 'next'
  | 'invalid-spec'
  | 'no-releases'
  | 'cannot-deploy';

export interface WhyAnswer {
  rollout: string;
  namespace: string;
  version?: string;
  state: WhyState;
  /** The causal chain, first cause first; each line a full sentence. */
  chain: string[];
  /** Commands that would unblock it, best first (kubectl kuberik …). */
  commands: string[];
  /** What does not block but weakens the verification (a bake that cannot see the workloads). */
  notes: string[];
  /** With state 'undriven': what the last recorded status says (the state it would have). */
  recorded?: WhyState;
  /**
   * The chain in a few words, for a table row, the TUI header and the extension's tree
   * ("awaiting approval", "blocked by a failed bake"). Of the recorded status: who drives is shown apart.
   */
  short: string;
}

const SHORT: Record<WhyState, string> = {
  live: 'live',
  'unknown-version': 'not published',
  older: 'older than the live version',
  'pinned-elsewhere': 'pinned to another version',
  rejected: 'rejected',
  failed: 'bake failed',
  skipped: 'skipped for a newer version',
  'waiting-for-bake': 'waiting for the current bake',
  'blocked-by-failure': 'blocked by a failed bake',
  unhealthy: 'blocked: environment unhealthy',
  gates: 'waiting for gates',
  undriven: 'not driven',
  next: 'deploys next',
  'invalid-spec': 'blocked: invalid spec',
  'no-releases': 'releases cannot be read',
  'cannot-deploy': 'blocked: cannot deploy',
};

/** Spec §2.2: the decision of one RolloutGate for one version. */
export function gateDecisionFor(gate: RolloutGate, version: string): GateDecision {
  const s = gate.spec;
  if (s.deniedVersions?.includes(version)) return 'Denied';
  if (s.passing === false) return 'Pending';
  if (s.allowedVersions) return s.allowedVersions.includes(version) ? 'Approved' : 'Pending';
  return s.passing === true ? 'Approved' : 'Pending';
}

const cmd = (v: RolloutView, rest: string) =>
  `kubectl kuberik ${rest.replace('{r}', v.name)}${v.namespace !== 'default' ? ` -n ${v.namespace}` : ''}`;

/**
 * Nothing reconciles a rollout without a lease holder, so that is the first cause whatever its
 * status says (status is then stale: an ImagePolicy may have published versions it does not list).
 */
export function explainWhy(snap: SnapshotLike, now: Date, version?: string): WhyAnswer {
  const inner = whatBlocks(snap, now, version);
  if (snap.lease.driving || snap.lease.holder) return inner;
  const ns = snap.key.namespace;
  return {
    ...inner,
    state: 'undriven',
    recorded: inner.state,
    chain: [
      `nothing drives ${inner.rollout}: no watch or controller holds its lease (${leaseName(inner.rollout)}), so nothing is deployed and its status is not updated.`,
      `Its last recorded status says:`,
      ...inner.chain.map((c) => `  ${c.trim()}`),
    ],
    commands: [watchCommand(inner.rollout, ns), ...inner.commands],
  };
}

type Answer = (state: WhyState, chain: string[], commands?: string[], short?: string) => WhyAnswer;

/** What one `whatBlocks` question knows; each step below answers it or passes it on. */
interface Ask {
  snap: SnapshotLike;
  now: Date;
  v: RolloutView;
  /** The published tags, oldest first. */
  tags: string[];
  target: string;
  /** Why releases cannot be read, as a sentence, if they cannot. */
  source?: string;
  answer: Answer;
}

/**
 * What the recorded status says blocks `version` (default: the pending one), whoever drives it:
 * the tree, its tooltip and the TUI header show this next to who drives. `v` saves re-deriving
 * facts the caller already has.
 */
export function whatBlocks(
  snap: SnapshotLike,
  now: Date,
  version?: string,
  v: RolloutView = rolloutFacts(snap, now),
): WhyAnswer {
  const st = snap.rollout.status ?? {};
  const tags = (st.availableReleases ?? []).map((r) => r.tag);
  const target = version ?? v.pending;
  const answer: Answer = (state, chain, commands = [], short = SHORT[state]) => ({
    rollout: v.name,
    namespace: v.namespace,
    version: target,
    state,
    chain,
    commands,
    notes: v.warning ? [`the bake cannot see the workloads: ${v.warning}.`] : [],
    short,
  });

  // Problems that stop everything come first, each named for what it is (issue 11 point 7).
  const condition = (type: string) => st.conditions?.find((c) => c.type === type && c.status === 'False');
  const invalid = condition('Ready');
  if (invalid?.reason === 'InvalidSpec') {
    return answer(
      'invalid-spec',
      [`the rollout's spec is invalid, so nothing is deployed until it is fixed: ${invalid.message}.`],
      [`kubectl edit rollout ${v.name}${v.namespace !== 'default' ? ` -n ${v.namespace}` : ''}`],
    );
  }
  const releases = condition('ReleasesUpdated');
  const source = releases ? `releases cannot be read: ${releases.message}.` : undefined;
  if (!target) return nothingPending(v, tags, source, answer);
  const ask: Ask = { snap, now, v, tags, target, answer, ...(source ? { source } : {}) };
  if (target === v.current) return liveTarget(ask);
  return notACandidate(ask) ?? behindPending(ask) ?? whatHoldsPending(ask);
}

/** No version asked about and none pending: why nothing moves. */
function nothingPending(
  v: RolloutView,
  tags: string[],
  source: string | undefined,
  answer: Answer,
): WhyAnswer {
  if (source && !tags.length) return answer('no-releases', [source]);
  const h0 = v.history[0];
  if (h0?.result === 'Failed' && h0.version === v.current) {
    return answer(
      'failed',
      [
        `${v.current} failed its bake${h0.message ? ` (${h0.message})` : ''}; automation waits until someone acts.`,
      ],
      [cmd(v, 'retry {r}'), cmd(v, 'rollback {r}')],
    );
  }
  const newest = tags.at(-1);
  if (newest && newest !== v.current && v.rejected.includes(newest)) {
    return answer(
      'rejected',
      [`${newest}, the newest release, was rejected; rejected versions are never deployed automatically.`],
      [cmd(v, `deploy {r} ${newest}`)],
    );
  }
  const live = v.current ? `${v.current} is live` : 'nothing is deployed yet';
  const drift = v.pinned ? `; the rollout is pinned to ${v.pinned}` : '';
  return answer(
    v.current ? 'live' : 'unknown-version',
    [
      `${live} and no newer version is waiting${drift}.`,
      ...(source ? [source] : tags.length ? [] : ['The ImagePolicy has published no version yet.']),
    ],
    v.pinned ? [cmd(v, 'unpin {r}')] : [],
  );
}

/** The version asked about is the live one: how its bake goes. */
function liveTarget({ now, v, target, answer }: Ask): WhyAnswer {
  const h = v.history[0];
  const bake =
    v.bake.state === 'baking'
      ? `, baking (${formatDuration(v.bake.elapsedMs)}${v.bake.totalMs ? ` of ${formatDuration(v.bake.totalMs)}` : ''})`
      : v.bake.state === 'deploying'
        ? ', waiting for health checks before the bake starts'
        : v.bake.state === 'failed'
          ? `, but its bake failed${v.bake.message ? `: ${v.bake.message}` : ''}`
          : '';
  const chain = [`${target} is live: deployed ${ageOf(h?.at, now) || '0s'} ago${bake}.`];
  if (v.recovery) {
    chain.push(`${v.recovery.text[0]!.toUpperCase()}${v.recovery.text.slice(1)}.`);
    const back = v.recovery.rollbackTo ? ` --to ${v.recovery.rollbackTo}` : '';
    return answer('live', chain, [cmd(v, `rollback {r}${back}`)]);
  }
  return v.bake.state === 'failed'
    ? answer('failed', chain, [cmd(v, 'retry {r}'), cmd(v, 'rollback {r}')])
    : answer('live', chain);
}

/** Versions automation never picks: unpublished, pinned away from, rejected, failed, older. */
function notACandidate(ask: Ask): WhyAnswer | undefined {
  const { now, v, tags, target, source, answer } = ask;
  const inHistory = v.history.find((h) => h.version === target);
  if (!tags.includes(target) && !inHistory) {
    return answer('unknown-version', [
      `${target} is not among the versions the ImagePolicy published for ${v.name}` +
        (tags.length ? ` (${tags.slice(-5).join(', ')}).` : ' (none yet).'),
      ...(source ? [source] : []),
    ]);
  }
  if (v.pinned && v.pinned !== target) {
    return answer(
      'pinned-elsewhere',
      [
        `${v.name} is pinned to ${v.pinned} (spec.wantedVersion), so no other version is deployed automatically.`,
      ],
      [cmd(v, 'unpin {r}'), cmd(v, `deploy {r} ${target} --pin`)],
    );
  }
  if (v.rejected.includes(target)) return rejectedTarget(ask);
  if (inHistory?.result === 'Failed') {
    return answer(
      'failed',
      [
        `${target} failed its bake ${ageOf(inHistory.at, now)} ago${inHistory.message ? ` (${inHistory.message})` : ''}; failed versions are not deployed again automatically.`,
      ],
      [cmd(v, `deploy {r} ${target}`)],
    );
  }
  const currentIdx = v.current ? tags.indexOf(v.current) : -1;
  const targetIdx = tags.indexOf(target);
  if (inHistory || (currentIdx >= 0 && targetIdx >= 0 && targetIdx < currentIdx)) {
    return answer(
      'older',
      [`${target} is older than the live ${v.current}; only newer versions are candidates.`],
      [cmd(v, `rollback {r} --to ${target}`)],
    );
  }
  return undefined;
}

const labelOf = (g: RolloutGate): string =>
  gateLabel({ name: g.metadata.name, prettyName: g.metadata.annotations?.['gate.kuberik.com/pretty-name'] });

/** A rejected version, with the gate and the person who denied it when the status records them. */
function rejectedTarget({ snap, v, target, answer }: Ask): WhyAnswer {
  const denier = snap.gates.find((g) => g.spec.deniedVersions?.includes(target));
  const denial = denier ? v.verdicts[`${target}/${denier.metadata.name}`] : undefined;
  const who =
    denial?.verb === 'denied'
      ? ` by ${denial.by}${denial.at ? ` at ${denial.at}` : ''}${denial.reason ? ` (${denial.reason})` : ''}`
      : '';
  return answer(
    'rejected',
    [
      `${target} was rejected${denier ? ` on gate ${labelOf(denier)}${who}` : ''}; rejected versions are never deployed automatically.`,
    ],
    [cmd(v, `deploy {r} ${target}`)],
  );
}

/**
 * A candidate other than the pending one. Spec §10.1: the pending version is the newest one every
 * gate's lists allow, so a newer candidate can wait behind an older pending one; name the lists
 * that keep it out. An older candidate is skipped for the pending one.
 */
function behindPending({ snap, v, tags, target, answer }: Ask): WhyAnswer | undefined {
  if (!v.pending || v.pending === target) return undefined;
  const pendingIdx = tags.indexOf(v.pending);
  if (pendingIdx >= 0 && tags.indexOf(target) > pendingIdx) {
    const excluding = snap.gates.filter(
      (g) =>
        g.spec.deniedVersions?.includes(target) ||
        (Array.isArray(g.spec.allowedVersions) && !g.spec.allowedVersions.includes(target)),
    );
    const names = excluding.map(labelOf);
    const approvable = excluding.filter((g) => !g.spec.deniedVersions?.includes(target));
    return answer(
      'gates',
      [
        `${target} is not allowed by ${names.length ? `gate ${names.join(', ')}` : 'the gates'}; ${v.pending}, the newest version every gate allows, goes first.`,
      ],
      [
        ...(approvable.length === 1
          ? [cmd(v, `approve {r} ${target} --gate ${approvable[0]!.metadata.name}`)]
          : []),
        cmd(v, `deploy {r} ${target} --bypass-gates`),
      ],
    );
  }
  return answer(
    'skipped',
    [`${target} is skipped: the newer ${v.pending} is the pending version and goes out instead.`],
    [cmd(v, `deploy {r} ${target}`)],
  );
}

/** The pending version: the bake before it, then its gates, then the environment's health. */
function whatHoldsPending(ask: Ask): WhyAnswer {
  const { v, target, answer } = ask;
  if (v.bake.state === 'deploying' || v.bake.state === 'baking') {
    const rest =
      v.bake.remainingMs !== undefined ? ` (${formatDuration(v.bake.remainingMs)} of bake remaining)` : '';
    return answer(
      'waiting-for-bake',
      [
        `${target} waits for ${v.current} to finish its ${v.bake.state === 'baking' ? 'bake' : 'deploy'}${rest}; one version goes out at a time.`,
      ],
      [cmd(v, `deploy {r} ${target}`)],
    );
  }
  if (v.bake.state === 'failed') {
    return answer(
      'blocked-by-failure',
      [
        `${v.current} failed its bake${v.bake.message ? ` (${v.bake.message})` : ''}, which pauses automation until someone acts.`,
      ],
      [cmd(v, 'retry {r}'), cmd(v, `deploy {r} ${target}`)],
    );
  }
  return gatesHolding(ask) ?? healthHolding(ask);
}

function gatesHolding({ v, target, answer }: Ask): WhyAnswer | undefined {
  const holding = v.gates.filter((g) => g.decision !== 'Approved');
  if (holding.length === 0) return undefined;
  const chain = holding.map((g) => {
    if (g.kind !== 'RolloutGate')
      return `schedule ${g.label} is closed${g.schedule ? ` (${g.schedule})` : ''}: ${g.message}`;
    if (g.decision === 'Denied')
      return `gate ${g.label} denies ${target}${g.by ? ` (denied by ${g.by})` : ''}.`;
    return g.closed
      ? `gate ${g.label} is closed (spec.passing: false); an approval cannot open it — its owner sets passing: true.`
      : `gate ${g.label} awaits approval of ${target}.`;
  });
  const approvals = holding.filter((g) => g.approvable && g.decision === 'Pending');
  const commands = approvals.length
    ? [cmd(v, `approve {r} ${target}${approvals.length === 1 ? ` --gate ${approvals[0]!.name}` : ''}`)]
    : [];
  commands.push(cmd(v, `deploy {r} ${target}`));
  return answer(
    'gates',
    [`${target} is waiting for gates:`, ...chain.map((c) => `  ${c}`)],
    commands,
    approvals.length ? 'awaiting approval' : 'waiting for gates',
  );
}

function healthHolding({ v, target, answer }: Ask): WhyAnswer {
  const unhealthy = v.health.filter((h) => h.status === 'Unhealthy');
  if (unhealthy.length === 0 && v.phase === 'Blocked') {
    return answer('cannot-deploy', [`${target} cannot be deployed${v.problem ? `: ${v.problem}` : ''}.`]);
  }
  if (unhealthy.length > 0) {
    const list = unhealthy.map((h) => `${h.label}${h.message ? `: ${h.message}` : ''}`).join('; ');
    return answer(
      'unhealthy',
      [
        `the environment is unhealthy${list ? ` (${list})` : v.problem ? ` (${v.problem})` : ''}; new versions never land on an active incident.`,
      ],
      [cmd(v, `deploy {r} ${target}`)],
    );
  }
  return answer('next', [
    `nothing blocks ${target}; ${v.holder ?? 'the driver'} deploys it on its next reconcile.`,
  ]);
}

/** The chain as one line, for error messages (a heading line takes its first sub-reason along). */
export function whyOneLine(a: WhyAnswer): string {
  const [head, next] = a.chain;
  if (!head) return '';
  return head.endsWith(':') && next ? `${head.slice(0, -1)}: ${next.trim()}` : head;
}
