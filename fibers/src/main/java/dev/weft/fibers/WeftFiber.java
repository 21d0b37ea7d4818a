package dev.weft.fibers;

import static dev.weft.interpreter.Value.i32;

import dev.weft.interpreter.Continuation;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Global;
import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Memory;
import dev.weft.interpreter.Table;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;

/**
 * The host module {@code weft_fiber} that native fiber guests import (contract:
 * {@code fibers/README.md}): every fiber is a Weft continuation; {@code fiber_resume} and
 * {@code fiber_yield} are {@link HostControl} requests, so the dispatch loop switches stacks
 * itself and no Java frame is kept per fiber. Each fiber also gets its own C shadow stack in
 * the guest's memory, switched through the exported {@code __stack_pointer}.
 *
 * <pre>{@code
 * WeftFiber fibers = WeftFiber.define(linker);
 * Instance guest = linker.instantiate(compiled);
 * fibers.bind(guest);            // before the guest's first fiber call
 * }</pre>
 *
 * <p>One instance serves one guest instance on one thread at a time.
 */
public final class WeftFiber {
    /** The import module name. */
    public static final String MODULE = "weft_fiber";
    /** Shadow stack bytes per fiber when the guest passes 0 to {@code fiber_init}. */
    public static final int DEFAULT_STACK_BYTES = 65536;

    static final int OK = 0;
    static final int YIELD = 1;
    static final int ERROR = 2;
    private static final int CANARY = 0x57ef7f1b;
    private static final int GUARD_BYTES = 16;

    private static final List<ValType> I32 = List.of(NumType.I32);
    private static final CompositeType.Func VOID_VOID = new CompositeType.Func(List.of(), List.of());
    private static final CompositeType.Func I_VOID = new CompositeType.Func(I32, List.of());
    private static final CompositeType.Func I_I = new CompositeType.Func(I32, I32);
    private static final CompositeType.Func III_I =
            new CompositeType.Func(List.of(NumType.I32, NumType.I32, NumType.I32), I32);
    private static final Value[] NONE = new Value[0];

    /** The effect of {@code fiber_yield}: the yielded value out, the next resume's value back. */
    private final Tag yieldTag = Tag.create(I_I);
    private final FiberTable fibers = new FiberTable();
    private final ShadowStackCache freeStacks = new ShadowStackCache();
    private GuestExports guest;
    private int stackBytes = DEFAULT_STACK_BYTES;
    /** Fibers running now (nested resumes), for the "outside any fiber" check. */
    private int running;

    private WeftFiber() {}

    /** Creates the module and defines its six functions in {@code linker}. */
    public static WeftFiber define(Linker linker) {
        WeftFiber m = new WeftFiber();
        linker.define(MODULE, "fiber_init", HostFunction.of(I_VOID, m::init));
        linker.define(MODULE, "fiber_finalize", HostFunction.of(VOID_VOID, m::finalizeFibers));
        linker.define(MODULE, "fiber_alloc", HostFunction.of(I_I, m::alloc));
        linker.define(MODULE, "fiber_free", HostFunction.of(I_VOID, m::free));
        linker.define(MODULE, "fiber_resume", HostFunction.switching(III_I, (caller, args) -> m.resume(args)));
        linker.define(MODULE, "fiber_yield", HostFunction.switching(I_I, (caller, args) -> m.yield(args)));
        return m;
    }

    /** Whether {@code module} imports anything from {@code weft_fiber}. */
    public static boolean imports(Module module) {
        return module.imports().stream().anyMatch(i -> i.module().equals(MODULE));
    }

    /**
     * Connects the module to the guest's exports (memory, table, stack pointer, shadow stack
     * helpers). Call after instantiation, before the guest runs.
     *
     * @throws IllegalArgumentException naming the first export the guest lacks
     */
    public WeftFiber bind(Instance instance) {
        guest = GuestExports.of(instance);
        return this;
    }

    /** Fibers allocated and not yet freed. */
    public int liveFibers() {
        return fibers.live();
    }

    private Value[] init(Value[] args) {
        int bytes = args[0].asInt();
        stackBytes = bytes == 0 ? DEFAULT_STACK_BYTES : bytes;
        return NONE;
    }

    private Value[] alloc(Value[] args) {
        GuestExports g = guest();
        long index = Integer.toUnsignedLong(args[0].asInt());
        Object entry = index < g.table.size() ? g.table.get(index) : null;
        if (!(entry instanceof WasmFunction f) || !f.type().equals(I_I)) {
            return new Value[] {i32(0)};
        }
        int size = (stackBytes + 15) & ~15;
        int low = freeStacks.take(size);
        if (low == 0) {
            low = g.stackAlloc.call(i32(stackBytes))[0].asInt();
        }
        if (low == 0) {
            return new Value[] {i32(0)};
        }
        int high = low + size;
        return new Value[] {i32(fibers.add(new Fiber(Continuation.of(f, yieldTag), low, high)))};
    }

    private Value[] free(Value[] args) {
        int h = args[0].asInt();
        Fiber f = fibers.get(h);
        if (f == null) {
            return NONE;
        }
        if (f.state == Fiber.State.RUNNING) {
            throw new Trap(TrapKind.HOST, "fiber_free(" + h + "): the fiber is running");
        }
        fibers.remove(h);
        f.next = null;
        if (!canaryIntact(f.low) || !freeStacks.offer(f.low, f.high - f.low)) {
            guest().stackFree.call(i32(f.low));
        }
        return NONE;
    }

    /** {@code fiber_finalize}: gives the cached shadow stacks back to the guest's allocator. */
    private Value[] finalizeFibers(Value[] args) {
        for (int low : freeStacks.drain()) {
            guest().stackFree.call(i32(low));
        }
        return NONE;
    }

    private HostControl.Result resume(Value[] args) {
        GuestExports g = guest();
        Fiber f = fibers.get(args[0].asInt());
        int statusAddress = args[2].asInt();
        if (f == null || !f.resumable()) {
            g.memory.writeInt(Integer.toUnsignedLong(statusAddress), ERROR);
            return HostControl.values(i32(0));
        }
        f.resumerSp = g.stackPointer.get().asInt();
        f.statusAddress = statusAddress;
        g.stackPointer.set(i32(f.savedSp));
        f.state = Fiber.State.RUNNING;
        running++;
        Continuation k = f.next;
        f.next = null;
        return HostControl.resume(k, new Value[] {args[1]}, step -> switched(f, step));
    }

    /** The fiber running on behalf of a resume yielded or returned: back to its resumer. */
    private Value[] switched(Fiber f, Continuation.Step step) {
        GuestExports g = guest;
        running--;
        int sp = g.stackPointer.get().asInt();
        check(f, sp);
        g.stackPointer.set(i32(f.resumerSp));
        Value[] result;
        int status;
        if (step instanceof Continuation.Step.Suspended s) {
            f.savedSp = sp;
            f.next = s.next();
            f.state = Fiber.State.SUSPENDED;
            status = YIELD;
            result = s.payload();
        } else {
            f.state = Fiber.State.DONE;
            status = OK;
            result = ((Continuation.Step.Returned) step).values();
        }
        g.memory.writeInt(Integer.toUnsignedLong(f.statusAddress), status);
        return result;
    }

    private HostControl.Result yield(Value[] args) {
        if (running == 0) {
            throw new Trap(TrapKind.HOST, "fiber_yield called outside any fiber");
        }
        return HostControl.suspend(yieldTag, args[0]);
    }

    /**
     * The shadow stack check of the contract: the canary at {@code f.low} intact and {@code sp}
     * inside the region. On failure the guest's own check reports it (stderr, trap); if the
     * guest's check passes anyway, this traps.
     */
    private void check(Fiber f, int sp) {
        boolean ok = Integer.compareUnsigned(sp, f.low + GUARD_BYTES) >= 0 && Integer.compareUnsigned(sp, f.high) <= 0
                && canaryIntact(f.low);
        if (!ok) {
            guest.stackCheck.call(i32(f.low), i32(f.high), i32(sp));
            throw new Trap(TrapKind.HOST, String.format("fiber: shadow stack overflow (region %#x..%#x, sp %#x)",
                    f.low, f.high, sp));
        }
    }

    private boolean canaryIntact(int low) {
        Memory m = guest.memory;
        for (int i = 0; i < GUARD_BYTES; i += 4) {
            if (m.readInt(Integer.toUnsignedLong(low + i)) != CANARY) {
                return false;
            }
        }
        return true;
    }

    private GuestExports guest() {
        if (guest == null) {
            throw new Trap(TrapKind.HOST, "weft_fiber used before WeftFiber.bind(instance)");
        }
        return guest;
    }

    /** The guest exports the module works with. */
    private record GuestExports(Memory memory, Table table, Global stackPointer, WasmFunction stackAlloc,
            WasmFunction stackFree, WasmFunction stackCheck) {
        static GuestExports of(Instance instance) {
            return new GuestExports(
                    export(instance, "memory", Memory.class),
                    export(instance, "__indirect_function_table", Table.class),
                    export(instance, "__stack_pointer", Global.class),
                    export(instance, "weft_fiber_stack_alloc", WasmFunction.class),
                    export(instance, "weft_fiber_stack_free", WasmFunction.class),
                    export(instance, "weft_fiber_stack_check", WasmFunction.class));
        }

        private static <T> T export(Instance instance, String name, Class<T> kind) {
            Extern e = instance.export(name);
            if (!kind.isInstance(e)) {
                throw new IllegalArgumentException("a weft_fiber guest must export " + kind.getSimpleName().toLowerCase()
                        + " \"" + name + "\" (see fibers/README.md)" + (e == null ? "" : "; it exports a " + e.getClass().getSimpleName()));
            }
            return kind.cast(e);
        }
    }
}
