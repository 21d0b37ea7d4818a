package dev.weft.interpreter.compiler;

import dev.weft.interpreter.Caller;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.Meter;
import dev.weft.interpreter.exec.V128;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * The way into a compiled function from anything but compiled code of its own class: the
 * interpreter (which calls it like a host function), the embedder, other modules. {@link #direct}
 * is the compiled method itself, which compiled callers of a dynamic target (call_indirect,
 * call_ref, imports) invoke without boxing. A Java stack overflow anywhere below becomes the
 * interpreter's "call stack exhausted" trap here.
 */
final class BytecodeEntry implements BytecodeSupport.CompiledEntry {
    /** The compiled static method, with the erased type of {@link JvmTypes#methodType}. */
    final MethodHandle direct;
    private final MethodHandle spread;
    /** The class's {@code s<index>(long[], Object[], int)}: the call with arguments and results in interpreter slots. */
    private final MethodHandle fromSlots;
    private final CompositeType.Func type;
    /** The instance's meter: a call through this entry always counts ({@link BytecodeSupport#hostEntry}). */
    private final Meter meter;

    BytecodeEntry(MethodHandle direct, MethodHandle fromSlots, CompositeType.Func type, Meter meter) {
        this.direct = direct;
        this.meter = meter;
        this.fromSlots = fromSlots;
        this.type = type;
        int n = type.params().size();
        this.spread = direct.asSpreader(Object[].class, n)
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    @Override
    public Value[] apply(Caller caller, Value[] args) {
        Object[] unboxed = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            unboxed[i] = unbox(type.params().get(i), args[i]);
        }
        Object result;
        BytecodeSupport.hostEntry(meter);
        try {
            result = spread.invokeExact(unboxed);
        } catch (Throwable t) {
            throw translate(t);
        }
        int n = type.results().size();
        if (n == 1) {
            return new Value[] {box(type.results().getFirst(), result)};
        }
        Value[] values = new Value[n];
        for (int i = 0; i < n; i++) {
            values[i] = box(type.results().get(i), ((Object[]) result)[i]);
        }
        return values;
    }

    @Override
    public void callFromSlots(long[] slots, Object[] refs, int base) {
        BytecodeSupport.hostEntry(meter);
        try {
            fromSlots.invokeExact(slots, refs, base);
        } catch (Throwable t) {
            throw translate(t);
        }
    }

    /** What leaves the entry: a Java stack overflow as "call stack exhausted", anything else as it is. */
    private static RuntimeException translate(Throwable t) {
        if (t instanceof StackOverflowError) {
            return new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    private static Object unbox(ValType t, Value v) {
        if (t == NumType.V128) {
            return BytecodeCalls.v128(v);
        }
        return switch (JvmTypes.kind(t)) {
            case INT -> (int) v.bits();
            case LONG -> v.bits();
            default -> v.ref();
        };
    }

    static Value box(ValType t, Object o) {
        if (t instanceof RefType rt) {
            return Value.ref(rt, o);
        }
        if (o instanceof V128 v) {
            return BytecodeCalls.value(v);
        }
        long bits = o instanceof Integer i ? i : (Long) o;
        return Value.fromSlot(t, bits, null);
    }
}
