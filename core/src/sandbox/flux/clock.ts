// Time as the simulator sees it. Injected so tests drive every delay with a fake clock.

export type TimerHandle = unknown;

export interface SimulatorClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: SimulatorClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** RFC 3339 at whole seconds, as the API server persists timestamps. */
export const rfc3339 = (d: Date): string =>
  new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
