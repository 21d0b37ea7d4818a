package dev.weft.interpreter.exec;

import dev.weft.interpreter.Table;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;
import java.util.Arrays;

/**
 * A table: an {@code Object[]} of references (function instances, host objects or null).
 * Implementation limit: at most {@link #MAX_ELEMENTS} elements; {@code table.grow} beyond it
 * returns -1.
 */
public final class TableInstance implements Table {
    /** The largest size a table can grow to. */
    public static final long MAX_ELEMENTS = 10_000_000;

    private final RefType elementType;
    /** The declared limits (the minimum is the initial size). */
    private final Limits declared;
    /** The size growth may reach: the declared maximum, else the address type's, as a signed long. */
    private final long max;
    private final boolean is64;
    Object[] elements;

    private TableInstance(RefType elementType, int size, Limits declared, Object init, long limit) {
        this.elementType = elementType;
        this.declared = declared;
        this.is64 = declared.is64();
        long spec = is64 ? Long.MAX_VALUE : 0xFFFF_FFFFL;
        long max = declared.hasMax() && !Limits.above(declared.max(), spec) ? declared.max() : spec;
        this.max = limit >= 0 ? Math.min(max, limit) : max;
        this.elements = new Object[size];
        if (init != null) {
            Arrays.fill(elements, init);
        }
    }

    /**
     * A table of the type's minimum size filled with {@code init}.
     *
     * @throws Trap "resource exhausted" when the minimum exceeds {@link #MAX_ELEMENTS}
     */
    public static TableInstance create(TableType type, Object init) {
        return create(type, init, -1);
    }

    /**
     * {@link #create(TableType, Object)} for an instance that may use at most {@code limit}
     * elements per table (negative: no limit): growing past it returns -1.
     *
     * @throws Trap "resource exhausted" also when the minimum exceeds {@code limit}
     */
    public static TableInstance create(TableType type, Object init, long limit) {
        Limits l = type.limits();
        if (Limits.above(l.min(), MAX_ELEMENTS)) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "table of " + Long.toUnsignedString(l.min()) + " elements");
        }
        if (limit >= 0 && Limits.above(l.min(), limit)) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "table of " + Long.toUnsignedString(l.min())
                    + " elements exceeds the instance's limit of " + limit + " elements");
        }
        return new TableInstance(type.elementType(), (int) l.min(), l, init, limit);
    }

    /** True for a table64 table (i64 indices). */
    public boolean is64() {
        return is64;
    }

    @Override
    public TableType type() {
        return new TableType(elementType, new Limits(size(), declared.max(), is64, false, declared.hasMax()));
    }

    @Override
    public long size() {
        return elements.length;
    }

    /** The index operand as an unsigned value (i32 tables zero-extend). */
    long index(long raw) {
        return is64 ? raw : raw & 0xFFFF_FFFFL;
    }

    static Trap oob() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
    }

    @Override
    public Object get(long index) {
        if (index < 0 || index >= elements.length) {
            throw oob();
        }
        return elements[(int) index];
    }

    @Override
    public void set(long index, Object value) {
        checkElement(value);
        put(index, value);
    }

    /** Stores a reference Wasm produced (already of the right type). */
    void put(long index, Object value) {
        if (index < 0 || index >= elements.length) {
            throw oob();
        }
        elements[(int) index] = value;
    }

    /** Rejects a host-supplied element the table's type cannot hold. */
    private void checkElement(Object value) {
        boolean ok = value == null
                ? elementType.nullable()
                : Refs.holds(elementType, value, id -> id); // a table's type is canonical
        if (!ok) {
            throw new IllegalArgumentException("a table of " + elementType + " cannot hold " + value);
        }
    }

    @Override
    public long grow(long delta, Object init) {
        checkElement(init);
        return growBy(delta, init);
    }

    /** Drops the contents ({@link ModuleInstance#close}): the table is then empty. */
    void release() {
        elements = new Object[0];
    }

    /** Grows with an initial value Wasm produced. */
    long growBy(long delta, Object init) {
        long old = elements.length;
        if (delta < 0 || delta > max - old || old + delta > MAX_ELEMENTS) {
            return -1;
        }
        Object[] grown = Arrays.copyOf(elements, (int) (old + delta));
        Arrays.fill(grown, (int) old, grown.length, init);
        elements = grown;
        return old;
    }

    /** Checks that {@code [start, start + len)} is inside the table; returns start as an int. */
    int range(long start, long len) {
        if (start < 0 || len < 0 || start > elements.length - len) {
            throw oob();
        }
        return (int) start;
    }

    void fill(long start, Object value, long len) {
        int s = range(start, len);
        Arrays.fill(elements, s, s + (int) len, value);
    }

    static void copy(TableInstance dst, long d, TableInstance src, long s, long len) {
        int from = src.range(s, len);
        int to = dst.range(d, len);
        System.arraycopy(src.elements, from, dst.elements, to, (int) len);
    }

    void init(long dst, Object[] segment, long src, long len) {
        if (src < 0 || len < 0 || src > segment.length - len) {
            throw oob();
        }
        System.arraycopy(segment, (int) src, elements, range(dst, len), (int) len);
    }
}
