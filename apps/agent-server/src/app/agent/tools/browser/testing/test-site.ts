import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const GREETER = `<!doctype html>
<html><head><title>Greeter</title><style>p { color: gray }</style></head>
<body>
  <h1>Greeter</h1>
  <form action="/greet" method="post">
    <label for="name">Name</label><input id="name" name="name">
    <button type="submit">Send</button>
  </form>
  <button onclick="document.getElementById('out').textContent = 'Revealed: ' + document.getElementById('name').value">Show</button>
  <p id="out"></p>
  <a href="/about">About us</a>
  <script>console.log('not page text')</script>
</body></html>`;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;

/** Pages the browser tests open, served on loopback. */
const ROUTES: Record<string, (body: string) => [number, string, string]> = {
  '/': () => [200, 'text/html; charset=utf-8', GREETER],
  '/greet': (body) => {
    const name = new URLSearchParams(body).get('name') ?? 'nobody';
    return [200, 'text/html', page('Greeting', `<h1>Hello, ${name}</h1>`)];
  },
  '/about': () => [200, 'text/html', page('About', '<h1>About</h1><p>We greet people.</p>')],
  '/long': () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `<p>Line ${i + 1}</p>`).join('');
    return [200, 'text/html', page('Long', lines)];
  },
  '/notes.txt': () => [200, 'text/plain', 'plain notes\nsecond line'],
};

/** A small web site on 127.0.0.1: a form that greets, a script-driven button, a long page. */
export class TestSite {
  private constructor(private readonly server: Server) {}

  static async start(): Promise<TestSite> {
    const server = createServer((request, response) => void serve(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TestSite(server);
  }

  url(path = '/'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const route = ROUTES[new URL(request.url ?? '/', 'http://x').pathname];
  const [status, type, body] = route
    ? route(Buffer.concat(chunks).toString('utf8'))
    : [404, 'text/html', page('Not found', '<h1>Nothing here</h1>')];
  response.writeHead(status, { 'content-type': type }).end(body);
}
