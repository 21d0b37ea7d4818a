package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.code.ExtInstr;
import dev.weft.interpreter.code.ExtOps;
import dev.weft.interpreter.code.GcLayout;
import dev.weft.interpreter.exec.gc.ArrayObject;
import dev.weft.interpreter.exec.gc.StructObject;

/**
 * The struct and array instructions of the GC proposal ({@code ExtOps.STRUCT_NEW} ..
 * {@code ExtOps.ARRAY_FILL_V128}), run on the value arrays: each takes its operands below
 * {@code sp} and returns the new sp. A type immediate is the module's type index, looked up in
 * the instance's {@link GcLayout}s and canonical ids; field accesses carry their resolved slot.
 * Indices and lengths are unsigned i32; a range past the end traps before anything is written.
 * A v128 field or element is two operand slots, low half first, as everywhere in the
 * interpreter; the allocating ones find it in the layout, the accesses have sub-opcodes of their
 * own. The allocating ones are also used by constant expressions ({@link ConstEval}).
 */
final class GcOps {
    private static final long MASK32 = 0xFFFF_FFFFL;
    /** The most elements a Java array can hold on common JVMs. */
    private static final long MAX_LENGTH = Integer.MAX_VALUE - 8;
    /** Immediates after each sub-opcode, from the instruction table. */
    private static final int[] IMMEDIATES = new int[ExtInstr.values().length];

    static {
        for (ExtInstr e : ExtInstr.values()) {
            IMMEDIATES[e.ordinal()] = e.layout().fixed().size();
        }
    }

    private GcOps() {}

    /** Whether {@code subop} is one of the struct and array instructions. */
    static boolean handles(int subop) {
        return subop >= ExtOps.STRUCT_NEW && subop <= ExtOps.ARRAY_FILL_V128;
    }

    /** The number of immediates after {@code subop}. */
    static int immediates(int subop) {
        return IMMEDIATES[subop];
    }

    /** Runs the struct or array instruction whose sub-opcode is at {@code code[pc]}; returns the new sp. */
    static int run(ExecStack st, ModuleInstance inst, int[] code, int pc, int sp) {
        long[] s = st.slots;
        Object[] r = st.refs;
        int a = code[pc + 1];
        return switch (code[pc]) {
            case ExtOps.STRUCT_NEW -> structNew(s, r, sp, inst, a);
            case ExtOps.STRUCT_NEW_DEFAULT -> structNewDefault(r, sp, inst, a);
            case ExtOps.STRUCT_GET -> num(s, r, sp - 1, struct(r[sp - 1]).nums[a]);
            case ExtOps.STRUCT_GET_REF -> {
                r[sp - 1] = struct(r[sp - 1]).refs[a];
                yield sp;
            }
            case ExtOps.STRUCT_GET_S -> num(s, r, sp - 1, signExtend(struct(r[sp - 1]).nums[a], code[pc + 2]));
            case ExtOps.STRUCT_GET_U -> num(s, r, sp - 1, struct(r[sp - 1]).nums[a] & ((1L << code[pc + 2]) - 1));
            case ExtOps.STRUCT_SET -> {
                struct(r[sp - 2]).nums[a] = s[sp - 1];
                r[sp - 2] = null;
                yield sp - 2;
            }
            case ExtOps.STRUCT_GET_V128 -> {
                StructObject o = struct(r[sp - 1]);
                r[sp - 1] = null;
                s[sp - 1] = o.nums[a];
                yield num(s, r, sp, o.nums[a + 1]);
            }
            case ExtOps.STRUCT_SET_V128 -> {
                StructObject o = struct(r[sp - 3]);
                o.nums[a] = s[sp - 2];
                o.nums[a + 1] = s[sp - 1];
                r[sp - 3] = null;
                yield sp - 3;
            }
            case ExtOps.STRUCT_SET_REF -> {
                struct(r[sp - 2]).refs[a] = r[sp - 1];
                r[sp - 2] = null;
                r[sp - 1] = null;
                yield sp - 2;
            }
            case ExtOps.ARRAY_NEW -> arrayNew(s, r, sp, inst, a);
            case ExtOps.ARRAY_NEW_DEFAULT -> arrayNewDefault(s, r, sp, inst, a);
            case ExtOps.ARRAY_NEW_FIXED -> arrayNewFixed(s, r, sp, inst, a, code[pc + 2]);
            case ExtOps.ARRAY_NEW_DATA -> arrayNewData(s, r, sp, inst, a, code[pc + 2]);
            case ExtOps.ARRAY_NEW_ELEM -> arrayNewElem(s, r, sp, inst, a, code[pc + 2]);
            default -> arrayAccess(s, r, sp, inst, code, pc);
        };
    }

    private static int arrayAccess(long[] s, Object[] r, int sp, ModuleInstance inst, int[] code, int pc) {
        switch (code[pc]) {
            case ExtOps.ARRAY_GET -> {
                ArrayObject x = array(r[sp - 2]);
                return num(s, r, sp - 2, x.get(index(x, s[sp - 1])));
            }
            case ExtOps.ARRAY_GET_U -> {
                ArrayObject x = array(r[sp - 2]);
                return num(s, r, sp - 2, x.getU(index(x, s[sp - 1])));
            }
            case ExtOps.ARRAY_GET_REF -> {
                ArrayObject x = array(r[sp - 2]);
                r[sp - 2] = x.getRef(index(x, s[sp - 1]));
                return sp - 1;
            }
            case ExtOps.ARRAY_SET -> {
                ArrayObject x = array(r[sp - 3]);
                x.set(index(x, s[sp - 2]), s[sp - 1]);
                r[sp - 3] = null;
                return sp - 3;
            }
            case ExtOps.ARRAY_SET_REF -> {
                ArrayObject x = array(r[sp - 3]);
                x.setRef(index(x, s[sp - 2]), r[sp - 1]);
                r[sp - 3] = null;
                r[sp - 1] = null;
                return sp - 3;
            }
            case ExtOps.ARRAY_GET_V128 -> {
                ArrayObject.Vectors x = (ArrayObject.Vectors) array(r[sp - 2]);
                int i = index(x, s[sp - 1]);
                r[sp - 2] = null;
                s[sp - 2] = x.lo(i);
                return num(s, r, sp - 1, x.hi(i));
            }
            case ExtOps.ARRAY_SET_V128 -> {
                ArrayObject.Vectors x = (ArrayObject.Vectors) array(r[sp - 4]);
                x.set(index(x, s[sp - 3]), s[sp - 2], s[sp - 1]);
                r[sp - 4] = null;
                return sp - 4;
            }
            case ExtOps.ARRAY_FILL_V128 -> {
                ArrayObject.Vectors x = (ArrayObject.Vectors) array(r[sp - 5]);
                int n = (int) s[sp - 1];
                x.fill(range(x, s[sp - 4], n), s[sp - 3], s[sp - 2], n);
                r[sp - 5] = null;
                return sp - 5;
            }
            case ExtOps.ARRAY_LEN -> {
                return num(s, r, sp - 1, array(r[sp - 1]).length());
            }
            case ExtOps.ARRAY_FILL -> {
                return arrayFill(s, r, sp);
            }
            case ExtOps.ARRAY_COPY -> {
                return arrayCopy(s, r, sp);
            }
            case ExtOps.ARRAY_INIT_DATA -> {
                return arrayInitData(s, r, sp, inst, code[pc + 1]);
            }
            case ExtOps.ARRAY_INIT_ELEM -> {
                return arrayInitElem(s, r, sp, inst, code[pc + 1]);
            }
            default -> throw new IllegalStateException("internal: bad GC sub-opcode " + code[pc] + " at " + pc);
        }
    }

    /** {@code struct.new type}: the fields are the top values, the first deepest (a v128 in two slots). */
    static int structNew(long[] s, Object[] r, int sp, ModuleInstance inst, int type) {
        GcLayout layout = inst.layouts[type];
        StructObject o = new StructObject(inst.typeIds[type], layout);
        int base = sp - layout.operandSlots();
        int at = base;
        for (int i = 0; i < layout.fields(); i++, at++) {
            int kind = layout.kind(i);
            if (kind == GcLayout.REF) {
                o.refs[layout.slot(i)] = r[at];
                r[at] = null;
            } else {
                o.nums[layout.slot(i)] = s[at];
                if (kind == GcLayout.V128) {
                    o.nums[layout.slot(i) + 1] = s[++at];
                }
            }
        }
        return push(r, base, o);
    }

    /** {@code struct.new_default type}. */
    static int structNewDefault(Object[] r, int sp, ModuleInstance inst, int type) {
        return push(r, sp, new StructObject(inst.typeIds[type], inst.layouts[type]));
    }

    /** {@code array.new type}: (value, length) on top (a v128 value in two slots). */
    static int arrayNew(long[] s, Object[] r, int sp, ModuleInstance inst, int type) {
        long n = s[sp - 1] & MASK32;
        ArrayObject x = allocate(inst, type, n);
        if (x instanceof ArrayObject.Vectors v) {
            v.fill(0, s[sp - 3], s[sp - 2], (int) n);
            r[sp - 3] = v;
            return sp - 2;
        }
        x.fill(0, s[sp - 2], r[sp - 2], (int) n);
        r[sp - 2] = x;
        return sp - 1;
    }

    /** {@code array.new_default type}: the length on top. */
    static int arrayNewDefault(long[] s, Object[] r, int sp, ModuleInstance inst, int type) {
        r[sp - 1] = allocate(inst, type, s[sp - 1] & MASK32);
        return sp;
    }

    /** {@code array.new_fixed type count}: the elements are the top {@code count} values, the first deepest. */
    static int arrayNewFixed(long[] s, Object[] r, int sp, ModuleInstance inst, int type, int count) {
        ArrayObject x = allocate(inst, type, count);
        if (x instanceof ArrayObject.Vectors v) {
            int base = sp - 2 * count;
            for (int i = 0; i < count; i++) {
                v.set(i, s[base + 2 * i], s[base + 2 * i + 1]);
            }
            return push(r, base, v);
        }
        int base = sp - count;
        boolean refs = inst.layouts[type].kind(0) == GcLayout.REF;
        for (int i = 0; i < count; i++) {
            if (refs) {
                x.setRef(i, r[base + i]);
                r[base + i] = null;
            } else {
                x.set(i, s[base + i]);
            }
        }
        return push(r, base, x);
    }

    private static int arrayNewData(long[] s, Object[] r, int sp, ModuleInstance inst, int type, int data) {
        r[sp - 2] = newData(inst, type, data, s[sp - 2], s[sp - 1]);
        return sp - 1;
    }

    private static int arrayNewElem(long[] s, Object[] r, int sp, ModuleInstance inst, int type, int elem) {
        r[sp - 2] = newElem(inst, type, elem, s[sp - 2], s[sp - 1]);
        return sp - 1;
    }

    /** {@code array.fill}: (array, offset, value, count) on top. */
    private static int arrayFill(long[] s, Object[] r, int sp) {
        ArrayObject x = array(r[sp - 4]);
        int n = (int) s[sp - 1];
        x.fill(range(x, s[sp - 3], n), s[sp - 2], r[sp - 2], n);
        clear(r, sp - 4, sp);
        return sp - 4;
    }

    /** {@code array.copy}: (dst, dstOffset, src, srcOffset, count) on top. */
    private static int arrayCopy(long[] s, Object[] r, int sp) {
        copy(r[sp - 5], s[sp - 4], r[sp - 3], s[sp - 2], s[sp - 1]);
        clear(r, sp - 5, sp);
        return sp - 5;
    }

    /** {@code array.init_data data}: (array, offset, segment offset, count) on top. */
    private static int arrayInitData(long[] s, Object[] r, int sp, ModuleInstance inst, int data) {
        initData(r[sp - 4], s[sp - 3], s[sp - 2], s[sp - 1], inst, data);
        clear(r, sp - 4, sp);
        return sp - 4;
    }

    /** {@code array.init_elem elem}: (array, offset, segment offset, count) on top. */
    private static int arrayInitElem(long[] s, Object[] r, int sp, ModuleInstance inst, int elem) {
        initElem(r[sp - 4], s[sp - 3], s[sp - 2], s[sp - 1], inst, elem);
        clear(r, sp - 4, sp);
        return sp - 4;
    }

    /** {@code array.new_data}: {@code n} elements read from byte {@code off} of data segment {@code data}. */
    static ArrayObject newData(ModuleInstance inst, int type, int data, long off, long n) {
        byte[] bytes = inst.data[data];
        n &= MASK32;
        int from = segmentStart(off, n, GcLayout.byteSize(inst.layouts[type].kind(0)), bytes.length,
                TrapKind.OUT_OF_BOUNDS_MEMORY);
        ArrayObject x = allocate(inst, type, n);
        x.loadData(0, bytes, from, (int) n);
        return x;
    }

    /** {@code array.new_elem}: items {@code [off, off + n)} of element segment {@code elem}. */
    static ArrayObject newElem(ModuleInstance inst, int type, int elem, long off, long n) {
        Object[] items = inst.elements[elem];
        n &= MASK32;
        int from = segmentStart(off, n, 1, items.length, TrapKind.OUT_OF_BOUNDS_TABLE);
        ArrayObject x = allocate(inst, type, n);
        x.loadRefs(0, items, from, (int) n);
        return x;
    }

    /** {@code array.copy}: both arrays checked for null and range before anything moves. */
    static void copy(Object dstRef, long d, Object srcRef, long s, long n) {
        ArrayObject dst = array(dstRef);
        ArrayObject src = array(srcRef);
        int to = range(dst, d, n);
        int from = range(src, s, n);
        dst.copy(to, src, from, (int) n);
    }

    /** {@code array.init_data}: the array's range is checked before the segment's. */
    static void initData(Object a, long d, long s, long n, ModuleInstance inst, int data) {
        ArrayObject x = array(a);
        int to = range(x, d, n);
        byte[] bytes = inst.data[data];
        int from = segmentStart(s, n & MASK32, GcLayout.byteSize(x.kind()), bytes.length, TrapKind.OUT_OF_BOUNDS_MEMORY);
        x.loadData(to, bytes, from, (int) n);
    }

    /** {@code array.init_elem}: the array's range is checked before the segment's. */
    static void initElem(Object a, long d, long s, long n, ModuleInstance inst, int elem) {
        ArrayObject x = array(a);
        int to = range(x, d, n);
        Object[] items = inst.elements[elem];
        int from = segmentStart(s, n & MASK32, 1, items.length, TrapKind.OUT_OF_BOUNDS_TABLE);
        x.loadRefs(to, items, from, (int) n);
    }

    /**
     * The start of the unsigned segment range of {@code n} elements of {@code size} units from
     * {@code off}, or a trap of {@code kind} when it passes the segment's {@code available} units.
     */
    private static int segmentStart(long off, long n, int size, int available, TrapKind kind) {
        off &= MASK32;
        if (off + n * size > available) {
            throw new Trap(kind);
        }
        return (int) off;
    }

    /** A new zeroed array of type {@code type} with {@code n} elements, or a trap if it cannot exist. */
    static ArrayObject allocate(ModuleInstance inst, int type, long n) {
        int kind = inst.layouts[type].kind(0);
        if ((kind == GcLayout.V128 ? 2 * n : n) > MAX_LENGTH) { // a v128 element takes two longs
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "array of " + n + " elements");
        }
        try {
            return ArrayObject.create(inst.typeIds[type], kind, (int) n);
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "array of " + n + " elements", e);
        }
    }

    static StructObject struct(Object o) {
        if (o == null) {
            throw new Trap(TrapKind.NULL_STRUCTURE_REFERENCE);
        }
        return (StructObject) o;
    }

    static ArrayObject array(Object o) {
        if (o == null) {
            throw new Trap(TrapKind.NULL_ARRAY_REFERENCE);
        }
        return (ArrayObject) o;
    }

    /** The unsigned index {@code i} as an int, or a trap when it is not below the length. */
    static int index(ArrayObject x, long i) {
        if (Integer.compareUnsigned((int) i, x.length()) >= 0) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_ARRAY);
        }
        return (int) i;
    }

    /** The start of the unsigned range {@code [off, off + n)}, or a trap when it passes the end. */
    static int range(ArrayObject x, long off, long n) {
        if ((off & MASK32) + (n & MASK32) > x.length()) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_ARRAY);
        }
        return (int) off;
    }

    /** A packed field's bits sign-extended from width {@code bits}. */
    static long signExtend(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    private static int num(long[] s, Object[] r, int at, long v) {
        s[at] = v;
        r[at] = null;
        return at + 1;
    }

    private static int push(Object[] r, int at, Object o) {
        r[at] = o;
        return at + 1;
    }

    private static void clear(Object[] r, int from, int to) {
        java.util.Arrays.fill(r, from, to, null);
    }
}
