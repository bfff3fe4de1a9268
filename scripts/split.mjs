// Trunk post-build hook (before csp.mjs and precache.mjs): cuts the app's WebAssembly into
// the module the first screen needs and one chunk per lazy page, fetched when it opens.
//
// The pages marked `#[lazy_route]` (src/app.rs, `split` feature) import placeholders in
// place of their code. The cut must read the linker's relocations, so it works on cargo's
// own output, before wasm-bindgen (which drops them); Trunk has no step at that point (its
// hooks run before cargo or after wasm-bindgen and wasm-opt). So this hook takes the
// module cargo linked (with `--emit-relocs`, build.rs), and does again what Trunk did after
// cargo, with the cut first:
//   1. wasm-split-cli (the `wasm_split_cli_support` crate, installed by scripts/setup.sh)
//      writes the main module, the chunks and __wasm_split.js, which fetches and links them;
//   2. wasm-bindgen (Trunk's version and target) on the main module, keeping the exports
//      the chunks link to;
//   3. in release builds, wasm-opt -Oz on every module (Trunk's own wasm-opt is off:
//      index.html, data-wasm-opt="0");
//   4. the results replace Trunk's files of the same names; the loader and chunks get the
//      same build hash in their names, and index.html the new integrity hashes, plus a
//      modulepreload of the loader, which the main script imports.
// A build without the `split` feature has no placeholder to resolve: this hook then leaves
// Trunk's output as it is.
//
// Also runs by hand: TRUNK_STAGING_DIR=DIR TRUNK_PROFILE=release node scripts/split.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fail = (message) => {
  console.error(`split.mjs: ${message}`);
  process.exit(1);
};
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('runs as a Trunk hook: TRUNK_STAGING_DIR is not set');
const release = process.env.TRUNK_PROFILE === 'release';
// Runs a tool, failing with its messages; wasm-opt's notes about the name section's
// subsections it does not know (kept by wasm-bindgen's --no-demangle) are left out.
const run = (tool, args) => {
  const done = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const notes = (done.stderr || '').split('\n').filter((line) => line && !/unknown name subsection/.test(line));
  if (notes.length) console.error(notes.join('\n'));
  if (done.status !== 0) fail(`${tool} ${args.join(' ')} failed${done.error ? `: ${done.error.message}` : ''}`);
  return done.stdout;
};

// Trunk's names: sandflow-HASH.js and sandflow-HASH_bg.wasm, HASH being that of cargo's
// module, which determines every file written here too.
const htmlFile = join(dir, 'index.html');
let html = readFileSync(htmlFile, 'utf8');
const found = html.match(/<link rel="modulepreload" href="([^"]*?)(sandflow-([0-9a-f]+))\.js"/);
if (!found) fail('index.html has no modulepreload of sandflow-HASH.js (the Trunk rust link)');
const [, prefix, base, hash] = found;

const targetDir = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], { encoding: 'utf8' })).target_directory;
const input = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'sandflow.wasm');
if (!existsSync(input)) fail(`cargo's module ${input} is missing`);
const linked = readFileSync(input);
if (!linked.includes('__wasm_split_placeholder__')) {
  console.log('split.mjs: no lazy page in this build (no `split` feature): nothing to cut');
  process.exit(0);
}
if (!linked.includes('reloc.CODE')) fail(`${input} has no relocations: build.rs links with --emit-relocs only with the \`split\` feature`);

// Steps 1 to 3 in a scratch folder beside Trunk's own, kept for the next build of the same
// module (scripts/bundle.sh after a build for /, `trunk serve` after a change of style).
const work = join(targetDir, 'wasm-split', release ? 'release' : 'debug');
const out = join(work, 'out');
const stamp = join(work, 'built-from');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'bindgen'), { recursive: true });
  mkdirSync(out);
  // 1. The cut.
  run('wasm-split-cli', [input, work, '--target', 'web', '--out-name', 'sandflow']);
  const chunks = readdirSync(work).filter((name) => name.endsWith('.wasm') && name !== 'sandflow.wasm');
  // 2. wasm-bindgen as Trunk calls it, keeping the linker's exports the chunks import.
  run('wasm-bindgen', ['--target=web', `--out-dir=${join(work, 'bindgen')}`, '--out-name=sandflow', '--no-typescript',
    '--keep-lld-exports', '--no-demangle', join(work, 'sandflow.wasm')]);
  copyFileSync(join(work, 'bindgen', 'sandflow.js'), join(out, 'sandflow.js'));
  copyFileSync(join(work, '__wasm_split.js'), join(out, '__wasm_split.js'));
  // 3. wasm-opt on each module, as Trunk would on the one (release builds only).
  for (const [from, to] of [[join(work, 'bindgen', 'sandflow_bg.wasm'), 'sandflow_bg.wasm'], ...chunks.map((name) => [join(work, name), name])]) {
    if (release) run('wasm-opt', ['-Oz', `--output=${join(out, to)}`, from]);
    else copyFileSync(from, join(out, to));
  }
  writeFileSync(stamp, hash);
}

// 4. Into the staged build: the modules, and the scripts naming each other by the names
// they have there.
const chunks = readdirSync(out).filter((name) => name.endsWith('.wasm') && name !== 'sandflow_bg.wasm').sort();
const hashed = (name) => name.replace(/\.(wasm|js)$/, `-${hash}.$1`);
const loader = hashed('__wasm_split.js');
copyFileSync(join(out, 'sandflow_bg.wasm'), join(dir, `${base}_bg.wasm`));
for (const name of chunks) copyFileSync(join(out, name), join(dir, hashed(name)));
const replaceAll = (text, from, to, what) => {
  if (!text.includes(from)) fail(`${what} has no ${from}`);
  return text.split(from).join(to);
};
// The main script imports the loader (the wasm's import module keeps its own name).
let main = readFileSync(join(out, 'sandflow.js'), 'utf8');
main = replaceAll(main, 'from "./__wasm_split.js"', `from "./${loader}"`, 'the main script');
let link = readFileSync(join(out, '__wasm_split.js'), 'utf8');
link = replaceAll(link, 'from "./sandflow.js"', `from "./${base}.js"`, 'the loader');
for (const name of chunks) link = replaceAll(link, `"./${name}"`, `"./${hashed(name)}"`, 'the loader');
writeFileSync(join(dir, `${base}.js`), main);
writeFileSync(join(dir, loader), link);
const modules = [`${base}_bg.wasm`, ...chunks.map(hashed)];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const integrity = (name) => `sha384-${createHash('sha384').update(readFileSync(join(dir, name))).digest('base64')}`;
for (const name of [`${base}.js`, `${base}_bg.wasm`]) {
  const tag = new RegExp(`(href="${escape(prefix + name)}"[^>]*integrity=")[^"]*(")`);
  if (!tag.test(html)) fail(`index.html has no integrity for ${name}`);
  html = html.replace(tag, `$1${integrity(name)}$2`);
}
html = html.replace(/(<link rel="modulepreload" href="[^"]*?sandflow-[0-9a-f]+\.js"[^>]*>)/,
  `$1<link rel="modulepreload" href="${prefix}${loader}" crossorigin="anonymous" integrity="${integrity(loader)}">`);
writeFileSync(htmlFile, html);

const size = (name) => readFileSync(join(dir, name)).length;
const total = modules.reduce((sum, name) => sum + size(name), 0);
console.log(`split.mjs: main module ${size(`${base}_bg.wasm`)} B, ${chunks.length} chunks, ${total} B in all`);
