package dev.weft.interpreter;

import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.exec.GlobalInstance;
import dev.weft.interpreter.exec.TableInstance;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import java.util.Objects;

/** Factories for host-created tables, memories and globals (functions: {@link HostFunction#of}). */
public final class Externs {
    private Externs() {}

    /**
     * A zero-filled memory of {@code type}'s minimum size.
     *
     * @throws IllegalArgumentException for limits a module could not declare (minimum above the
     *     maximum, or above 65,536 pages, 2^48 for memory64)
     * @throws Trap "resource exhausted" when the minimum is more than Weft can allocate
     */
    public static Memory memory(MemoryType type) {
        Objects.requireNonNull(type, "type");
        checkLimits(type.limits(), type.limits().is64() ? 1L << 48 : 65536, "pages");
        return MemoryInstance.create(type);
    }

    /**
     * A table of {@code type}'s minimum size with every element {@code init}.
     *
     * @throws IllegalArgumentException for limits a module could not declare (minimum above the
     *     maximum, or above 2^32-1 elements for a 32-bit table)
     * @throws Trap "resource exhausted" when the minimum is more than Weft can allocate
     */
    public static Table table(TableType type, Object init) {
        Objects.requireNonNull(type, "type");
        checkLimits(type.limits(), type.limits().is64() ? -1L : 0xFFFF_FFFFL, "elements");
        return TableInstance.create(type, init);
    }

    private static void checkLimits(Limits l, long cap, String unit) {
        if (l.hasMax() && Limits.above(l.min(), l.max())) {
            throw new IllegalArgumentException("limits: minimum " + Long.toUnsignedString(l.min())
                    + " is greater than maximum " + Long.toUnsignedString(l.max()));
        }
        if (Limits.above(l.min(), cap) || (l.hasMax() && Limits.above(l.max(), cap))) {
            throw new IllegalArgumentException("limits: at most " + Long.toUnsignedString(cap) + " " + unit);
        }
    }

    /** A global of {@code type} holding {@code value}. */
    public static Global global(GlobalType type, Value value) {
        GlobalInstance g = new GlobalInstance(type);
        g.setValue(value);
        return g;
    }
}
