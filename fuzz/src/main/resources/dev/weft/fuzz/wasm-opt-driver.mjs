// A persistent wasm-opt: loads npm binaryen's bin/wasm-opt (wasm-opt compiled to Wasm with an
// Emscripten JS wrapper) once and runs its main for many requests, so that a fuzz case costs no
// Node start-up, no parse of the 11 MB script and no compilation of the Wasm binary.
//
//   node --stack-size=7000 wasm-opt-driver.mjs PATH/TO/binaryen/bin/wasm-opt
//
// How: the wrapper script keeps all its state (heap views, file system, exit status) in its own
// top-level variables, so it is wrapped in a function and called once per request, a fresh
// instance of the wrapper each time. The Wasm binary embedded in it is cut out and compiled once;
// each call instantiates that WebAssembly.Module (Module.instantiateWasm), so every run of main
// starts from fresh linear memory exactly as a new process would. The wrapper's `require` and
// `process` are replaced: writes to file descriptors 1 and 2 are captured, the exit status is
// recorded instead of set on the process.
//
// Protocol on stdin/stdout, all integers 32-bit big-endian:
//   request:  n, then n arguments (length, UTF-8 bytes), then the input (length, bytes).
//             The argument "@in" is replaced by a file holding the input, "@out" by a file
//             whose contents are returned.
//   response: exit status, stdout (length, bytes), stderr (length, bytes), then the "@out" file
//             (length, bytes; length -1 when main wrote none).
// When the wrapper cannot be loaded the driver prints one line on stderr and exits with status 1.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const realRequire = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`wasm-opt-driver: ${message}\n`);
  process.exit(1);
}

if (process.argv.length !== 3) {
  fail('usage: node wasm-opt-driver.mjs PATH/TO/binaryen/bin/wasm-opt');
}
const scriptPath = path.resolve(process.argv[2]);
let source = fs.readFileSync(scriptPath, 'utf8');

// Replaces the one occurrence of `pattern` in the wrapper, or fails naming what was not found:
// the wrapper of another binaryen version may differ, and then the Java side spawns per case.
function replaceOnce(pattern, replacement, what) {
  const at = source.indexOf(pattern);
  if (at < 0 || source.indexOf(pattern, at + pattern.length) >= 0) {
    fail(`unexpected wasm-opt wrapper (${what}): ${scriptPath}`);
  }
  source = source.slice(0, at) + replacement + source.slice(at + pattern.length);
  return at;
}

// The embedded binary: findWasmBinary(){return binaryDecode('...')}, a JS string literal (with
// escapes) of one char per byte; its end is the first quote not escaped by a backslash.
const marker = "function findWasmBinary(){return binaryDecode('";
const start = source.indexOf(marker);
if (start < 0) {
  fail(`no embedded Wasm binary found in ${scriptPath}`);
}
let end = start + marker.length;
while (end < source.length && source[end] !== "'") {
  end += source[end] === '\\' ? 2 : 1;
}
const literal = new Function(`return '${source.slice(start + marker.length, end)}'`)();
const bytes = new Uint8Array(literal.length);
for (let i = 0; i < literal.length; i++) {
  const c = literal.charCodeAt(i);
  bytes[i] = ~c >> 8 & c; // as the wrapper's binaryDecode
}
source = source.slice(0, start + marker.length) + source.slice(end);
const compiled = new WebAssembly.Module(bytes);

if (source.startsWith('#!')) {
  source = source.slice(source.indexOf('\n') + 1);
}
// Hand the run's promise back, so that an exception thrown by main reaches the caller.
replaceOnce('createWasm().then(()=>run())', 'return createWasm().then(()=>run())', 'start-up');
const wrapper = new Function('Module', 'require', 'process', '__filename', '__dirname', 'module', source);

/** Runs wasm-opt's main once with `args`; resolves to {status, stdout, stderr}. */
async function runMain(args) {
  const stdout = [];
  const stderr = [];
  const capture = (fd, chunk) => (fd === 1 ? stdout : stderr).push(Buffer.from(chunk));
  const realFs = realRequire('node:fs');
  const fakeFs = Object.create(realFs);
  fakeFs.writeSync = (fd, buffer, offset, length, position) => {
    if (fd === 1 || fd === 2) {
      const view = typeof buffer === 'string' ? Buffer.from(buffer)
        : Buffer.from(buffer.buffer, buffer.byteOffset + (offset ?? 0), length ?? buffer.byteLength - (offset ?? 0));
      capture(fd, view);
      return view.length;
    }
    return realFs.writeSync(fd, buffer, offset, length, position);
  };
  const fakeProcess = {
    argv: [process.argv[0], scriptPath],
    versions: process.versions,
    platform: process.platform,
    env: { ...process.env },
    stdin: process.stdin,
    exitCode: undefined,
    cwd: () => process.cwd(),
    chdir: (dir) => process.chdir(dir),
    binding: (name) => process.binding(name),
  };
  const require = (name) => (name === 'node:fs' || name === 'fs' ? fakeFs : realRequire(name));
  const Module = {
    arguments: [...args], // the wrapper's callMain prepends the program name to this array
    thisProgram: scriptPath,
    print: (text) => capture(1, text + '\n'),
    printErr: (text) => capture(2, text + '\n'),
    instantiateWasm: (imports, receive) => {
      receive(new WebAssembly.Instance(compiled, imports));
      return {};
    },
  };
  let status;
  try {
    await wrapper(Module, require, fakeProcess, scriptPath, path.dirname(scriptPath), undefined);
    status = fakeProcess.exitCode ?? 0;
  } catch (e) {
    // an abort or a JS error escaping main: what a process would print and exit 1 with
    if (typeof fakeProcess.exitCode !== 'number' || fakeProcess.exitCode === 0) {
      fakeProcess.exitCode = 1;
    }
    capture(2, String(e && e.stack || e) + '\n');
    status = fakeProcess.exitCode;
  }
  return { status, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-wasm-opt-driver-'));
const inFile = path.join(work, 'in');
const outFile = path.join(work, 'out');
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

function int32(n) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

async function serve(request) {
  fs.writeFileSync(inFile, request.input);
  fs.rmSync(outFile, { force: true });
  const args = request.args.map((a) => (a === '@in' ? inFile : a === '@out' ? outFile : a));
  const r = await runMain(args);
  const output = fs.existsSync(outFile) ? fs.readFileSync(outFile) : null;
  process.stdout.write(Buffer.concat([
    int32(r.status),
    int32(r.stdout.length), r.stdout,
    int32(r.stderr.length), r.stderr,
    int32(output === null ? -1 : output.length), output ?? Buffer.alloc(0),
  ]));
}

// Reads requests from stdin as they arrive and serves them one at a time, in order.
let pending = Buffer.alloc(0);
let busy = false;

function parse() {
  let at = 0;
  const need = (n) => {
    if (pending.length < at + n) {
      throw RangeError('incomplete');
    }
  };
  const u32 = () => {
    need(4);
    const v = pending.readUInt32BE(at);
    at += 4;
    return v;
  };
  const chunk = () => {
    const n = u32();
    need(n);
    const b = pending.subarray(at, at + n);
    at += n;
    return b;
  };
  try {
    const n = u32();
    const args = [];
    for (let i = 0; i < n; i++) {
      args.push(chunk().toString('utf8'));
    }
    const input = Buffer.from(chunk());
    pending = pending.subarray(at);
    return { args, input };
  } catch (e) {
    if (e instanceof RangeError) {
      return null;
    }
    throw e;
  }
}

async function pump() {
  if (busy) {
    return;
  }
  busy = true;
  try {
    for (let request = parse(); request !== null; request = parse()) {
      await serve(request);
    }
  } finally {
    busy = false;
  }
}

process.stdin.on('data', (data) => {
  pending = Buffer.concat([pending, data]);
  pump().catch((e) => fail(String(e && e.stack || e)));
});
process.stdin.on('end', () => process.exit(0));
