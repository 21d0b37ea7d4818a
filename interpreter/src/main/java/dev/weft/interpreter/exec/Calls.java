package dev.weft.interpreter.exec;

import dev.weft.interpreter.Caller;
import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.switching.StackValues;
import java.util.List;

/** The cold parts of calling: host calls, moving values between Java and the stack, checks. */
final class Calls {
    private Calls() {}

    /**
     * Calls host function {@code f} with its arguments on top of the stack, from {@code fn} at
     * {@code pc} (just after the call instruction). Continues as {@link Ext} describes: after the
     * call's results, or in a Wasm handler when the host throws a {@link WasmException}, or
     * wherever the request of a switching host function leads.
     */
    static int callHost(ExecStack st, FunctionInstance f, FunctionInstance fn, int pc, int fp, int sp,
            int depth) {
        if (f.host instanceof BytecodeSupport.CompiledEntry compiled) {
            return callCompiled(st, compiled, f, fn, pc, fp, sp, depth);
        }
        int base = sp - f.paramSlots;
        Value[] args = StackValues.read(st, base, f.type.params());
        st.sp = sp;
        st.depth = depth;
        Value[] results;
        HostControl.Request request = null;
        try {
            if (f.switching == null) {
                results = invokeHost(f, fn.instance.caller, args);
            } else {
                switch (invokeSwitching(f, fn.instance.caller, args)) {
                    case HostControl.Values v -> results = valuesOf(v);
                    case HostControl.Request q -> {
                        results = null;
                        request = q;
                    }
                }
            }
        } catch (WasmException e) {
            return ExceptionOps.unwind(st, e, fn, pc - 1, fp, depth);
        }
        if (request != null) {
            st.depth = Ext.resumeAt(st, depth, fn, pc, fp, base);
            return HostRequests.perform(st, f, base, request);
        }
        checkResults(f, results);
        if (base + f.resultSlots > st.slots.length) {
            st.grow(base + f.resultSlots, 0);
        }
        StackValues.write(st, base, results);
        return Ext.resumeAt(st, depth, fn, pc, fp, base + f.resultSlots);
    }

    /**
     * {@link #callHost} for a function compiled to bytecode: its arguments and results stay in
     * the stack's slots. It never switches stacks, so {@code st} is unchanged when it returns.
     */
    private static int callCompiled(ExecStack st, BytecodeSupport.CompiledEntry compiled, FunctionInstance f,
            FunctionInstance fn, int pc, int fp, int sp, int depth) {
        int base = sp - f.paramSlots;
        if (base + f.resultSlots > st.slots.length) {
            st.grow(base + f.resultSlots, 0);
        }
        st.sp = sp;
        st.depth = depth;
        try {
            compiled.callFromSlots(st.slots, st.refs, base);
        } catch (WasmException e) {
            return ExceptionOps.unwind(st, e, fn, pc - 1, fp, depth);
        } catch (Trap e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Trap(TrapKind.HOST, String.valueOf(e), e);
        }
        return Ext.resumeAt(st, depth, fn, pc, fp, base + f.resultSlots);
    }

    /**
     * Runs plain host function {@code f} called by code whose instance {@code caller}
     * describes, turning anything but a Trap or a WasmException into a trap "host function
     * failed".
     */
    static Value[] invokeHost(FunctionInstance f, Caller caller, Value[] args) {
        Value[] results;
        try {
            results = f.host.apply(caller, args);
        } catch (Throwable e) {
            throw hostFailure(e);
        }
        return results == null ? NO_VALUES : results;
    }

    /** {@link #invokeHost} for a switching host function: its values or its request. */
    static HostControl.Result invokeSwitching(FunctionInstance f, Caller caller, Value[] args) {
        HostControl.Result r;
        try {
            r = f.switching.apply(caller, args);
        } catch (Throwable e) {
            throw hostFailure(e);
        }
        if (r == null) {
            throw new Trap(TrapKind.HOST, "switching host function returned null instead of a HostControl.Result");
        }
        return r;
    }

    /** The results a switching host function's {@link HostControl.Values} carry. */
    static Value[] valuesOf(HostControl.Values r) {
        Value[] v = r.values();
        return v == null ? NO_VALUES : v;
    }

    private static final Value[] NO_VALUES = new Value[0];

    /**
     * Runs host function {@code f} where no interpreted call site can perform a request (a call
     * from Java, from compiled code of {@code caller}'s instance, as a continuation's body): a
     * HostControl request traps.
     */
    static Value[] invokeHostDirect(FunctionInstance f, Caller caller, Value[] args) {
        if (f.switching == null) {
            return invokeHost(f, caller, args);
        }
        if (invokeSwitching(f, caller, args) instanceof HostControl.Values v) {
            return valuesOf(v);
        }
        throw HostRequests.notFromWasm();
    }

    /** Runs host code {@code fn} on {@code arg} with {@link #invokeHost}'s treatment of exceptions. */
    static <T> Value[] invokeCallback(java.util.function.Function<T, Value[]> fn, T arg) {
        try {
            Value[] results = fn.apply(arg);
            return results == null ? new Value[0] : results;
        } catch (Throwable e) {
            throw hostFailure(e);
        }
    }

    /**
     * What host code's exception {@code e} becomes: a Trap, WasmException or
     * VirtualMachineError is rethrown as it is (a StackOverflowError becomes a trap where the
     * Wasm call that overflowed began); anything else (checked exceptions thrown sneakily and
     * errors too, as HostFunction says) becomes a trap "host".
     */
    private static RuntimeException hostFailure(Throwable e) {
        if (e instanceof RuntimeException r && (r instanceof Trap || r instanceof WasmException)) {
            return r;
        }
        if (e instanceof VirtualMachineError v) {
            throw v;
        }
        return new Trap(TrapKind.HOST, String.valueOf(e), e);
    }

    static void zeroLocals(long[] s, Object[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            s[i] = 0;
            r[i] = null;
        }
    }

    /** Moves the top {@code n} slots to {@code fp}; returns the new sp. */
    static int moveResults(long[] s, Object[] r, int sp, int fp, int n) {
        System.arraycopy(s, sp - n, s, fp, n);
        System.arraycopy(r, sp - n, r, fp, n);
        return fp + n;
    }

    static void checkArguments(FunctionInstance f, Value[] args) {
        ModuleInstance inst = f.instance;
        checkArguments(f.type.params(), args, inst == null || inst.typeIds == null ? null : i -> inst.typeIds[i]);
    }

    /** Checks {@code args} against {@code params}: count, then each value's type (IllegalArgumentException). */
    static void checkArguments(List<ValType> params, Value[] args) {
        checkArguments(params, args, null);
    }

    /**
     * {@link #checkArguments(List, Value[])} where {@code canonical} maps the params' concrete
     * type indices to canonical ids (null: unknown, see {@link Refs#holds}).
     */
    private static void checkArguments(List<ValType> params, Value[] args, java.util.function.IntUnaryOperator canonical) {
        if (args == null) {
            throw new IllegalArgumentException("args must not be null (pass no values for none)");
        }
        if (args.length != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " arguments "
                    + params + " but got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            if (!fits(args[i], params.get(i), canonical)) {
                throw new IllegalArgumentException("argument " + i + ": expected " + params.get(i)
                        + " but got " + (args[i] == null ? "null" : args[i].type()));
            }
        }
    }

    static void checkResults(FunctionInstance f, Value[] results) {
        if (f.host instanceof BytecodeSupport.CompiledEntry) {
            return; // validated code compiled to bytecode: its results have its type
        }
        if (!fitAll(results, f.type.results())) {
            throw new Trap(TrapKind.HOST, "host function returned values not matching " + f.type.results());
        }
    }

    /** Whether {@code values} may be passed where {@code types} are expected, one by one. */
    static boolean fitAll(Value[] values, List<ValType> types) {
        boolean ok = values.length == types.size();
        for (int i = 0; ok && i < values.length; i++) {
            ok = fits(values[i], types.get(i));
        }
        return ok;
    }

    /** Whether a value may be passed where {@code type} is expected (refs: by kind, nullability). */
    static boolean fits(Value v, ValType type) {
        return fits(v, type, null);
    }

    /** {@link #fits(Value, ValType)}; {@code canonical} maps concrete type indices (see {@link Refs#holds}). */
    static boolean fits(Value v, ValType type, java.util.function.IntUnaryOperator canonical) {
        if (v == null) {
            return false;
        }
        if (type instanceof NumType) {
            return v.type() == type;
        }
        RefType rt = (RefType) type;
        if (!(v.type() instanceof RefType)) {
            return false;
        }
        if (v.ref() == null) {
            return rt.nullable();
        }
        return Refs.holds(rt, v.ref(), canonical);
    }
}
