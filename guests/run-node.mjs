// Runs a guest .wasm on Node (node:wasi, preview1).
// Usage: node run-node.mjs build/<program>-<backend>.wasm [args...]
// wasmfx builds need V8's stack switching: if the flag is missing this script
// re-runs itself under the same node with --experimental-wasm-wasmfx.
// Native builds import "weft_fiber", which only Weft provides: they are refused.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { WASI } from 'node:wasi';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('usage: node run-node.mjs FILE.wasm [args...]');
  process.exit(2);
}
const FX_FLAG = '--experimental-wasm-wasmfx';
if (/-wasmfx\.wasm$/.test(file) && !process.execArgv.includes(FX_FLAG)) {
  const r = spawnSync(process.execPath, [FX_FLAG, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' });
  process.exit(r.status ?? (r.signal ? 128 : 1));
}

const module = await WebAssembly.compile(readFileSync(file));
const hostOnly = WebAssembly.Module.imports(module).filter(i => i.module === 'weft_fiber');
if (hostOnly.length) {
  console.error(`run-node: ${basename(file)} imports weft_fiber.* (${hostOnly.map(i => i.name).join(', ')}); only Weft provides them`);
  process.exit(3);
}
const wasi = new WASI({ version: 'preview1', args: [basename(file, '.wasm'), ...args], returnOnExit: true });
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
