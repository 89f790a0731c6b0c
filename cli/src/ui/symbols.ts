// Glyphs and colours by state, shared by every panel so one state always looks the same.
import type { GateDecision } from '@kuberik/core/model';
import type { HealthView } from '../format/view.js';

export interface Mark {
  glyph: string;
  color: 'green' | 'red' | 'yellow' | 'blue' | 'gray';
}

export const SPINNER = ['◐', '◓', '◑', '◒'];

export function gateMark(decision: GateDecision, spin: string): Mark {
  if (decision === 'Approved') return { glyph: '✔', color: 'green' };
  if (decision === 'Denied') return { glyph: '✖', color: 'red' };
  return { glyph: spin, color: 'yellow' };
}

export function healthMark(status: HealthView['status'], spin: string): Mark {
  if (status === 'Healthy') return { glyph: '✔', color: 'green' };
  if (status === 'Unhealthy') return { glyph: '✖', color: 'red' };
  if (status === 'Pending') return { glyph: spin, color: 'yellow' };
  return { glyph: '?', color: 'gray' };
}

export function resultColor(result: string): Mark['color'] {
  if (result === 'Succeeded') return 'green';
  if (result === 'Failed' || result === 'Rejected' || result === 'Blocked') return 'red';
  if (result === 'Deploying' || result === 'InProgress' || result === 'Baking') return 'blue';
  if (result === 'WaitingForGates') return 'yellow';
  return 'gray';
}
