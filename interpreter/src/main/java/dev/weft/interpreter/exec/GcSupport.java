package dev.weft.interpreter.exec;

import dev.weft.interpreter.code.GcLayout;
import dev.weft.interpreter.exec.gc.ArrayObject;
import dev.weft.interpreter.exec.gc.StructObject;

/**
 * The struct and array instructions for code compiled to JVM bytecode
 * ({@code compiler.GcEmitter}): {@link GcOps}'s checks and allocations behind public static
 * methods over the compiled tier's values (i32/f32 as {@code int}, i64/f64 as {@code long},
 * references as {@code Object}), so both tiers trap and bound identically. A type immediate is
 * the module's type index in {@code inst}; a field is its resolved slot ({@link GcLayout}).
 * Methods whose name ends in I, L or R take or give an {@code int}, a {@code long} or a reference;
 * those ending in V a v128 ({@link V128}, typed {@code Object} as compiled code keeps it), stored
 * as the interpreter stores it: two numeric slots of a struct, two longs of a v128 array.
 */
public final class GcSupport {
    private static final long MASK32 = 0xFFFF_FFFFL;

    private GcSupport() {}

    // ---- structs ----------------------------------------------------------------------------

    public static Object structNewDefault(ModuleInstance inst, int type) {
        return new StructObject(inst.typeIds[type], inst.layouts[type]);
    }

    /** Sets numeric slot {@code slot} of a struct being built by {@code struct.new}; returns it. */
    public static Object structInitL(Object s, long v, int slot) {
        ((StructObject) s).nums[slot] = v;
        return s;
    }

    /** Sets reference slot {@code slot} of a struct being built by {@code struct.new}; returns it. */
    public static Object structInitR(Object s, Object v, int slot) {
        ((StructObject) s).refs[slot] = v;
        return s;
    }

    /** Sets v128 field {@code slot} (two numeric slots) of a struct being built by {@code struct.new}; returns it. */
    public static Object structInitV(Object s, Object v, int slot) {
        structSetV(s, v, slot);
        return s;
    }

    public static Object structGetV(Object s, int slot) {
        long[] nums = GcOps.struct(s).nums;
        return V128.of(nums[slot], nums[slot + 1]);
    }

    public static void structSetV(Object s, Object v, int slot) {
        long[] nums = GcOps.struct(s).nums;
        V128 x = (V128) v;
        nums[slot] = x.lo;
        nums[slot + 1] = x.hi;
    }

    public static long structGetL(Object s, int slot) {
        return GcOps.struct(s).nums[slot];
    }

    public static int structGetI(Object s, int slot) {
        return (int) GcOps.struct(s).nums[slot];
    }

    public static int structGetS(Object s, int slot, int bits) {
        return (int) GcOps.signExtend(GcOps.struct(s).nums[slot], bits);
    }

    public static int structGetU(Object s, int slot, int bits) {
        return (int) (GcOps.struct(s).nums[slot] & ((1L << bits) - 1));
    }

    public static Object structGetR(Object s, int slot) {
        return GcOps.struct(s).refs[slot];
    }

    public static void structSetL(Object s, long v, int slot) {
        GcOps.struct(s).nums[slot] = v;
    }

    public static void structSetI(Object s, int v, int slot) {
        GcOps.struct(s).nums[slot] = v;
    }

    public static void structSetR(Object s, Object v, int slot) {
        GcOps.struct(s).refs[slot] = v;
    }

    // ---- arrays -----------------------------------------------------------------------------

    public static Object arrayNewI(int v, int n, ModuleInstance inst, int type) {
        return arrayNewL(v, n, inst, type);
    }

    public static Object arrayNewL(long v, int n, ModuleInstance inst, int type) {
        ArrayObject x = GcOps.allocate(inst, type, n & MASK32);
        x.fill(0, v, null, x.length());
        return x;
    }

    public static Object arrayNewR(Object v, int n, ModuleInstance inst, int type) {
        ArrayObject x = GcOps.allocate(inst, type, n & MASK32);
        x.fill(0, 0, v, x.length());
        return x;
    }

    public static Object arrayNewV(Object v, int n, ModuleInstance inst, int type) {
        ArrayObject.Vectors x = (ArrayObject.Vectors) GcOps.allocate(inst, type, n & MASK32);
        V128 e = (V128) v;
        x.fill(0, e.lo, e.hi, x.length());
        return x;
    }

    public static Object arrayNewDefault(int n, ModuleInstance inst, int type) {
        return GcOps.allocate(inst, type, n & MASK32);
    }

    /** Sets element {@code i} of an array being built by {@code array.new_fixed}; returns it. */
    public static Object arrayInitI(Object a, int v, int i) {
        ((ArrayObject) a).set(i, v);
        return a;
    }

    public static Object arrayInitL(Object a, long v, int i) {
        ((ArrayObject) a).set(i, v);
        return a;
    }

    public static Object arrayInitR(Object a, Object v, int i) {
        ((ArrayObject) a).setRef(i, v);
        return a;
    }

    public static Object arrayInitV(Object a, Object v, int i) {
        V128 e = (V128) v;
        ((ArrayObject.Vectors) a).set(i, e.lo, e.hi);
        return a;
    }

    public static Object arrayNewData(int off, int n, ModuleInstance inst, int type, int data) {
        return GcOps.newData(inst, type, data, off, n);
    }

    public static Object arrayNewElem(int off, int n, ModuleInstance inst, int type, int elem) {
        return GcOps.newElem(inst, type, elem, off, n);
    }

    public static int arrayGetI(Object a, int i) {
        ArrayObject x = GcOps.array(a);
        return (int) x.get(GcOps.index(x, i));
    }

    public static int arrayGetU(Object a, int i) {
        ArrayObject x = GcOps.array(a);
        return (int) x.getU(GcOps.index(x, i));
    }

    public static long arrayGetL(Object a, int i) {
        ArrayObject x = GcOps.array(a);
        return x.get(GcOps.index(x, i));
    }

    public static Object arrayGetR(Object a, int i) {
        ArrayObject x = GcOps.array(a);
        return x.getRef(GcOps.index(x, i));
    }

    public static void arraySetI(Object a, int i, int v) {
        ArrayObject x = GcOps.array(a);
        x.set(GcOps.index(x, i), v);
    }

    public static void arraySetL(Object a, int i, long v) {
        ArrayObject x = GcOps.array(a);
        x.set(GcOps.index(x, i), v);
    }

    public static void arraySetR(Object a, int i, Object v) {
        ArrayObject x = GcOps.array(a);
        x.setRef(GcOps.index(x, i), v);
    }

    public static Object arrayGetV(Object a, int i) {
        ArrayObject.Vectors x = (ArrayObject.Vectors) GcOps.array(a);
        int at = GcOps.index(x, i);
        return V128.of(x.lo(at), x.hi(at));
    }

    public static void arraySetV(Object a, int i, Object v) {
        ArrayObject.Vectors x = (ArrayObject.Vectors) GcOps.array(a);
        V128 e = (V128) v;
        x.set(GcOps.index(x, i), e.lo, e.hi);
    }

    public static int arrayLen(Object a) {
        return GcOps.array(a).length();
    }

    public static void arrayFillI(Object a, int off, int v, int n) {
        arrayFillL(a, off, v, n);
    }

    public static void arrayFillL(Object a, int off, long v, int n) {
        ArrayObject x = GcOps.array(a);
        x.fill(GcOps.range(x, off, n), v, null, n);
    }

    public static void arrayFillR(Object a, int off, Object v, int n) {
        ArrayObject x = GcOps.array(a);
        x.fill(GcOps.range(x, off, n), 0, v, n);
    }

    public static void arrayFillV(Object a, int off, Object v, int n) {
        ArrayObject.Vectors x = (ArrayObject.Vectors) GcOps.array(a);
        V128 e = (V128) v;
        x.fill(GcOps.range(x, off, n), e.lo, e.hi, n);
    }

    public static void arrayCopy(Object dst, int d, Object src, int s, int n) {
        GcOps.copy(dst, d, src, s, n);
    }

    public static void arrayInitData(Object a, int d, int s, int n, ModuleInstance inst, int data) {
        GcOps.initData(a, d, s, n, inst, data);
    }

    public static void arrayInitElem(Object a, int d, int s, int n, ModuleInstance inst, int elem) {
        GcOps.initElem(a, d, s, n, inst, elem);
    }
}
