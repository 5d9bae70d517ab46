import { freePort, waitFor } from '@agentrt/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = '/usr/sbin/nginx';

/**
 * nginx (Debian's `nginx-light`, installed by scripts/dev-env.sh) as a reverse proxy on a free
 * loopback port, with a generated config in a temp dir: `/<prefix>/...` -> upstream `/...` over
 * keep-alive upstream connections, no access log. One worker process, like the one Node process
 * it is compared with.
 */
export class NginxProxy {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(upstream: URL, prefix: string): Promise<NginxProxy> {
    const dir = mkdtempSync(join(tmpdir(), 'agentrt-bench-nginx-'));
    const port = await freePort();
    writeFileSync(join(dir, 'nginx.conf'), config(dir, port, upstream, prefix));
    const child = spawn(
      NGINX,
      ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const nginx = new NginxProxy(`http://127.0.0.1:${port}`, child, dir);
    try {
      await waitFor(async () => (await fetch(`${nginx.url}${prefix}/alive`)).ok, {
        timeoutMs: 10_000,
        description: 'nginx to proxy /alive',
      });
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  /** SIGQUIT: nginx's graceful stop; then the temp dir goes. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGQUIT');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function config(dir: string, port: number, upstream: URL, prefix: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`)
    .join('\n');
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
${temp}
  upstream agent { server ${upstream.host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location ${prefix}/ {
      proxy_pass http://agent/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
}
