package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.types.TypeRegistry;

/**
 * Table instructions and the {@code call_indirect} lookup, called from the dispatch loop with
 * the value arrays and sp; each returns the new sp where it changes. Indices of 32-bit tables
 * are zero-extended, of 64-bit tables taken as they are (negative = out of bounds).
 */
final class TableOps {
    static final Object[] EMPTY = new Object[0];
    private static final long MASK32 = 0xFFFF_FFFFL;

    private TableOps() {}

    /**
     * The function at {@code raw} in {@code t} if its canonical type is {@code typeId} or a
     * declared subtype of it, or a trap.
     */
    static FunctionInstance indirect(TableInstance t, long raw, int typeId) {
        long i = t.index(raw);
        Object[] elements = t.elements;
        if (i < 0 || i >= elements.length) {
            throw new Trap(TrapKind.UNDEFINED_ELEMENT);
        }
        Object e = elements[(int) i];
        if (e == null) {
            throw Trap.atIndex(TrapKind.UNINITIALIZED_ELEMENT, i);
        }
        FunctionInstance f = (FunctionInstance) e;
        if (f.typeId != typeId && !TypeRegistry.global().isSubtype(f.typeId, typeId)) {
            throw new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
        }
        return f;
    }

    static void get(long[] s, Object[] r, int sp, TableInstance t) {
        r[sp - 1] = t.get(t.index(s[sp - 1]));
    }

    static int set(long[] s, Object[] r, int sp, TableInstance t) {
        t.put(t.index(s[sp - 2]), r[sp - 1]);
        return sp - 2;
    }

    static int grow(long[] s, Object[] r, int sp, TableInstance t) {
        long delta = t.index(s[sp - 1]);
        s[sp - 2] = t.growBy(delta, r[sp - 2]);
        r[sp - 2] = null;
        return sp - 1;
    }

    static int fill(long[] s, Object[] r, int sp, TableInstance t) {
        t.fill(t.index(s[sp - 3]), r[sp - 2], t.index(s[sp - 1]));
        return sp - 3;
    }

    static int copy(long[] s, int sp, ModuleInstance inst, int dstIndex, int srcIndex) {
        TableInstance dst = inst.tables[dstIndex];
        TableInstance src = inst.tables[srcIndex];
        long n = dst.is64() && src.is64() ? s[sp - 1] : s[sp - 1] & MASK32;
        TableInstance.copy(dst, dst.index(s[sp - 3]), src, src.index(s[sp - 2]), n);
        return sp - 3;
    }

    static int init(long[] s, int sp, ModuleInstance inst, int elemIndex, int tableIndex) {
        TableInstance t = inst.tables[tableIndex];
        t.init(t.index(s[sp - 3]), inst.elements[elemIndex], s[sp - 2] & MASK32, s[sp - 1] & MASK32);
        return sp - 3;
    }
}
