package dev.weft.interpreter;

import dev.weft.interpreter.exec.ModuleInstance;
import java.time.Duration;
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
 *
 * <p>Teardown: {@link #close} gives back what the instance holds; afterwards a call of its
 * exports from Java throws {@code IllegalStateException} (a programming error of the host, not a
 * guest's fault), and code of another instance that reaches one of its functions traps with
 * {@link TrapKind#INSTANCE_CLOSED}.
 */
public final class Instance implements AutoCloseable {
    private final CompiledModule module;
    private final ModuleInstance state;
    private final Map<String, Extern> exports;
    /** What runs after each successful {@link #close} (an {@link InstancePool}'s return of its slot), or null. */
    private final Runnable onClose;

    Instance(CompiledModule module, ModuleInstance state, Map<String, Extern> exports, Runnable onClose) {
        this.module = module;
        this.state = state;
        this.exports = Collections.unmodifiableMap(exports);
        this.onClose = onClose;
    }

    public CompiledModule module() {
        return module;
    }

    /** The runtime state (for the runtime's own tools and tests). */
    public ModuleInstance state() {
        return state;
    }

    /**
     * Closes the instance: continuations held in its tables and globals are discarded (their
     * stacks go back to the pool now), the memories and tables it defines are emptied (an
     * instance that imported one then traps out of bounds on it), and later calls fail as the
     * class comment says. Closing again does nothing. An instance from an {@link InstancePool}
     * then goes back to its pool, its memories reset.
     *
     * @throws IllegalStateException if a call is running in the instance
     */
    @Override
    public void close() {
        state.close();
        if (onClose != null) {
            onClose.run();
        }
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return state.isClosed();
    }

    /** A handle that another thread can use to stop the code running in this instance. */
    public InterruptHandle interruptHandle() {
        return new InterruptHandle(state.meter());
    }

    /**
     * Sets the fuel budget: {@code units} more back-edges and calls (one unit each, in both
     * tiers), after which the running call traps with {@link TrapKind#OUT_OF_FUEL}, as does
     * every later call until more fuel is set. A negative value means unlimited (the default).
     * Set it before each call for a budget per call.
     */
    public void setFuel(long units) {
        state.meter().setFuel(units);
    }

    /** The fuel left, or -1 when fuel is unlimited. */
    public long fuelRemaining() {
        return state.meter().fuelRemaining();
    }

    /** The units of fuel this instance's code has used so far, counted whether or not fuel is limited. */
    public long fuelUsed() {
        return state.meter().fuelUsed();
    }

    /**
     * Sets a deadline {@code timeout} from now: code running in this instance then traps with
     * {@link TrapKind#DEADLINE_EXCEEDED}, and so does every later call until the timeout is set
     * again; {@code null} removes it.
     */
    public void setTimeout(Duration timeout) {
        state.meter().setDeadline(timeout == null ? -1 : timeout.toNanos());
    }

    /** Wall-clock time spent in calls into this instance from Java (a nested entry counts once). */
    public Duration wallTime() {
        return Duration.ofNanos(state.meter().wallNanos());
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
