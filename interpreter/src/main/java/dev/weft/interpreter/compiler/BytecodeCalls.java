package dev.weft.interpreter.compiler;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.exec.HostCode;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.exec.TagInstance;
import dev.weft.interpreter.exec.V128;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Run-time helpers of compiled code for calls whose target is not a method of the same class:
 * the target's compiled method if it has one ({@link #direct}), else a call through the
 * function's public entry with boxed values (an interpreted Wasm function then runs on a fresh
 * interpreter stack, as when a host function calls Wasm), and exceptions thrown by compiled code.
 */
final class BytecodeCalls {
    private BytecodeCalls() {}

    /** The compiled method of {@code f}, or null when it is interpreted or a host function. */
    static MethodHandle direct(FunctionInstance f) {
        HostCode h = BytecodeSupport.hostOf(f);
        return h instanceof BytecodeEntry e ? e.direct : null;
    }

    /**
     * Calls {@code f} from code of {@code caller} with arguments given as slots (numbers in
     * {@code bits}, references in {@code refs}).
     */
    static Value[] invoke(ModuleInstance caller, FunctionInstance f, long[] bits, Object[] refs) {
        return FunctionInstance.callFromCompiled(caller, f, values(f.type().params(), bits, refs));
    }

    /** A Wasm exception with tag {@code tag} and the payload given as slots. */
    static WasmException exception(TagInstance tag, long[] bits, Object[] refs) {
        return new WasmException(tag, values(tag.type().params(), bits, refs));
    }

    /** The values given one per array index (a v128 as its {@link V128} in {@code refs}). */
    private static Value[] values(List<ValType> types, long[] bits, Object[] refs) {
        Value[] values = new Value[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = types.get(i) == NumType.V128 ? value((V128) refs[i])
                    : Value.fromSlot(types.get(i), bits[i], refs[i]);
        }
        return values;
    }

    static Value value(V128 v) {
        return Value.v128(v.lo, v.hi);
    }

    static V128 v128(Value v) {
        return V128.of(v.bits(), v.v128High());
    }

    static int resultInt(Value[] results, int i) {
        return (int) results[i].bits();
    }

    static long resultLong(Value[] results, int i) {
        return results[i].bits();
    }

    static Object resultRef(Value[] results, int i) {
        return results[i].ref();
    }

    static Object resultV128(Value[] results, int i) {
        return v128(results[i]);
    }
}
