// The stack-switching guests of benchmarks/src/main/resources/wasmfx: for each, the scale of
// a full and a --quick run, what one call of run(n) counts as operations, and the result
// run(n) must return, computed by formula (never taken from an engine's output).
// ContinuationBenchmark.java keeps the same table on the JVM side.
const skynetNodes = depth => (10n ** BigInt(depth + 1) - 1n) / 9n;
const skynetSum = depth => { const leaves = 10n ** BigInt(depth); return leaves * (leaves - 1n) / 2n; };

export const GUESTS = {
  generator: { full: 10_000_000, quick: 10_000, ops: n => BigInt(n), expect: n => BigInt(n) * BigInt(n + 1) / 2n,
               op: 'suspend/resume pair', plainOp: 'value from a plain call' },
  lifecycle: { full: 1_000_000, quick: 10_000, ops: n => BigInt(n), expect: n => BigInt(n),
               op: 'cont.new + resume + return', plainOp: 'plain call + return' },
  skynet: { full: 6, quick: 3, ops: skynetNodes, expect: skynetSum, op: 'continuation (tree node)', plainOp: 'recursive call (tree node)' },
};

// 'generator-plain.wasm' -> GUESTS.generator (a baseline measures the same operations).
export function guestOf(file) {
  const name = file.split('/').pop().replace(/\.wasm$/, '').replace(/-plain$/, '');
  const guest = GUESTS[name];
  if (!guest) throw new Error(`unknown guest ${file}: expected one of ${Object.keys(GUESTS).join(', ')}`);
  const plain = /-plain(\.wasm)?$/.test(file);
  return { name, plain, ...guest, op: plain ? guest.plainOp : guest.op };
}
