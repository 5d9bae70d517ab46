import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { upgradeHeaders } from './forwarded-headers';
import type { ProxyLogger } from './proxy-target';
import { ProxyRefusal, refuseUpgrade } from './refusal';
import type { ProxyRoute } from './route';
import { requestUpstream, UpstreamTimeout } from './upstream-request';

export interface UpgradeForwarding {
  timeoutMs: number;
  logger: ProxyLogger;
}

/**
 * Replays the WebSocket handshake to the upstream; on `101` relays the upstream's answer and then
 * splices the two sockets, so frames (close frames and their codes included) pass untouched in
 * both directions and either side closing closes the other. A refused handshake (e.g. 404) is
 * relayed as is; an unreachable or silent upstream becomes 502/504.
 */
export function forwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  route: ProxyRoute,
  upstreamBase: URL,
  options: UpgradeForwarding,
): void {
  const upstream = requestUpstream({
    base: upstreamBase,
    path: route.upstreamPath,
    method: req.method ?? 'GET',
    headers: upgradeHeaders(req, { upstreamHost: upstreamBase.host, prefix: route.prefix }),
    timeoutMs: options.timeoutMs,
  });
  let answered = false;
  upstream.on('upgrade', (upstreamRes, upstreamSocket, upstreamHead) => {
    answered = true;
    upstreamSocket.setTimeout(0); // an idle WebSocket is fine; the endpoints ping if they care
    socket.write(responseHead(upstreamRes, upstreamRes.rawHeaders));
    if (upstreamHead.length > 0) upstreamSocket.unshift(upstreamHead);
    splice(socket, upstreamSocket);
  });
  upstream.on('response', (upstreamRes) => {
    answered = true;
    relayRefusedHandshake(upstreamRes, socket);
  });
  upstream.on('error', (error) => {
    if (answered) socket.destroy(); // the client already has a status line; only a cut is left
    if (answered || socket.destroyed) return;
    options.logger.warn(
      { runtime_id: route.runtimeId, err: error.message },
      'runtime upstream failed',
    );
    const refusal =
      error instanceof UpstreamTimeout
        ? new ProxyRefusal(504, `Runtime ${route.runtimeId} did not answer in time`)
        : new ProxyRefusal(502, `Runtime ${route.runtimeId} is not reachable`);
    refuseUpgrade(req, socket, refusal);
  });
  socket.once('close', () => upstream.destroy());
  if (head.length > 0) socket.unshift(head);
  upstream.end();
}

/** Pipes two sockets into each other; an error or close on one ends the other. */
function splice(client: Duplex, upstream: Socket): void {
  upstream.setNoDelay(true);
  const closeBoth = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', closeBoth).on('close', closeBoth);
  upstream.on('error', closeBoth).on('close', closeBoth);
  client.pipe(upstream).pipe(client);
}

/** The upstream answered the handshake with plain HTTP: pass that answer on, then close. */
function relayRefusedHandshake(upstreamRes: IncomingMessage, socket: Duplex): void {
  // Its body is read de-chunked, so framing headers go and the close delimits the body.
  const framing = new Set(['connection', 'transfer-encoding', 'content-length', 'keep-alive']);
  const raw = upstreamRes.rawHeaders;
  const kept = raw.flatMap((name, i) =>
    i % 2 === 0 && !framing.has(name.toLowerCase()) ? [name, raw[i + 1] ?? ''] : [],
  );
  socket.write(responseHead(upstreamRes, [...kept, 'Connection', 'close']));
  upstreamRes.pipe(socket);
}

function responseHead(res: IncomingMessage, rawHeaders: string[]): string {
  const lines: string[] = [`HTTP/1.1 ${res.statusCode ?? 502} ${res.statusMessage ?? ''}`];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    lines.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
