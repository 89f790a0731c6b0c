// How many rows each section of the watch screen gets, so the frame never exceeds the terminal
// (Ink clears the whole screen when it does, which is the flicker users hate).
export interface LayoutInput {
  rows: number;
  gates: number;
  health: number;
  history: number;
  problem: boolean;
  why: number;
}

export interface Layout {
  sectionRows: number;
  historyRows: number;
  showHistory: boolean;
  whyRows: number;
}

/** Fixed rows: header (2), section title (1), bake (1), status (1), keys (1). */
const FIXED = 6;

export function layoutFor(i: LayoutInput): Layout {
  const avail = Math.max(0, i.rows - 1 - FIXED - (i.problem ? 1 : 0));
  const wanted = Math.max(1, i.gates, i.health);
  const sectionRows = Math.max(1, Math.min(wanted, avail - 2));
  const rest = Math.max(0, avail - sectionRows);
  if (i.why > 0) {
    const whyRows = Math.max(0, Math.min(i.why, rest));
    return { sectionRows, historyRows: 0, showHistory: false, whyRows };
  }
  const historyRows = Math.max(0, Math.min(Math.max(1, i.history), rest - 1));
  return { sectionRows, historyRows, showHistory: rest >= 2, whyRows: 0 };
}
