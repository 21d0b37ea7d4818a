// Runs a guest .wasm on Node (node:wasi, preview1).
// Usage: node run-node.mjs [--stack-mb N] build/<program>-<backend>.wasm [args...]
// The guest runs in a worker thread whose stack is N MiB (default 64): asyncify
// nests each resumed fiber on the wasm call stack, so deep chains (sieve's 8,100
// filters) need more than V8's default of about 1 MiB.
// wasmfx builds need V8's stack switching: if the flag is missing this script
// re-runs itself under the same node with --experimental-wasm-wasmfx.
// Native builds import "weft_fiber", which Weft provides; here they get the JSPI
// stand-in check/weft-fiber-jspi.mjs instead (slow, for checking the contract).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { WASI } from 'node:wasi';
import { weftFiberHost } from './check/weft-fiber-jspi.mjs';

async function runGuest({ file, args }) {
  const module = await WebAssembly.compile(readFileSync(file));
  const native = WebAssembly.Module.imports(module).some(i => i.module === 'weft_fiber');
  // The native path calls _start itself (under JSPI), so WASI's proc_exit exits directly.
  const wasi = new WASI({ version: 'preview1', args: [basename(file, '.wasm'), ...args],
                          returnOnExit: !native });
  if (!native) {
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    return wasi.start(instance);
  }
  const host = weftFiberHost();
  const instance = await WebAssembly.instantiate(module,
    { ...wasi.getImportObject(), weft_fiber: host.imports });
  host.bind(instance);
  const { _start, ...rest } = instance.exports;
  wasi.initialize({ exports: rest });
  await host.run(_start);
  return 0;
}

if (!isMainThread) {
  process.exitCode = await runGuest(workerData);
} else {
  let argv = process.argv.slice(2);
  let stackMb = 64;
  if (argv[0] === '--stack-mb') { stackMb = Number(argv[1]); argv = argv.slice(2); }
  const [file, ...args] = argv;
  if (!file) {
    console.error('usage: node run-node.mjs [--stack-mb N] FILE.wasm [args...]');
    process.exit(2);
  }
  const FX_FLAG = '--experimental-wasm-wasmfx';
  if (/-wasmfx\.wasm$/.test(file) && !process.execArgv.includes(FX_FLAG)) {
    const r = spawnSync(process.execPath, [FX_FLAG, ...process.execArgv, ...process.argv.slice(1)],
      { stdio: 'inherit' });
    process.exit(r.status ?? (r.signal ? 128 : 1));
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { file, args }, resourceLimits: { stackSizeMb: stackMb },
  });
  worker.on('error', e => { console.error(e); process.exitCode = 1; });
  worker.on('exit', code => { if (process.exitCode === undefined) process.exitCode = code; });
}
