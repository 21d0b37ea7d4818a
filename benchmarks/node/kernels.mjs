// Times the compute kernels of InterpreterBenchmark (benchmarks/src/main/resources/kernels) on
// Node's V8, in process, like the JMH benchmark: the same .wasm bytes and arguments, warm-up
// first, then the mean milliseconds per call of each measured second. One JSON line per kernel.
// Usage: node benchmarks/node/kernels.mjs [warmupSeconds=5] [measureSeconds=5]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/main/resources/kernels');
const warmup = Number(process.argv[2] ?? 5);
const measure = Number(process.argv[3] ?? 5);
// the arguments InterpreterBenchmark uses (FIB_N, SIEVE_N)
const kernels = [['fib', 'fib', 25], ['sieve', 'sieve', 1_000_000]];

function perCall(fn, arg, seconds) {
  const samples = [];
  for (let s = 0; s < seconds; s++) {
    const start = process.hrtime.bigint();
    let calls = 0;
    let elapsed = 0n;
    while (elapsed < 1_000_000_000n) {
      fn(arg);
      calls++;
      elapsed = process.hrtime.bigint() - start;
    }
    samples.push(Number(elapsed) / 1e6 / calls);
  }
  return samples;
}

for (const [file, name, arg] of kernels) {
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, `${file}.wasm`)));
  const fn = instance.exports[name];
  const result = fn(arg);
  perCall(fn, arg, warmup);
  const ms = perCall(fn, arg, measure);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(JSON.stringify({ kernel: name, arg, result, msPerCall: Number(mean.toFixed(4)),
    min: Number(Math.min(...ms).toFixed(4)), max: Number(Math.max(...ms).toFixed(4)) }));
}
