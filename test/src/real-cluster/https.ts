// One HTTPS request to the real API server, trusting only its test CA. Never throws for an HTTP
// status; look at `status`.
import { request as httpsRequest } from 'node:https';

export interface ApiResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface ApiRequest {
  url: string;
  ca: string;
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
}

export function apiRequest(r: ApiRequest): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const body =
      r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const req = httpsRequest(
      new URL(r.path, r.url),
      {
        method: r.method,
        ca: r.ca,
        headers: {
          accept: 'application/json',
          ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
          ...(body !== undefined
            ? {
                'content-type': r.contentType ?? 'application/json',
                'content-length': Buffer.byteLength(body),
              }
            : {}),
        },
        timeout: r.timeoutMs ?? 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${r.method} ${r.path}: no answer in ${r.timeoutMs ?? 30_000} ms`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}
