package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.exec.gc.I31Ref;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import dev.weft.interpreter.exec.numeric.NumericOps;

/**
 * What code compiled to JVM bytecode ({@code dev.weft.interpreter.compiler}) calls in this
 * package: the interpreter's own helpers behind public static methods, so both tiers share one
 * definition of each trap, bound and rounding. Values use the compiled tier's representation:
 * i32 and f32 as {@code int} (f32 as raw bits), i64 and f64 as {@code long} (f64 as raw bits),
 * references as {@code Object}. Every method is small enough for HotSpot to inline.
 */
public final class BytecodeSupport {
    private static final long MASK32 = 0xFFFF_FFFFL;

    private BytecodeSupport() {}

    /**
     * The entry of a function compiled to bytecode: a host function to the interpreter, whose
     * results need no check (they come from validated code).
     */
    public interface CompiledEntry extends HostCode {
        /**
         * Calls the compiled function with its arguments in interpreter slots from {@code base}
         * on (numbers in {@code slots}, references in {@code refs}) and leaves its results there
         * from {@code base} on: an interpreted caller's call without boxing ({@link Calls#callHost}).
         */
        void callFromSlots(long[] slots, Object[] refs, int base);
    }

    // ---- the seam -------------------------------------------------------------------------

    /**
     * Makes {@code f}, a Wasm function, run as compiled code: its calls go to {@code entry}, as a
     * host function's do (see {@link FunctionInstance}); frames already running its lowered code
     * go on running it.
     */
    public static void enterCompiled(FunctionInstance f, CompiledEntry entry) {
        f.enterCompiled(entry);
    }

    /**
     * Makes the {@code calls}-th interpreted call (at least 1) of any of {@code inst}'s own
     * functions run {@code tierUp} once, before that call goes on (the auto tier; see
     * {@link Hotness}). {@code tierUp} may {@link #enterCompiled} functions whose frames are running.
     */
    public static void tierUpWhenHot(ModuleInstance inst, int calls, Runnable tierUp) {
        Hotness.tierUpWhenHot(inst, calls, tierUp);
    }

    /** The host function behind {@code f} (a compiled entry for a compiled function), or null. */
    public static HostCode hostOf(FunctionInstance f) {
        return f.host;
    }

    /**
     * Calls {@code f} from compiled code: like {@link FunctionInstance#call} (an interpreted
     * function runs on a fresh interpreter stack) without checking the arguments, which come
     * from validated code (the embedder's check cannot tell continuation types from function
     * types).
     */
    public static dev.weft.interpreter.Value[] call(FunctionInstance f, dev.weft.interpreter.Value[] args) {
        dev.weft.interpreter.Value[] results = Interpreter.callValidated(f, args);
        if (f.code == null) {
            Calls.checkResults(f, results); // a host function's, as for an interpreted caller
        }
        return results;
    }

    /** True if {@code f} is a host function that promised never to switch stacks ({@code HostFunction.nonSwitching}). */
    public static boolean neverSwitches(FunctionInstance f) {
        return f.neverSwitches;
    }

    /** True if {@code f} still runs on the interpreter (Wasm code lowered for the loop). */
    public static boolean isInterpreted(FunctionInstance f) {
        return f.code != null;
    }

    // ---- traps ------------------------------------------------------------------------------

    public static Trap trap(TrapKind kind) {
        return new Trap(kind);
    }

    // ---- integer division -------------------------------------------------------------------

    public static int i32DivS(int a, int b) {
        return NumericOps.i32DivS(a, b);
    }

    public static int i32DivU(int a, int b) {
        return NumericOps.i32DivU(a, b);
    }

    public static int i32RemS(int a, int b) {
        return NumericOps.i32RemS(a, b);
    }

    public static int i32RemU(int a, int b) {
        return NumericOps.i32RemU(a, b);
    }

    public static long i64DivS(long a, long b) {
        return NumericOps.i64DivS(a, b);
    }

    public static long i64DivU(long a, long b) {
        return NumericOps.i64DivU(a, b);
    }

    public static long i64RemS(long a, long b) {
        return NumericOps.i64RemS(a, b);
    }

    public static long i64RemU(long a, long b) {
        return NumericOps.i64RemU(a, b);
    }

    // ---- floating point on raw bits ----------------------------------------------------------

    public static int f32Add(int a, int b) {
        return (int) NumericOps.f32Add(a, b);
    }

    public static int f32Sub(int a, int b) {
        return (int) NumericOps.f32Sub(a, b);
    }

    public static int f32Mul(int a, int b) {
        return (int) NumericOps.f32Mul(a, b);
    }

    public static int f32Div(int a, int b) {
        return (int) NumericOps.f32Div(a, b);
    }

    public static int f32Min(int a, int b) {
        return (int) NumericOps.f32Min(a, b);
    }

    public static int f32Max(int a, int b) {
        return (int) NumericOps.f32Max(a, b);
    }

    public static int f32Copysign(int a, int b) {
        return (int) NumericOps.f32Copysign(a, b);
    }

    public static int f32Sqrt(int a) {
        return (int) NumericOps.f32Sqrt(a);
    }

    public static int f32Eq(int a, int b) {
        return (int) NumericOps.f32Eq(a, b);
    }

    public static int f32Ne(int a, int b) {
        return (int) NumericOps.f32Ne(a, b);
    }

    public static int f32Lt(int a, int b) {
        return (int) NumericOps.f32Lt(a, b);
    }

    public static int f32Gt(int a, int b) {
        return (int) NumericOps.f32Gt(a, b);
    }

    public static int f32Le(int a, int b) {
        return (int) NumericOps.f32Le(a, b);
    }

    public static int f32Ge(int a, int b) {
        return (int) NumericOps.f32Ge(a, b);
    }

    public static long f64Add(long a, long b) {
        return NumericOps.f64Add(a, b);
    }

    public static long f64Sub(long a, long b) {
        return NumericOps.f64Sub(a, b);
    }

    public static long f64Mul(long a, long b) {
        return NumericOps.f64Mul(a, b);
    }

    public static long f64Div(long a, long b) {
        return NumericOps.f64Div(a, b);
    }

    public static long f64Min(long a, long b) {
        return NumericOps.f64Min(a, b);
    }

    public static long f64Max(long a, long b) {
        return NumericOps.f64Max(a, b);
    }

    public static long f64Copysign(long a, long b) {
        return NumericOps.f64Copysign(a, b);
    }

    public static long f64Sqrt(long a) {
        return NumericOps.db(Math.sqrt(NumericOps.d(a)));
    }

    public static int f64Eq(long a, long b) {
        return (int) NumericOps.f64Eq(a, b);
    }

    public static int f64Ne(long a, long b) {
        return (int) NumericOps.f64Ne(a, b);
    }

    public static int f64Lt(long a, long b) {
        return (int) NumericOps.f64Lt(a, b);
    }

    public static int f64Gt(long a, long b) {
        return (int) NumericOps.f64Gt(a, b);
    }

    public static int f64Le(long a, long b) {
        return (int) NumericOps.f64Le(a, b);
    }

    public static int f64Ge(long a, long b) {
        return (int) NumericOps.f64Ge(a, b);
    }

    /**
     * The unary operation {@code Op.values()[op]} (conversions, roundings, truncations) on a
     * value widened to a slot; the caller narrows an i32/f32 result with {@code l2i}.
     */
    public static long convert(int op, long x) {
        return NumericOps.convert(op, x);
    }

    // ---- memory (operands first, then the memory and the immediates) -------------------------

    public static int loadI32(int addr, MemoryInstance m, int offset) {
        return m.loadI32(addr, offset);
    }

    public static long loadI64(int addr, MemoryInstance m, int offset) {
        return m.loadI64(addr, offset);
    }

    public static int load8(int addr, MemoryInstance m, int offset) {
        return m.load8(addr, offset);
    }

    public static int load16(int addr, MemoryInstance m, int offset) {
        return m.load16(addr, offset);
    }

    public static void storeI32(int addr, int v, MemoryInstance m, int offset) {
        m.storeI32(addr, offset, v);
    }

    public static void storeI64(int addr, long v, MemoryInstance m, int offset) {
        m.storeI64(addr, offset, v);
    }

    public static void store8(int addr, int v, MemoryInstance m, int offset) {
        m.store8(addr, offset, v);
    }

    public static void store16(int addr, int v, MemoryInstance m, int offset) {
        m.store16(addr, offset, v);
    }

    /**
     * The checked effective address of an access of {@code n} bytes at an unsigned address (a
     * 32-bit one zero-extended by the caller) plus an offset of any size.
     */
    public static long effectiveAddress(long addr, MemoryInstance m, long offset, int n) {
        return m.ea(addr, offset, n);
    }

    public static int getI32(long ea, MemoryInstance m) {
        return m.getI32(ea);
    }

    public static long getI64(long ea, MemoryInstance m) {
        return m.getI64(ea);
    }

    public static int getI16(long ea, MemoryInstance m) {
        return m.getI16(ea);
    }

    public static int getI8(long ea, MemoryInstance m) {
        return m.getI8(ea);
    }

    public static void putI32(long ea, int v, MemoryInstance m) {
        m.putI32(ea, v);
    }

    public static void putI64(long ea, long v, MemoryInstance m) {
        m.putI64(ea, v);
    }

    public static void putI16(long ea, int v, MemoryInstance m) {
        m.putI16(ea, v);
    }

    public static void putI8(long ea, int v, MemoryInstance m) {
        m.putI8(ea, v);
    }

    /** {@code memory.size} of a 32-bit memory. */
    public static int memorySize32(MemoryInstance m) {
        return (int) m.pages();
    }

    /** {@code memory.size} of a 64-bit memory. */
    public static long memorySize64(MemoryInstance m) {
        return m.pages();
    }

    /** {@code memory.grow} of a 32-bit memory (the delta is unsigned). */
    public static int memoryGrow32(int delta, MemoryInstance m) {
        return (int) MemoryOps.grow(m, delta & MASK32);
    }

    /** {@code memory.grow} of a 64-bit memory. */
    public static long memoryGrow64(long delta, MemoryInstance m) {
        return MemoryOps.grow(m, delta);
    }

    /** {@code memory.fill} with addresses already widened (zero-extended for a 32-bit memory). */
    public static void memoryFill(long dst, int value, long len, MemoryInstance m) {
        m.fill(dst, value, len);
    }

    /** {@code memory.copy} with addresses and length already widened. */
    public static void memoryCopy(long d, long s, long len, MemoryInstance dst, MemoryInstance src) {
        MemoryInstance.copy(dst, d, src, s, len);
    }

    /** Ticks an instance's {@link Meter} (a class data constant): compiled code's loop heads. */
    public static void tick(Meter m) {
        Meter.tick(m);
    }

    /** A compiled function's entry: ticks {@code m} only when a check needs it ({@link Meter#callEntry}). */
    public static void callEntry(Meter m) {
        Meter.callEntry(m);
    }

    /** A call of a compiled function from Java or the interpreter: always counts once ({@link Meter#hostEntry}). */
    public static void hostEntry(Meter m) {
        Meter.hostEntry(m);
    }

    /**
     * The units left in {@code inst}'s current meter slice: a call-free loop of compiled code
     * takes them into a JVM local, ticks that, and gives the rest back with {@link #setTicks}
     * on every way out of the loop (a register decrement per back-edge instead of a field's).
     */
    public static int ticks(ModuleInstance inst) {
        return inst.meter.ticks;
    }

    /** Gives back the units a call-free loop has not used (see {@link #ticks}). */
    public static void setTicks(ModuleInstance inst, int ticks) {
        inst.meter.ticks = ticks;
    }

    /** A call-free loop's local count ran out: the meter's check (may trap), then the new slice's units. */
    public static int refill(ModuleInstance inst) {
        Meter m = inst.meter;
        m.refill();
        return m.ticks;
    }

    /** {@code memory.init}: the destination already widened; source and length are i32. */
    public static void memoryInit(long dst, int src, int len, MemoryInstance m, ModuleInstance inst, int dataIndex) {
        m.init(dst, inst.data[dataIndex], src & MASK32, len & MASK32);
    }

    public static void dataDrop(ModuleInstance inst, int dataIndex) {
        inst.data[dataIndex] = MemoryOps.EMPTY;
    }

    // ---- globals ----------------------------------------------------------------------------

    public static int globalI32(GlobalInstance g) {
        return (int) g.bits;
    }

    public static long globalI64(GlobalInstance g) {
        return g.bits;
    }

    public static Object globalRef(GlobalInstance g) {
        return g.ref;
    }

    public static void setGlobalI32(int v, GlobalInstance g) {
        g.bits = v;
    }

    public static void setGlobalI64(long v, GlobalInstance g) {
        g.bits = v;
    }

    public static void setGlobalRef(Object v, GlobalInstance g) {
        g.ref = v;
    }

    // ---- references and casts (targets encoded as in CastOps) --------------------------------

    /** {@code ref.eq}: 1 for the same reference or equal i31 references, else 0. */
    public static int refEq(Object a, Object b) {
        return a == b || (a instanceof I31Ref x && x.equals(b)) ? 1 : 0;
    }

    /** {@code ref.test}: 1 if {@code ref} matches the encoded target, else 0. */
    public static int refTest(Object ref, int target, int nullable) {
        return CastOps.test(ref, target, nullable != 0) ? 1 : 0;
    }

    /** {@code ref.cast}: {@code ref}, or the trap "cast failure". */
    public static Object refCast(Object ref, int target, int nullable) {
        if (!CastOps.test(ref, target, nullable != 0)) {
            throw new Trap(TrapKind.CAST_FAILURE);
        }
        return ref;
    }

    /** The encoded cast target of an abstract heap type (a concrete type's is its canonical id). */
    public static int castTarget(dev.weft.interpreter.ast.AbsHeapType h) {
        return dev.weft.interpreter.code.CastTarget.of(h);
    }

    public static Object refI31(int value) {
        return I31Ref.of(value);
    }

    /** {@code i31.get_s} ({@code signed} != 0) or {@code i31.get_u}, trapping on null. */
    public static int i31Get(Object ref, int signed) {
        if (ref == null) {
            throw new Trap(TrapKind.NULL_I31_REFERENCE);
        }
        I31Ref i = (I31Ref) ref;
        return signed != 0 ? i.value() : i.unsigned();
    }

    // ---- tables and calls (indices widened by the caller; a 32-bit table masks them) ---------

    /** The callee of {@code call_indirect}, with the interpreter's checks and traps. */
    public static FunctionInstance indirect(long index, TableInstance t, int typeId) {
        return TableOps.indirect(t, index, typeId);
    }

    /** The callee of {@code call_ref}, or the trap "null function reference". */
    public static FunctionInstance callee(Object ref) {
        return RefOps.callee(ref);
    }

    public static Object tableGet(long index, TableInstance t) {
        return t.get(t.index(index));
    }

    public static void tableSet(long index, Object value, TableInstance t) {
        t.put(t.index(index), value);
    }

    public static long tableSize(TableInstance t) {
        return t.size();
    }

    public static long tableGrow(Object init, long delta, TableInstance t) {
        return t.growBy(t.index(delta), init);
    }

    public static void tableFill(long start, Object value, long len, TableInstance t) {
        t.fill(t.index(start), value, t.index(len));
    }

    public static void tableCopy(long d, long s, long len, TableInstance dst, TableInstance src) {
        long n = dst.is64() && src.is64() ? len : len & MASK32;
        TableInstance.copy(dst, dst.index(d), src, src.index(s), n);
    }

    public static void tableInit(long dst, int src, int len, TableInstance t, ModuleInstance inst, int elemIndex) {
        t.init(t.index(dst), inst.elements[elemIndex], src & MASK32, len & MASK32);
    }

    public static void elemDrop(ModuleInstance inst, int elemIndex) {
        inst.elements[elemIndex] = TableOps.EMPTY;
    }
}
