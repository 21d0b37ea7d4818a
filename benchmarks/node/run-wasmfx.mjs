// Times run(n) of one stack-switching guest (or its baseline) on this Node's V8.
// Usage: node --experimental-wasm-wasmfx run-wasmfx.mjs FILE.wasm [N] [--warmup W] [--repeat R]
// N defaults to the guest's full scale (wasmfx-guests.mjs). After W warm-up calls (default 2)
// it times R calls (default 5), checks every result against the formula, and prints one JSON
// line: median/min/max ms per call and ns per operation (median ms / operations per call).
// Exit status 1 if a result is wrong; a V8 abort shows as the process dying (bench-node.sh).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { guestOf } from './wasmfx-guests.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return Number(value);
};
const warmup = option('--warmup', 2);
const repeat = option('--repeat', 5);
const [file, nArg] = args;
if (!file || repeat < 1) {
  console.error('usage: node --experimental-wasm-wasmfx run-wasmfx.mjs FILE.wasm [N] [--warmup W] [--repeat R]');
  process.exit(2);
}
const guest = guestOf(file);
const n = nArg === undefined ? guest.full : Number(nArg);
const expected = guest.expect(n);
const ops = guest.ops(n);

const { instance } = await WebAssembly.instantiate(readFileSync(file));
const run = instance.exports.run;
const call = () => {
  const got = BigInt(run(n));
  if (got !== expected) {
    console.log(JSON.stringify({ guest: basename(file), n, runs: true, ok: false, got: String(got), expected: String(expected) }));
    process.exit(1);
  }
};

for (let i = 0; i < warmup; i++) call();
const ms = [];
for (let i = 0; i < repeat; i++) {
  const t0 = process.hrtime.bigint();
  call();
  ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
ms.sort((a, b) => a - b);
const median = repeat % 2 ? ms[(repeat - 1) / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
const round = x => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  guest: basename(file), n, runs: true, ok: true, ops: Number(ops), op: guest.op, warmup, repeat,
  median_ms: round(median), min_ms: round(ms[0]), max_ms: round(ms[repeat - 1]),
  ns_per_op: round(median * 1e6 / Number(ops)),
}));
