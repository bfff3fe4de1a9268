// Trunk post-build hook (after csp.mjs): writes the build's file list and id into sw.js.
//
// The service worker copies FILES on install and names its cache after BUILD, a hash of
// every file's path and contents: any change to the build (a new wasm, a new page, a new
// icon) makes a new sw.js, which the browser notices on the next visit and installs beside
// the running one. Paths are relative to sw.js, so one build works at any public URL.
//
// Also runs by hand on a built folder: node scripts/precache.mjs DIR
//
// With SANDFLOW_SERVICE_WORKER=off (scripts/serve.sh sets it) it writes instead a worker
// that removes itself and its copies: while developing, a copy would open the previous
// build after each change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precache.mjs: give the built folder, or run it as a Trunk hook');
  process.exit(1);
}
// Not copied: the worker itself, the page under its other names (the worker keeps it as
// './'), and precompressed twins a host may serve in their place.
const skip = (path) => ['sw.js', 'index.html', '404.html'].includes(path) || /\.(br|gz)$/.test(path);
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
  .filter((path) => !skip(path))
  .sort();
const hash = createHash('sha256');
for (const path of ['index.html', ...files]) hash.update(path).update('\0').update(readFileSync(join(dir, path)));
const build = hash.digest('hex').slice(0, 16);

const file = join(dir, 'sw.js');
if (process.env.SANDFLOW_SERVICE_WORKER === 'off') {
  writeFileSync(file, `// No offline copy (SANDFLOW_SERVICE_WORKER=off): removes this scope's copies and itself.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(caches.keys()
  .then((names) => Promise.all(names
    .filter((name) => name.startsWith(\`sandflow \${self.registration.scope} \`))
    .map((name) => caches.delete(name))))
  .then(() => self.registration.unregister())));
`);
  console.log('precache.mjs: no offline copy (SANDFLOW_SERVICE_WORKER=off)');
  process.exit(0);
}
let sw = readFileSync(file, 'utf8');
const before = sw;
sw = sw.replace(/^const BUILD = .*;$/m, `const BUILD = '${build}';`);
sw = sw.replace(/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(files)};`);
if (sw === before && !before.includes(`'${build}'`)) {
  console.error('precache.mjs: sw.js has no `const BUILD = ...;` and `const FILES = ...;` lines to fill');
  process.exit(1);
}
writeFileSync(file, sw);
console.log(`precache.mjs: build ${build}, ${files.length} files`);
