// A stand-in for Weft's host module "weft_fiber", in JavaScript over JSPI, so the
// native guest builds can run on Node before Weft implements the module. It follows
// the contract of fibers/README.md step by step (shadow stacks included), which is
// what it is for: checking that contract and the native binaries. It is slow (every
// switch goes through promises); it is not a benchmark baseline.
//
// Use: const host = weftFiberHost(); instantiate with { weft_fiber: host.imports, ... };
// host.bind(instance); then await host.run(instance.exports._start).

const OK = 0, YIELD = 1, ERROR = 2;
const NEW = 'new', SUSPENDED = 'suspended', RUNNING = 'running', DONE = 'done';

export function weftFiberHost() {
  let ex = null;                 // guest exports
  let stackBytes = 65536;
  const fibers = new Map();      // handle -> fiber record
  let nextHandle = 1;
  const running = [];            // innermost running fiber last

  const sp = () => ex.__stack_pointer.value;
  const setSp = v => { ex.__stack_pointer.value = v; };
  const setStatus = (ptr, st) => new DataView(ex.memory.buffer).setInt32(ptr, st, true);

  const imports = {
    fiber_init(bytes) { stackBytes = bytes >>> 0 || 65536; },
    fiber_finalize() {},
    fiber_alloc(entry) {
      const low = ex.weft_fiber_stack_alloc(stackBytes) >>> 0;
      if (low === 0) return 0;
      const high = low + ((stackBytes + 15) & ~15);
      const fn = ex.__indirect_function_table.get(entry);
      if (!fn) return 0;
      const h = nextHandle++;
      fibers.set(h, { fn, low, high, sp: high, state: NEW, resumerSp: 0, statusPtr: 0,
                      wake: null, done: null });
      return h;
    },
    fiber_free(h) {
      const f = fibers.get(h);
      if (!f) return;
      fibers.delete(h);
      ex.weft_fiber_stack_free(f.low);
    },
    fiber_resume: new WebAssembly.Suspending((h, arg, statusPtr) => {
      const f = fibers.get(h);
      if (!f || (f.state !== NEW && f.state !== SUSPENDED)) {
        setStatus(statusPtr, ERROR);
        return 0;
      }
      f.resumerSp = sp();
      f.statusPtr = statusPtr;
      setSp(f.sp);
      running.push(f);
      const wasNew = f.state === NEW;
      f.state = RUNNING;
      return new Promise((resolve, reject) => {
        f.done = { resolve, reject };
        if (wasNew) {
          // settles the promise of whichever fiber_resume is waiting when it returns
          WebAssembly.promising(f.fn)(arg).then(result => {
            ex.weft_fiber_stack_check(f.low, f.high, sp());
            finish(f, OK);
            f.done.resolve(result);
          }, e => f.done.reject(e));
        } else {
          f.wake(arg);
        }
      });
    }),
    fiber_yield: new WebAssembly.Suspending(arg => {
      const f = running[running.length - 1];
      if (!f) throw new WebAssembly.RuntimeError('fiber_yield outside any fiber');
      f.sp = sp();
      ex.weft_fiber_stack_check(f.low, f.high, f.sp);
      finish(f, YIELD);
      const done = f.done;
      const next = new Promise(resolve => { f.wake = resolve; });
      done.resolve(arg);
      return next;
    }),
  };

  function finish(f, status) {
    running.pop();
    setSp(f.resumerSp);
    f.state = status === OK ? DONE : SUSPENDED;
    setStatus(f.statusPtr, status);
  }

  return {
    imports,
    bind(instance) { ex = instance.exports; },
    run(start) { return WebAssembly.promising(start)(); },
  };
}
