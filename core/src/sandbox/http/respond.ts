// Writing responses: JSON bodies, Status errors, warnings.
import type { ServerResponse } from 'node:http';
import { storedJson } from '../store.js';
import { ApiError, internalError } from './status.js';

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
): void {
  let text: string;
  if (typeof body === 'string') text = body;
  else
    text = (typeof body === 'object' && body !== null ? storedJson(body) : undefined) ?? JSON.stringify(body);
  sendText(res, code, text, contentType);
}

export function sendText(res: ServerResponse, code: number, text: string, contentType: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendBytes(res: ServerResponse, code: number, body: Buffer, contentType: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const e = err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, e.code, e.toStatus());
}

export function setWarnings(res: ServerResponse, warnings: string[]): void {
  if (warnings.length === 0 || res.headersSent) return;
  res.setHeader(
    'Warning',
    warnings.map((w) => `299 - ${JSON.stringify(w)}`),
  );
}
