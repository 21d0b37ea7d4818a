package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.exec.HostCode;
import dev.weft.interpreter.exec.SwitchingHostCode;

/**
 * A function implemented in Java. It receives the arguments as {@link Value}s and returns the
 * results; it may call back into Wasm. A {@link Trap} thrown here traps the calling Wasm code and
 * a {@link WasmException} is thrown into it (Wasm may catch it). A {@code StackOverflowError}
 * becomes the trap "call stack exhausted"; any other throwable, checked exceptions and errors
 * such as {@code AssertionError} included, becomes a trap "host function failed" with it as the
 * cause. Only failures of the JVM itself ({@code VirtualMachineError}: out of memory, internal
 * errors) pass through unchanged.
 *
 * <p>A host function that needs to know its caller (to read the guest's memory, say) is written
 * as a {@link WithCaller} instead: {@code HostFunction.of(type, (caller, args) -> ...)}. Both forms
 * stay, because most host functions (arithmetic, clocks, callbacks into Java) need no caller
 * and the one-argument lambda every existing embedding uses keeps compiling unchanged; the
 * runtime calls {@link #apply(Caller, Value[])}, which a plain host function ignores.
 */
@FunctionalInterface
public interface HostFunction extends HostCode {
    Value[] apply(Value[] args);

    /**
     * The call the runtime makes: {@code caller} describes the calling Wasm code. A plain host
     * function ignores it; one made from a {@link WithCaller} passes it on.
     */
    @Override
    default Value[] apply(Caller caller, Value[] args) {
        return apply(args);
    }

    /** A host function that receives its {@link Caller} with the arguments. */
    @FunctionalInterface
    interface WithCaller {
        Value[] apply(Caller caller, Value[] args);
    }

    /** {@link #of(CompositeType.Func, HostFunction)} for a function that receives its caller. */
    static WasmFunction of(CompositeType.Func type, WithCaller impl) {
        java.util.Objects.requireNonNull(impl, "impl");
        return of(type, new CallerAware(impl));
    }

    /** {@link #nonSwitching(CompositeType.Func, HostFunction)} for a function that receives its caller. */
    static WasmFunction nonSwitching(CompositeType.Func type, WithCaller impl) {
        java.util.Objects.requireNonNull(impl, "impl");
        return nonSwitching(type, new CallerAware(impl));
    }

    /**
     * A host function that may switch stacks: each call ends with a {@link HostControl.Result},
     * its values or a {@link HostControl} request. Wasm code that can call it stays on the
     * interpreter.
     */
    @FunctionalInterface
    interface Switching extends SwitchingHostCode {
        @Override
        HostControl.Result apply(Caller caller, Value[] args);
    }

    /** A function instance of type {@code type} backed by {@code impl}, which may switch stacks. */
    static WasmFunction switching(CompositeType.Func type, Switching impl) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(impl, "impl");
        return FunctionInstance.switchingHost(type, impl);
    }

    /**
     * A function instance of type {@code type} backed by {@code impl}. It cannot switch stacks
     * (only a {@link #switching} function can; it may still call Wasm, trap or throw), so Wasm
     * functions that call it can be compiled to JVM bytecode, as those that call WASI can.
     */
    static WasmFunction of(CompositeType.Func type, HostFunction impl) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(impl, "impl");
        return FunctionInstance.host(type, impl, true);
    }

    /**
     * The same as {@link #of(CompositeType.Func, HostFunction)}: from when a plain host function
     * could return a switch request and only functions made with this were known not to.
     */
    static WasmFunction nonSwitching(CompositeType.Func type, HostFunction impl) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(impl, "impl");
        return FunctionInstance.host(type, impl, true);
    }
}
