// Actions report what happened, not what was asked (issue 11 point 1, spec §10.10): core refuses up
// front what the engine would refuse (WouldBeRefused); after writing, the command waits briefly for
// whoever drives the rollout and reports the outcome.
import type { RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import { leaseName, type Rollout } from '@kuberik/core/model';
import { CliError } from '../lib/cli-error.js';
import { ExitCode } from '../lib/exit-codes.js';
import type { Observation } from './rollouts.js';

export type Outcome =
  /** The driver acted: the line says what it did. */
  | { state: 'done'; line: string }
  /** No live lease holder: the request waits for a controller or a `watch`. */
  | { state: 'undriven'; line: string }
  /** A driver is there but did not act within the wait. */
  | { state: 'pending'; line: string };

/** What to wait for after the write, given the rollout as it was before it. */
export interface Expectation {
  /** One phrase for the request ("deploy of v1.0.0"). */
  what: string;
  /** The outcome line once the driver acted, or undefined while it has not. */
  acted(now: Rollout, before: Rollout): string | undefined;
  /** A refusal the driver recorded (the request is gone and nothing happened). */
  refused?(now: Rollout, before: Rollout): string | undefined;
}

/**
 * Whether `r` was written after `written` (the rollout read right after our write). resourceVersions
 * are opaque, but every API server we meet (etcd, the sandbox) hands out increasing integers; with
 * anything else only an object that still shows the request counts as "after".
 */
function after(r: Rollout, written: Rollout): boolean {
  const a = r.metadata.resourceVersion ?? '';
  const b = written.metadata.resourceVersion ?? '';
  if (a === b) return true;
  return /^\d+$/.test(a) && /^\d+$/.test(b) && BigInt(a) > BigInt(b);
}

/**
 * Waits up to `waitMs` for the driver to act on the request; throws CliError when it refused it.
 * `written` is the rollout read right after the write: older snapshots are not the answer.
 */
export function awaitOutcome(
  o: Observation,
  key: RolloutKey,
  before: Rollout,
  written: Rollout,
  expect: Expectation,
  waitMs: number,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const timer: { handle?: NodeJS.Timeout } = {};
    let unsubscribe: () => void = () => undefined;
    const finish = (result: Outcome | CliError): void => {
      clearTimeout(timer.handle);
      unsubscribe();
      if (result instanceof CliError) reject(result);
      else resolve(result);
    };
    const check = (r: Rollout | undefined): boolean => {
      if (!r || !after(r, written)) return false;
      const line = expect.acted(r, before);
      if (line) {
        finish({ state: 'done', line });
        return true;
      }
      const refusal = expect.refused?.(r, before);
      if (refusal) {
        finish(new CliError(refusal, ExitCode.Error));
        return true;
      }
      return false;
    };
    const undriven = (snap: RolloutSnapshot | undefined): boolean =>
      !snap?.lease.holder && !snap?.lease.driving;
    const first = o.driver.snapshot(key);
    if (check(written) || check(first?.rollout)) return;
    if (undriven(first) || waitMs <= 0) {
      finish(
        undriven(first)
          ? {
              state: 'undriven',
              line: `${expect.what} requested, but nothing drives ${key.name} (no live holder of Lease ${leaseName(key.name)}): it takes effect when a controller or \`kubectl kuberik watch ${key.name}\` runs`,
            }
          : { state: 'pending', line: `${expect.what} requested` },
      );
      return;
    }
    unsubscribe = o.driver.subscribe((e) => {
      if (
        e.type === 'snapshot' &&
        e.snapshot.key.name === key.name &&
        e.snapshot.key.namespace === key.namespace
      )
        check(e.snapshot.rollout);
    });
    timer.handle = setTimeout(() => {
      const holder = o.driver.snapshot(key)?.lease.holder ?? 'the driver';
      finish({
        state: 'pending',
        line: `${expect.what} requested; ${holder} has not acted on it within ${Math.round(waitMs / 1000)}s — follow it with: kubectl kuberik watch ${key.name} --observe`,
      });
    }, waitMs);
  });
}

const refusalOf = (r: Rollout, prefix: string): string | undefined => {
  const c = r.status?.conditions?.find((x) => x.type === 'ManualRequest');
  return c?.status === 'False' && c.message.startsWith(prefix) ? c.message : undefined;
};
const annotation = (r: Rollout, key: string): string | undefined => r.metadata.annotations?.[key];
const topId = (r: Rollout): number => r.status?.history?.[0]?.id ?? 0;

export function forceDeployExpectation(version: string): Expectation {
  const FORCE = 'rollout.kuberik.com/force-deploy';
  return {
    what: `deploy of ${version}`,
    acted(now, before) {
      const h0 = now.status?.history?.[0];
      if (
        annotation(now, FORCE) !== undefined ||
        !h0 ||
        h0.version.tag !== version ||
        topId(now) <= topId(before)
      )
        return undefined;
      return `deployed ${version} to ${now.metadata.name} (was ${before.status?.currentVersion ?? 'nothing'}; bake: ${h0.bakeStatus ?? 'none'})`;
    },
    refused(now) {
      if (annotation(now, FORCE) !== undefined) return undefined;
      return (
        refusalOf(now, `Force deploy of ${version} refused`) ??
        `the deploy request of ${version} was removed without a deploy (see: kubectl kuberik why ${now.metadata.name})`
      );
    },
  };
}

export function bypassExpectation(version: string): Expectation {
  const BYPASS = 'rollout.kuberik.com/bypass-gates';
  return {
    what: `gate bypass for ${version}`,
    acted(now, before) {
      const h0 = now.status?.history?.[0];
      if (annotation(now, BYPASS) === undefined && h0?.version.tag === version && topId(now) > topId(before))
        return `deployed ${version} to ${now.metadata.name} with gate bypass (bake: ${h0.bakeStatus ?? 'none'})`;
      const gp = now.status?.conditions?.find((c) => c.type === 'GatesPassing');
      if (annotation(now, BYPASS) === version && gp?.reason === 'GatesBypassed')
        return `gates bypassed for ${version} on ${now.metadata.name}; it waits for ${now.status?.phase === 'Blocked' ? 'a healthy environment or a failed bake to clear' : 'the running bake'} (phase ${now.status?.phase ?? 'unknown'})`;
      return undefined;
    },
    refused(now) {
      if (annotation(now, BYPASS) !== undefined) return undefined;
      return (
        refusalOf(now, `Gate bypass for ${version} refused`) ??
        `the bypass request for ${version} was removed without a deploy (see: kubectl kuberik why ${now.metadata.name})`
      );
    },
  };
}

export function pinExpectation(version: string): Expectation {
  return {
    what: `pin to ${version}`,
    acted(now, before) {
      const h0 = now.status?.history?.[0];
      if (now.status?.currentVersion !== version || !h0) return undefined;
      return topId(now) > topId(before)
        ? `${now.metadata.name} pinned to ${version} and deployed (was ${before.status?.currentVersion ?? 'nothing'}); automation is off until unpinned`
        : `${now.metadata.name} pinned to ${version}, which is live; automation is off until unpinned`;
    },
  };
}

export function retryExpectation(version: string): Expectation {
  const RETRY = 'rollout.kuberik.com/retry';
  return {
    what: `retry of ${version}`,
    acted(now, before) {
      const h0 = now.status?.history?.[0];
      const was = before.status?.history?.[0]?.lastRetryTimestamp;
      if (annotation(now, RETRY) !== undefined || !h0?.lastRetryTimestamp || h0.lastRetryTimestamp === was)
        return undefined;
      return `retrying ${version} on ${now.metadata.name}: ${h0.bakeStatus ?? 'Deploying'} again`;
    },
    refused(now) {
      if (annotation(now, RETRY) !== undefined) return undefined;
      return refusalOf(now, 'Retry refused') ?? `the retry of ${version} was removed without effect`;
    },
  };
}
