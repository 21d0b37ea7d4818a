// Cross-check of GcVectorFieldsTest's expected values on Node/V8 (see that test's javadoc):
//   guests/.tools/node_modules/.bin/wasm-as --all-features v128-fields.wat -o /tmp/v128-fields.wasm
//   node v128-fields.mjs /tmp/v128-fields.wasm
// prints one line per call: the results (i64 in hex) or "trap: <V8's message>".
import { readFileSync } from 'node:fs';

const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]));
const calls = [
  ['struct-new'], ['struct-default'], ['struct-set'], ['global-struct'], ['global-arrays'],
  ['array-new', 3], ['array-new', 1], ['array-new', 0], ['array-default'],
  ['array-set', 2], ['array-set', 4], ['array-get', 3], ['array-get', 4], ['array-get', -1],
  ['array-fill', 1, 3], ['array-fill', 0, 0], ['array-fill', 5, 0], ['array-fill', 4, 2], ['array-fill', 6, 0],
  ['array-copy-self', 1, 0, 3], ['array-copy-self', 0, 1, 3], ['array-copy-self', 4, 0, 0],
  ['array-copy-self', 2, 0, 3], ['array-copy-self', 0, 2, 3],
  ['array-copy-other', 0, 1, 3], ['array-copy-other', 1, 0, 3], ['array-copy-other', 0, 2, 3],
  ['new-data', 0, 3], ['new-data', 1, 2], ['new-data', 32, 1], ['new-data', 1, 3],
  ['init-data', 1, 16, 2], ['init-data', 0, 0, 3], ['init-data', 3, 48, 0], ['init-data', 2, 0, 2], ['init-data', 0, 40, 1],
  ['array-huge', 1073741824],
  ['null-struct-get'], ['null-struct-set'], ['null-array-get'], ['null-array-set'], ['null-array-fill'], ['null-array-len'],
];
const show = v => typeof v === 'bigint' ? '0x' + BigInt.asUintN(64, v).toString(16) : String(v);
for (const [name, ...args] of calls) {
  let out;
  try {
    const r = instance.exports[name](...args);
    out = (Array.isArray(r) ? r : r === undefined ? [] : [r]).map(show).join(' ');
  } catch (e) {
    out = 'trap: ' + e.message;
  }
  console.log(`${name}(${args.join(', ')}) = ${out}`);
}
