#!/usr/bin/env node
// A `solc` command line for forge, backed by solc-js (the npm `solc` package, WebAssembly):
// answers `--version` in the native format and `--standard-json` (input on stdin, output on
// stdout). Other flags forge passes (--base-path, --include-path, --allow-paths) only feed the
// import callback, which forge rarely needs: it puts every source's content in the input.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  // solc-js says "0.8.37+commit.f401782d.Emscripten.clang"; forge parses the last line.
  const long = solc.version().replace(/\.Emscripten\.clang$/, '');
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${long}.Linux.g++\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write(`solc-js wrapper: only --version and --standard-json are supported (got ${args.join(' ')})\n`);
  process.exit(1);
}
const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  if (['--base-path', '--include-path', '--allow-paths'].includes(args[i]) && args[i + 1]) {
    for (const p of args[i + 1].split(',')) roots.push(p);
    i++;
  }
}
function findImports(p) {
  const candidates = path.isAbsolute(p) ? [p] : roots.map((r) => path.join(r, p));
  for (const c of candidates) {
    try { return { contents: fs.readFileSync(c, 'utf8') }; } catch (_) { /* next */ }
  }
  return { error: `File not found: ${p}` };
}
const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
