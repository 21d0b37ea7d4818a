// Runs a module from `wasm-opt -ttf` in Node (V8) and prints what binaryen's `--fuzz-exec` prints,
// in the same line format (see fuzz/README.md). Usage: node node-shell.mjs MODULE.wasm SIDECAR.json
// The sidecar, written by NodeOracle, lists the exports in order, and every function by index, with
// parameter and result types (i32, i64, f32, f64, ref: a nullable reference JS can pass, nondef: a non-nullable
// reference, jsbad: v128, exnref or contref, which JS cannot pass at all) and each imported
// externref global's payload: what JS cannot learn from the module object.
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const sidecar = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const out = [];
const print = (line) => out.push(line);

const jsError = { jserror: true };
const wasmTag = new WebAssembly.Tag({ parameters: ['i32'] });
const jsTag = WebAssembly.JSTag;

function num(v) {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function text(v) {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return num(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'function') return 'function';
  if (v === jsError) return 'jserror';
  if (typeof v === 'object' && 'externPayload' in v) return 'externref(' + v.externPayload + ')';
  return 'object';
}

let instance;
const exportNames = sidecar.exports.map((e) => e.name);

// A call "from JS" the way binaryen models it: zero arguments; a JS exception for a type JS
// cannot pass (i64 parameters, v128/exnref/contref, non-nullable references).
function callAsJs(info, f) {
  const args = [];
  for (const p of info.params) {
    if (p === 'i64' || p === 'nondef' || p === 'jsbad') throw jsError;
    args.push(p === 'ref' ? null : 0);
  }
  for (const r of info.results) {
    if (r === 'jsbad') throw jsError;
  }
  return f(...args);
}

function callExport(index) {
  if (!instance) throw jsError; // from the start function: no exports yet
  const info = sidecar.exports[index];
  if (!info || info.kind !== 'func') throw jsError;
  return callAsJs(info, instance.exports[info.name]);
}

// V8 names a Wasm function object after its function index, which finds its type in the sidecar.
function callRef(f) {
  if (typeof f !== 'function') throw jsError;
  const info = sidecar.functions[Number(f.name)];
  if (!info) throw new Error('no type for function ' + f.name);
  return callAsJs(info, f);
}

const catching = (body) => { try { body(); return 0; } catch (e) { if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) throw e; return 1; } };

function log(name, args) {
  const parts = [];
  for (const a of args) {
    if (typeof a === 'bigint') {
      parts.push(String(Number(BigInt.asIntN(32, a))), String(Number(BigInt.asIntN(32, a >> 32n))));
    } else {
      parts.push(text(a));
    }
  }
  print('[LoggingExternalInterface ' + (name === 'log-branch' ? 'log-branch' : 'logging') + ' ' + parts.join(' ') + ']');
}

function table() {
  if (!instance) throw jsError;
  const t = instance.exports.table;
  if (!(t instanceof WebAssembly.Table)) throw jsError;
  return t;
}

const support = {
  'throw': (x) => { if (x === 0) throw jsError; throw new WebAssembly.Exception(wasmTag, [x]); },
  'table-get': (i) => { const t = table(); if (Number(i) >= t.length) throw jsError; return t.get(i); },
  'table-set': (i, v) => { const t = table(); if (Number(i) >= t.length) throw jsError; t.set(i, v); },
  'call-export': (i) => { callExport(i); },
  'call-export-catch': (i) => catching(() => callExport(i)),
  'call-ref': (f) => { callRef(f); },
  'call-ref-catch': (f) => catching(() => callRef(f)),
  'sleep': (ms, id) => id,
  'wasmtag': wasmTag,
  'jstag': jsTag,
};
const imports = {};
for (const imp of WebAssembly.Module.imports(new WebAssembly.Module(bytes))) {
  imports[imp.module] ??= {};
  if (imp.module === 'fuzzing-support') {
    imports[imp.module][imp.name] = imp.name.startsWith('log') ? (...args) => log(imp.name, args) : support[imp.name];
  } else if (imp.kind === 'global' && imp.module + '.' + imp.name in sidecar.externs) {
    imports[imp.module][imp.name] = { externPayload: sidecar.externs[imp.module + '.' + imp.name] };
  } else if (imp.kind === 'function') {
    imports[imp.module][imp.name] = () => {};
  }
}

function outcome(e) {
  if (e instanceof WebAssembly.RuntimeError) return '[trap ' + e.message + ']';
  if (e instanceof RangeError && /call stack/.test(e.message)) return '[trap stack overflow]';
  if (e instanceof WebAssembly.Exception && e.is(wasmTag)) return '[exception thrown: imported-wasm-tag ' + e.getArg(wasmTag, 0) + ']';
  if (e instanceof WebAssembly.Exception && !e.is(jsTag)) return '[exception thrown: wasm-tag]';
  return '[exception thrown: imported-js-tag jserror]';
}

try {
  instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError) {
    print('[trap ' + e.message + ']');
  } else if (!(e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError)) {
    print('[exception thrown: failed to instantiate module]'); // an exception escaped the start function
  } else {
    print('[node rejected the module: ' + e + ']');
  }
}
if (instance) {
  for (const info of sidecar.exports) {
    const name = info.name;
    if (info.kind === 'global') {
      print('[fuzz-exec] export ' + name);
      let value;
      try {
        value = instance.exports[name].value;
      } catch (e) {
        print('[not readable from JS]'); // an exnref global: JS cannot read it
        continue;
      }
      print('[LoggingExternalInterface logging ' + text(value) + ']');
    } else if (info.kind === 'func') {
      print('[fuzz-exec] export ' + name);
      if (info.params.includes('nondef')) {
        print('[trap fuzzer can only send defaultable parameters to exports]');
        continue;
      }
      if (info.params.includes('jsbad') || info.results.includes('jsbad')) {
        print('[not callable from JS]'); // binaryen and Weft call it, JS cannot: comparing ends here
        break;
        continue;
      }
      try {
        const args = info.params.map((p) => (p === 'i64' ? 0n : p === 'ref' ? null : 0));
        const r = instance.exports[name](...args);
        const values = info.results.length > 1 ? r : info.results.length === 1 ? [r] : [];
        values.forEach((v, i) => print(i === 0 ? '[fuzz-exec] note result: ' + name + ' => ' + text(v) : text(v)));
      } catch (e) {
        print(outcome(e));
      }
    }
  }
}
process.stdout.write(out.join('\n') + '\n');
