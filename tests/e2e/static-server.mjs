// A plain static server, as a host without special rules serves a built Sandflow: the
// files of one folder under a path (`/any/sub/path/`), each with its type and the short
// cache lifetime static hosts give (10 minutes), and for any other address under that path
// the folder's index.html: the one rule a single-page app needs from its host. Nothing is
// served outside the path.
//
// The tests start it on a free port, read which paths the browser asked for, and deploy a
// new build in place (`deploy`), as a host would after an upload. By hand:
//   node tests/e2e/static-server.mjs DIR [PORT]   (the path is read from DIR/index.html)
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

/** The path a build expects to be served under: its `<base href>` (Trunk's public URL). */
export function publicPath(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const base = html.match(/<base href="([^"]*)"/);
  if (!base) throw new Error(`${dir}/index.html has no <base href>: build it with trunk build --public-url`);
  return base[1];
}

/** Serves `dir` at its public path on 127.0.0.1; resolves once listening. */
export async function serveBuild(dir, port = 0) {
  let root = resolve(dir);
  const base = publicPath(root);
  const requests = [];
  const file = (path) => {
    const full = resolve(root, '.' + sep + path);
    if (full !== root && !full.startsWith(root + sep)) return null;
    try {
      const stat = statSync(full);
      return stat.isDirectory() ? file(join(path, 'index.html')) : full;
    } catch {
      return null;
    }
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://host').pathname);
    requests.push(path);
    if (path + '/' === base) {
      response.writeHead(301, { Location: base }).end();
      return;
    }
    if (!path.startsWith(base)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const found = file(path.slice(base.length)) ?? join(root, 'index.html');
    response.writeHead(200, {
      'Content-Type': TYPES[extname(found)] ?? 'application/octet-stream',
      'Cache-Control': 'max-age=600',
    });
    response.end(request.method === 'HEAD' ? undefined : readFileSync(found));
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    /** The app's address: http://127.0.0.1:PORT/any/sub/path/ */
    url: `http://127.0.0.1:${server.address().port}${base}`,
    base,
    /** Every path asked for, in order. */
    requests,
    /** Serves another build from now on, at the same path (a new deployment). */
    deploy(next) {
      if (publicPath(next) !== base) throw new Error(`${next} is built for another path than ${base}`);
      root = resolve(next);
    },
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tests/e2e/static-server.mjs DIR [PORT]');
    process.exit(1);
  }
  const served = await serveBuild(dir, Number(port || 4380));
  console.log(`Serving ${dir} at ${served.url}`);
}
