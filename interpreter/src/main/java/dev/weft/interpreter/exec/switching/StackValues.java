package dev.weft.interpreter.exec.switching;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.ValType;
import java.util.List;

/** Values on a stack: moving them between stacks, and between slots and {@link Value}s. */
public final class StackValues {
    private StackValues() {}

    /** The values of {@code types} stored from slot {@code base} of {@code st}. */
    public static Value[] read(SwitchStack st, int base, List<ValType> types) {
        Value[] values = new Value[types.size()];
        int slot = base;
        for (int i = 0; i < values.length; i++) {
            ValType t = types.get(i);
            values[i] = Value.fromSlots(t, st.slots, st.refs, slot);
            slot += t.slots();
        }
        return values;
    }

    /** Stores {@code values} from slot {@code base} of {@code st} (which has room). */
    public static void write(SwitchStack st, int base, Value[] values) {
        int slot = base;
        for (Value v : values) {
            v.toSlots(st.slots, st.refs, slot);
            slot += v.type().slots();
        }
    }

    /** The stack slots {@code values} take. */
    public static int slotCount(Value[] values) {
        int n = 0;
        for (Value v : values) {
            n += v.type().slots();
        }
        return n;
    }

    /**
     * Copies {@code n} values (slots and references) from {@code src} of one stack to
     * {@code dst} of another. Payloads, arguments and results are a few values, for which a
     * loop beats two {@code System.arraycopy} calls (each a stub call, the reference one with
     * G1's barrier loop around it).
     */
    public static void move(SwitchStack from, int src, SwitchStack to, int dst, int n) {
        long[] fs = from.slots;
        Object[] fr = from.refs;
        long[] ts = to.slots;
        Object[] tr = to.refs;
        for (int i = 0; i < n; i++) {
            ts[dst + i] = fs[src + i];
            tr[dst + i] = fr[src + i];
        }
    }

    /** Drops the references in {@code [from, to)} (values that moved away must not stay reachable). */
    public static void clear(Object[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            r[i] = null;
        }
    }
}
