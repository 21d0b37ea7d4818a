package dev.weft.interpreter;

import dev.weft.interpreter.exec.ModuleInstance;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;

/** An instantiated module: its exports by name. Create one with {@link Linker#instantiate}. */
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

    private <T extends Extern> T typed(String name, Class<T> kind) {
        Extern e = exports.get(name);
        if (!kind.isInstance(e)) {
            throw new NoSuchElementException("no exported " + kind.getSimpleName() + " \"" + name + "\"");
        }
        return kind.cast(e);
    }
}
