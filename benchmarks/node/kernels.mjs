// Times the compute kernels (benchmarks/src/main/resources/kernels) on Node's V8, in process, like
// the JMH benchmark and `weft bench`'s kernels section: the same .wasm bytes and arguments,
// warm-up first, then the mean milliseconds per call of each measured batch. One JSON line per
// kernel, with every batch's figure in "samples".
// Usage: node benchmarks/node/kernels.mjs [warmupSeconds=5] [batches=5] [batchSeconds=1] [KERNEL=ARG[,INIT] ...]
// (default kernels: fib=25 sieve=1000000, the arguments of InterpreterBenchmark)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/main/resources/kernels');
const warmup = Number(process.argv[2] ?? 5);
const batches = Number(process.argv[3] ?? 5);
const batchNanos = BigInt(Math.round(Number(process.argv[4] ?? 1) * 1e9));
const pairs = process.argv.length > 5 ? process.argv.slice(5) : ['fib=25', 'sieve=1000000'];
// KERNEL=ARG[,INIT]: INIT, when given, is an export called once with ARG before the timed calls
const kernels = pairs.map((p) => {
  const [name, rest] = p.split('=');
  const [arg, init] = rest.split(',');
  return [name, name, Number(arg), init];
});

function perCall(fn, arg, n, nanos) {
  const samples = [];
  for (let s = 0; s < n; s++) {
    const start = process.hrtime.bigint();
    let calls = 0;
    let elapsed = 0n;
    while (elapsed < nanos || calls === 0) {
      fn(arg);
      calls++;
      elapsed = process.hrtime.bigint() - start;
    }
    samples.push(Number(elapsed) / 1e6 / calls);
  }
  return samples;
}

for (const [file, name, arg, init] of kernels) {
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, `${file}.wasm`)));
  if (init) {
    instance.exports[init](arg);
  }
  const fn = instance.exports[name];
  const result = fn(arg);
  perCall(fn, arg, 1, BigInt(Math.round(warmup * 1e9)));
  const ms = perCall(fn, arg, batches, batchNanos);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(JSON.stringify({ kernel: name, arg, result, msPerCall: Number(mean.toFixed(4)),
    min: Number(Math.min(...ms).toFixed(4)), max: Number(Math.max(...ms).toFixed(4)),
    samples: ms.map((x) => Number(x.toFixed(4))) }));
}
