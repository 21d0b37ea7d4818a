package dev.weft.interpreter.exec;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import dev.weft.interpreter.types.TypeRegistry;

/**
 * A function instance: Wasm code with its instance, or a host function. It is the runtime value
 * of a funcref. One final class for both so the interpreter tells them apart by a null check.
 */
public final class FunctionInstance implements WasmFunction {
    private static final int UNASSIGNED = -1;

    final CompositeType.Func type;
    /** Canonical type id (process-wide); a host function gets one when first linked. */
    int typeId;
    /**
     * The code calls run in the interpreter: the lowered code, or null for a host function or a
     * function compiled to JVM bytecode (calls then go to {@link #host}).
     */
    CompiledFunction code;
    /**
     * The lowered code, kept when the function tiers up to bytecode: frames that were running
     * it when it did go on running it (frame pops, handlers and branches read this field).
     * Null for a host function.
     */
    final CompiledFunction lowered;
    /** Calls of the lowered code left until the function is hot (see {@link Hotness}). */
    int untilHot = Hotness.NEVER;
    /** The defining instance, or null for a host function. */
    ModuleInstance instance;
    /** Memory 0 of {@link #instance} (null without memories), for the loop's hot memory opcodes. */
    MemoryInstance memory0;
    /** The {@link Meter} of {@link #instance} (null for a host function), ticked on calls and back-edges. */
    Meter meter;
    /** The host code, or for a function compiled to bytecode its entry ({@link #enterCompiled}). */
    HostCode host;
    /** A host function marked as never switching stacks ({@link dev.weft.interpreter.HostFunction#nonSwitching}). */
    final boolean neverSwitches;
    /** The code of a host function that may switch stacks ({@link dev.weft.interpreter.HostFunction#switching}); {@link #host} is then null. */
    final SwitchingHostCode switching;
    final int paramSlots;
    final int resultSlots;
    /** The handler tables of this function's resume instructions, built on first use; see {@link ContOps}. */
    dev.weft.continuations.HandlerTable[] handlerTables;

    private FunctionInstance(CompositeType.Func type, int typeId, CompiledFunction code, HostCode host,
            boolean neverSwitches, SwitchingHostCode switching) {
        this.type = type;
        this.switching = switching;
        this.neverSwitches = neverSwitches;
        this.typeId = typeId;
        this.code = code;
        this.lowered = code;
        this.host = host;
        this.paramSlots = slots(type.params().toArray(ValType[]::new));
        this.resultSlots = slots(type.results().toArray(ValType[]::new));
    }

    /** A Wasm function; its instance is set when the instance is complete. */
    static FunctionInstance wasm(CompositeType.Func type, int typeId, CompiledFunction code) {
        return new FunctionInstance(type, typeId, code, null, false, null);
    }

    /**
     * Calls {@code f} from compiled code of {@code caller}: as {@link BytecodeSupport#call}, and a
     * host function receives {@code caller}'s {@link dev.weft.interpreter.Caller}.
     */
    public static dev.weft.interpreter.Value[] callFromCompiled(ModuleInstance caller, FunctionInstance f,
            dev.weft.interpreter.Value[] args) {
        if (f.instance != null) {
            return BytecodeSupport.call(f, args);
        }
        dev.weft.interpreter.Value[] results = Calls.invokeHostDirect(f, caller.caller, args);
        Calls.checkResults(f, results); // as for an interpreted caller
        return results;
    }

    /** A host function that cannot switch stacks; {@code neverSwitches}: its callers may be compiled. */
    public static FunctionInstance host(CompositeType.Func type, HostCode impl, boolean neverSwitches) {
        return new FunctionInstance(type, UNASSIGNED, null, impl, neverSwitches, null);
    }

    /** A host function that may switch stacks ({@link dev.weft.interpreter.HostFunction#switching}). */
    public static FunctionInstance switchingHost(CompositeType.Func type, SwitchingHostCode impl) {
        return new FunctionInstance(type, UNASSIGNED, null, null, false, impl);
    }

    /**
     * Makes this Wasm function run as compiled code behind {@code entry}: callers then treat it
     * like a host function (the interpreter's call path for those is the seam between the tiers).
     * At instantiation or later (the auto tier): frames already running the lowered code keep
     * running it from {@link #lowered}.
     */
    void enterCompiled(BytecodeSupport.CompiledEntry entry) {
        host = entry; // first: a caller that sees code == null must find the entry
        code = null;
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
