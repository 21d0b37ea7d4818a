package dev.weft.interpreter;

import dev.weft.interpreter.exec.ModuleInstance;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An instantiated module: its exports by name. Create one with {@link Linker#instantiate}.
 *
 * <p>Threads: an instance is not thread-safe. Call into it from one thread at a time (handing it
 * from thread to thread with the usual happens-before, such as an executor's queue, is fine). A
 * call from a second thread while a first one runs in the instance is refused with an
 * {@code IllegalStateException} (a cheap check, made when an embedder calls an export).
 * Continuations may be resumed on another thread than the one that created them.
 */
public final class Instance {
    private final CompiledModule module;
    private final ModuleInstance state;
    private final Map<String, Extern> exports;

    Instance(CompiledModule module, ModuleInstance state, Map<String, Extern> exports) {
        this.module = module;
        this.state = state;
        this.exports = Collections.unmodifiableMap(exports);
    }

    public CompiledModule module() {
        return module;
    }

    /** The runtime state (for the runtime's own tools and tests). */
    public ModuleInstance state() {
        return state;
    }

    /** All exports in declaration order. */
    public Map<String, Extern> exports() {
        return exports;
    }

    /** The export called {@code name}, or null. */
    public Extern export(String name) {
        return exports.get(name);
    }

    /** The exported function {@code name}; throws NoSuchElementException if there is none. */
    public WasmFunction function(String name) {
        return typed(name, WasmFunction.class);
    }

    public Memory memory(String name) {
        return typed(name, Memory.class);
    }

    public Global global(String name) {
        return typed(name, Global.class);
    }

    public Table table(String name) {
        return typed(name, Table.class);
    }

    /** The exported tag {@code name} (to catch or throw its exceptions from Java, or to suspend to it). */
    public Tag tag(String name) {
        return typed(name, Tag.class);
    }

    private <T extends Extern> T typed(String name, Class<T> kind) {
        Extern e = exports.get(name);
        if (!kind.isInstance(e)) {
            throw new NoSuchElementException("no exported " + kind.getSimpleName() + " \"" + name + "\"");
        }
        return kind.cast(e);
    }
}
