package dev.weft.interpreter.exec;

import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.valid.TypeRegistry;

/**
 * A function instance: Wasm code with its instance, or a host function. It is the runtime value
 * of a funcref. One final class for both so the interpreter tells them apart by a null check.
 */
public final class FunctionInstance implements WasmFunction {
    private static final int UNASSIGNED = -1;

    final CompositeType.Func type;
    /** Canonical type id (process-wide); a host function gets one when first linked. */
    int typeId;
    /** Lowered code, or null for a host function or a function compiled to JVM bytecode. */
    CompiledFunction code;
    /** The defining instance, or null for a host function. */
    ModuleInstance instance;
    /** Memory 0 of {@link #instance} (null without memories), for the loop's hot memory opcodes. */
    MemoryInstance memory0;
    /** The {@link Meter} of {@link #instance} (null for a host function), ticked on calls and back-edges. */
    Meter meter;
    /** The host code, or for a function compiled to bytecode its entry ({@link #enterCompiled}). */
    HostFunction host;
    final int paramSlots;
    final int resultSlots;
    /** The handler tables of this function's resume instructions, built on first use; see {@link ContOps}. */
    dev.weft.continuations.HandlerTable[] handlerTables;

    private FunctionInstance(CompositeType.Func type, int typeId, CompiledFunction code, HostFunction host) {
        this.type = type;
        this.typeId = typeId;
        this.code = code;
        this.host = host;
        this.paramSlots = slots(type.params().toArray(ValType[]::new));
        this.resultSlots = slots(type.results().toArray(ValType[]::new));
    }

    /** A Wasm function; its instance is set when the instance is complete. */
    static FunctionInstance wasm(CompositeType.Func type, int typeId, CompiledFunction code) {
        return new FunctionInstance(type, typeId, code, null);
    }

    /** A host function. */
    public static FunctionInstance host(CompositeType.Func type, HostFunction impl) {
        return new FunctionInstance(type, UNASSIGNED, null, impl);
    }

    /**
     * Makes this Wasm function run as compiled code behind {@code entry}: callers then treat it
     * like a host function (the interpreter's call path for those is the seam between the tiers).
     * Only at instantiation, before any of the module's code has run: a frame of its lowered code
     * must never be live when the lowered code goes.
     */
    void enterCompiled(BytecodeSupport.CompiledEntry entry) {
        code = null;
        host = entry;
    }

    private static int slots(ValType[] types) {
        int n = 0;
        for (ValType t : types) {
            n += t.slots();
        }
        return n;
    }

    @Override
    public CompositeType.Func type() {
        return type;
    }

    /** The canonical type id, or -1 for a host function not yet linked. */
    public int typeId() {
        return typeId;
    }

    /** True for a host function. */
    public boolean isHost() {
        return code == null;
    }

    /**
     * Whether this function may be used where the canonical type {@code expectedId} with
     * structure {@code expected} is required: its type is that type or a declared subtype of it.
     * A host function takes the id on first match.
     */
    boolean matches(int expectedId, CompositeType.Func expected) {
        if (typeId == UNASSIGNED && type.equals(expected)) {
            typeId = expectedId;
        }
        return typeId == expectedId || (typeId >= 0 && TypeRegistry.global().isSubtype(typeId, expectedId));
    }

    @Override
    public Value[] call(Value... args) {
        return Interpreter.call(this, args);
    }

    @Override
    public String toString() {
        return (isHost() ? "host function " : "function ") + type;
    }
}
