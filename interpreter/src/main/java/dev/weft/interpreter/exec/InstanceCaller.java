package dev.weft.interpreter.exec;

import dev.weft.interpreter.Caller;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Memory;
import dev.weft.interpreter.ast.Export;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Caller} host functions called from one instance's code receive: one per instance,
 * made with it, so a host call allocates nothing for it. Exports are looked up by name in a map
 * built on first use.
 */
public final class InstanceCaller implements Caller {
    /** The caller of a host function that no Wasm instance called (a call from Java). */
    public static final Caller NONE = new InstanceCaller(null);

    private final ModuleInstance instance;
    private Map<String, Extern> exports;

    InstanceCaller(ModuleInstance instance) {
        this.instance = instance;
    }

    @Override
    public Extern export(String name) {
        if (instance == null || instance.exports == null) {
            return null;
        }
        if (exports == null) {
            Map<String, Extern> m = new HashMap<>();
            for (Export e : instance.exports) {
                m.put(e.name(), Instantiator.export(instance, e));
            }
            exports = m;
        }
        return exports.get(name);
    }

    @Override
    public Memory memory(String name) {
        if (instance == null) {
            throw new IllegalStateException("no Wasm instance called this host function (it was called from Java)");
        }
        return Caller.super.memory(name);
    }

    /** The caller for code of {@code inst}, or {@link #NONE} for null. */
    static Caller of(ModuleInstance inst) {
        return inst == null ? NONE : inst.caller;
    }
}
