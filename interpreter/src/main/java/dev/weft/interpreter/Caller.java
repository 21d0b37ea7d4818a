package dev.weft.interpreter;

import java.util.function.Function;

/**
 * What a host function sees of the Wasm code that called it ({@link HostFunction.WithCaller}):
 * the calling instance's exports, its memories among them, and the stack-switching requests of
 * {@link HostControl}. It is valid only during the call it was passed to. The calling instance is
 * known while its start function runs too, before {@link Linker#instantiate} has returned, so a
 * host function (WASI's, for one) can reach the guest's memory from a start function.
 *
 * <p>When a host function is called from Java ({@link WasmFunction#call} on it) or as the body
 * of a continuation started from Java, there is no calling instance: {@link #export} returns
 * null and {@link #memory()} throws.
 */
public interface Caller {
    /** The calling instance's export {@code name}, or null if it has none (or there is no calling instance). */
    Extern export(String name);

    /**
     * The calling instance's exported memory {@code name}.
     *
     * @throws IllegalStateException if there is no calling instance or it exports no memory called {@code name}
     */
    default Memory memory(String name) {
        if (export(name) instanceof Memory m) {
            return m;
        }
        throw new IllegalStateException("the calling Wasm instance exports no memory called \"" + name + "\"");
    }

    /**
     * The calling instance's memory exported as {@code "memory"}, the name toolchains and WASI use.
     *
     * @throws IllegalStateException if there is no calling instance or it exports no such memory
     */
    default Memory memory() {
        return memory("memory");
    }

    /** {@link HostControl#suspend}: ends this host call by suspending its caller to {@code tag}. */
    default HostControl.Request suspend(Tag tag, Value... payload) {
        return HostControl.suspend(tag, payload);
    }

    /** {@link HostControl#resume}: ends this host call by resuming {@code k}. */
    default HostControl.Request resume(Continuation k, Value[] args, Function<Continuation.Step, Value[]> then) {
        return HostControl.resume(k, args, then);
    }
}
