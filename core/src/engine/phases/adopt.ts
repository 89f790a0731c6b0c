// Adopt (§5) and resume (the intent record, docs/intent-record.md): take over the version that
// already runs instead of redeploying it, and re-apply a recorded deploy whose patch did not land.
import { ociResumePatches, ociRunning } from '../oci.js';
import { isValidTag } from '../discovery.js';
import { resumePatches, runningVersion } from '../deploy.js';
import { SYSTEM_ACTOR } from '../history.js';
import { ADOPTED } from '../outcome.js';
import { RESUMABLE, withEvents, type PassContext, type PassState } from './pass.js';

/** With no history yet, the version the targets run becomes history[0], Succeeded. */
export function adopt(ctx: PassContext, state: PassState): PassState {
  if (ctx.invalid || state.history.length > 0) return state;
  const running = runningVersion(ctx.targets.targets) ?? ociRunning(ctx.oci);
  if (running === undefined || !isValidTag(running)) return state;
  const version = state.availableReleases.find((v) => v.tag === running) ?? { tag: running };
  return withEvents(
    {
      ...state,
      availableReleases: [version, ...state.availableReleases.filter((v) => v.tag !== running)],
      history: [
        {
          id: 1,
          version,
          timestamp: ctx.nowText,
          message: ADOPTED,
          triggeredBy: { kind: 'System', name: SYSTEM_ACTOR },
          bakeStatus: 'Succeeded',
          bakeStatusMessage: ADOPTED,
        },
      ],
    },
    { type: 'Normal', reason: 'Adopted', message: `Adopted running version ${running}` },
  );
}

/**
 * The status names history[0] as deployed, but a target does not run it (the driver writes the
 * status first, then patches). Patch again; verify then treats those Kustomizations as one
 * generation ahead, exactly as at the deploy itself, so a stale Ready starts no bake.
 */
export function resume(ctx: PassContext, state: PassState): PassState {
  const h0 = state.history[0];
  if (ctx.invalid || !h0 || !RESUMABLE.has(h0.bakeStatus ?? '') || h0.message === ADOPTED) return state;
  const previous = state.history[1]?.version.tag;
  const patches = [
    ...resumePatches(ctx.targets.targets, h0.version.tag, previous),
    ...ociResumePatches(ctx.oci, h0.version.tag, previous),
  ];
  return { ...state, patches };
}
