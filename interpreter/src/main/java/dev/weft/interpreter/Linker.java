package dev.weft.interpreter;

import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDescText;
import dev.weft.interpreter.compiler.BytecodeTier;
import dev.weft.interpreter.exec.Instantiator;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.exec.memory.MemoryAllocator;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves imports by (module, name) and instantiates modules. Definitions come from the host
 * ({@link #define}) or from instances whose exports are registered under a module name
 * ({@link #register}). Not thread-safe.
 */
public final class Linker {
    private final Map<String, Map<String, Extern>> modules = new HashMap<>();
    private ResourceLimits limits = ResourceLimits.NONE;

    /** Sets the limits of the instances this linker creates from now on (default {@link ResourceLimits#NONE}). */
    public Linker limits(ResourceLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** Makes {@code extern} importable as {@code module}.{@code name} (replacing an earlier one). */
    public Linker define(String module, String name, Extern extern) {
        modules.computeIfAbsent(module, k -> new HashMap<>()).put(name, extern);
        return this;
    }

    /** Makes every export of {@code instance} importable under {@code module}. */
    public Linker register(String module, Instance instance) {
        instance.exports().forEach((name, e) -> define(module, name, e));
        return this;
    }

    /** The definition of {@code module}.{@code name}, or null. */
    public Extern lookup(String module, String name) {
        Map<String, Extern> m = modules.get(module);
        return m == null ? null : m.get(name);
    }

    /**
     * Instantiates {@code module}: resolves and checks its imports, initialises its segments and
     * runs its start function.
     *
     * @throws UnlinkableException     "unknown import" or "incompatible import type"
     * @throws UninstantiableException a segment was out of bounds or the start function trapped
     */
    public Instance instantiate(CompiledModule module) throws UnlinkableException, UninstantiableException {
        return instantiate(module, resolve(module), limits, MemoryAllocator.FRESH, null);
    }

    /** The limits set with {@link #limits(ResourceLimits)}. */
    ResourceLimits limits() {
        return limits;
    }

    /** One extern per import of {@code module}, in import order; "unknown import" for one not defined. */
    List<Extern> resolve(CompiledModule module) throws UnlinkableException {
        List<Extern> resolved = new ArrayList<>();
        for (Import imp : module.module().imports()) {
            Extern e = lookup(imp.module(), imp.name());
            if (e == null) {
                throw new UnlinkableException("unknown import: \"" + imp.module() + "\" \"" + imp.name()
                        + "\", expected " + ImportDescText.of(imp.desc(), i -> module.validated().types().get(i).composite()));
            }
            resolved.add(e);
        }
        return resolved;
    }

    /**
     * Instantiates {@code module} against {@code imports} (from {@link #resolve}) under
     * {@code limits}, its own memories from {@code memories}; {@code onClose} (or null) runs
     * after the instance is closed.
     */
    static Instance instantiate(CompiledModule module, List<Extern> imports, ResourceLimits limits,
            MemoryAllocator memories, Runnable onClose) throws UnlinkableException, UninstantiableException {
        ValidatedModule vm = module.validated();
        var tierUp = BytecodeTier.forInstantiation(module);
        ModuleInstance state = Instantiator.instantiate(
                new Instantiator.Input(vm.module(), vm.types(), vm.canonicalTypeIds(), module.functions()), imports,
                tierUp == null ? null : inst -> tierUp.accept(vm, inst), limits, memories);
        Map<String, Extern> exports = new LinkedHashMap<>();
        for (Export e : module.module().exports()) {
            exports.put(e.name(), Instantiator.export(state, e));
        }
        return new Instance(module, state, exports, onClose);
    }
}
