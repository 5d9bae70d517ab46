import WebSocket from 'ws';

export interface Refused {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A client socket that records frames and how it closed; `opened` rejects on an HTTP refusal. */
export class Client {
  readonly frames: string[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (data: Buffer) => this.frames.push(data.toString()));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const refused: Refused = { status: res.statusCode ?? 0, headers: res.headers, body };
          reject(Object.assign(new Error(`HTTP ${refused.status}`), { refused }));
          this.ws.terminate();
        });
      });
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** The next frame the socket receives. */
  next(): Promise<string> {
    return new Promise((resolve) =>
      this.ws.once('message', (data: Buffer) => resolve(data.toString())),
    );
  }
}

/** The HTTP answer that refused the handshake (throws if the upgrade was accepted). */
export async function refusalOf(client: Client): Promise<Refused> {
  const error: unknown = await client.opened.then(
    () => new Error('the upgrade was accepted'),
    (rejection: unknown) => rejection,
  );
  const refused = (error as { refused?: Refused }).refused;
  if (!refused) throw error;
  return refused;
}
