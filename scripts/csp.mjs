// Trunk post-build hook: writes the Content-Security-Policy into the built index.html.
//
// Trunk starts the app with a small inline module script, which a strict policy blocks
// unless its hash is listed. This computes the SHA-256 of every inline script of the page
// Trunk staged and puts the policy in a <meta> right after the charset, so the app runs
// under it from any static host, with no server header needed. WebAssembly needs
// 'wasm-unsafe-eval'; nothing needs 'unsafe-eval' or inline scripts beyond these hashes.
// The lazily loaded parts of the wasm (scripts/split.mjs) need nothing more: their loader
// is a module from the page's origin, and it fetches them from there ('connect-src').
// Styles allow inline attributes, which Leptos sets for sizes it computes. Also runs by hand
// on a built folder: TRUNK_STAGING_DIR=DIR node scripts/csp.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs runs as a Trunk hook: TRUNK_STAGING_DIR is not set');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
  if (/\bsrc=/.test(attrs)) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // The service worker (static/sw.js) and the web app manifest, both from the page's origin.
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
if (!html.includes('Content-Security-Policy')) {
  console.error('csp.mjs: index.html has no <meta charset="utf-8" /> to put the policy after');
  process.exit(1);
}
writeFileSync(file, html);
