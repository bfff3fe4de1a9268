// Writes a precompressed twin of every text and wasm file of a built folder: NAME.gz
// (gzip -9) and NAME.br (brotli, quality 11), for hosts that serve them in place of the
// file when the browser accepts them (nginx `gzip_static` / `brotli_static`, Caddy
// `precompressed`, most CDNs). Compressing once at the best level saves what a server
// compressing on the fly at a fast level would send: the wasm is about 25 % smaller as
// brotli than as gzip (BENCHMARKS.md, "Half the bytes"). Files that do not shrink are
// left alone; the service worker ignores the twins (scripts/precache.mjs).
//
//   node scripts/precompress.mjs DIR       (scripts/bundle.sh runs it on its output)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('precompress.mjs: give the built folder');
  process.exit(1);
}
const worth = /\.(wasm|js|css|html|svg|json|webmanifest)$/;
let raw = 0;
let gz = 0;
let br = 0;
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !worth.test(entry.name)) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  const body = readFileSync(path);
  const twins = {
    gz: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  };
  raw += body.length;
  for (const [ext, packed] of Object.entries(twins)) {
    if (packed.length >= body.length) continue;
    writeFileSync(`${path}.${ext}`, packed);
    if (ext === 'gz') gz += packed.length;
    else br += packed.length;
  }
}
console.log(`precompress.mjs: ${raw} B of files, ${gz} B as .gz, ${br} B as .br`);
