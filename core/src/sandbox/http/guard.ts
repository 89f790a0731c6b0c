// Who may talk to the sandbox: programs on this machine, never a web page. A DNS-rebinding page
// reaches 127.0.0.1 under a foreign Host name; any page announces itself with an Origin header.
// kubectl and client-node send neither a foreign Host nor an Origin. docs/sandbox.md "Exposure".
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** Why the request is refused, or undefined when it may proceed. */
export function refusal(
  headers: IncomingHttpHeaders,
  bound: () => { host: string; port: number },
): string | undefined {
  const host = headers.host;
  if (host !== undefined && !loopbackHost(host, bound().host)) {
    return `Host "${host}" is not a loopback address: the sandbox only answers requests addressed to 127.0.0.1, [::1] or localhost (DNS rebinding protection)`;
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    return `requests from web pages (Origin "${origin}") are refused: the sandbox serves kubectl and API clients, not browsers`;
  }
  return undefined;
}

function loopbackHost(hostHeader: string, boundHost: string): boolean {
  const h = hostName(hostHeader.trim().toLowerCase());
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === boundHost.toLowerCase() && boundHost !== '0.0.0.0' && boundHost !== '::') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** `127.0.0.1:6443` → `127.0.0.1`, `[::1]:6443` → `::1`, `localhost` → `localhost`. */
function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(1, hostHeader.indexOf(']'));
  const colon = hostHeader.lastIndexOf(':');
  return colon >= 0 ? hostHeader.slice(0, colon) : hostHeader;
}
