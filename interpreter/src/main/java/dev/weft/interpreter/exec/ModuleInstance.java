package dev.weft.interpreter.exec;

import dev.weft.interpreter.exec.memory.MemoryInstance;

/**
 * The runtime state of one instance, as the interpreter reads it: index spaces (imports first)
 * and the segments not yet dropped. Fields are filled by {@link Instantiator}.
 */
public final class ModuleInstance {
    FunctionInstance[] functions;
    GlobalInstance[] globals;
    TableInstance[] tables;
    MemoryInstance[] memories;
    TagInstance[] tags;
    /** Element segments' references; a dropped segment is an empty array. */
    Object[][] elements;
    /** Data segments' bytes; a dropped segment is an empty array. */
    byte[][] data;
    /** What runs when the interpreter finds this instance hot (the auto tier), or null; see {@link Hotness}. */
    Runnable tierUp;
    /** For each type index, its canonical type id (what casts compare). */
    int[] typeIds;
    /** For each type index, where a struct's fields or an array's elements live; null for other types. */
    dev.weft.interpreter.code.GcLayout[] layouts;
    /** The module's exports, for host functions' {@link InstanceCaller}. */
    java.util.List<dev.weft.interpreter.ast.Export> exports;
    /** What host functions called from this instance's code receive as their caller. */
    final InstanceCaller caller = new InstanceCaller(this);
    /** Fuel, deadline, interruption and wall time of this instance's code. */
    final Meter meter = new Meter();
    /** Live continuations against the instance's maximum, or null without one. */
    LiveContinuations continuations;
    /** Index of the first table, memory and global the instance defines (the imports come first). */
    int firstDefinedTable;
    int firstDefinedMemory;
    int firstDefinedGlobal;
    /** The module's custom sections: its name section names functions in backtraces ({@link Backtraces}). */
    java.util.List<dev.weft.interpreter.ast.CustomSection> customs = java.util.List.of();
    /** Function index to name, decoded from {@link #customs} on first use. */
    private java.util.Map<Integer, String> functionNames;
    private boolean closed;
    /** The thread running this instance's code from Java, or null (see {@link #enter}). */
    @SuppressWarnings("unused") // through OWNER
    private Thread owner;

    private static final java.lang.invoke.VarHandle OWNER;

    static {
        try {
            OWNER = java.lang.invoke.MethodHandles.lookup().findVarHandle(ModuleInstance.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    ModuleInstance() {}

    /**
     * An embedder call enters this instance on {@code me}: an instance is not thread-safe, so a
     * call from a second thread while another runs in it is refused (best effort, without
     * locking: release/acquire accesses, plain moves on x86). Returns the owner to restore on
     * {@link #exit} (the same thread for a nested entry through a host function).
     *
     * @throws IllegalStateException if another thread is running in this instance
     */
    Thread enter(Thread me) {
        if (closed) {
            throw new IllegalStateException("the instance is closed");
        }
        Thread prev = (Thread) OWNER.getAcquire(this);
        if (prev != null && prev != me) {
            throw new IllegalStateException("instance is in use by thread \"" + prev.getName()
                    + "\": an instance is not thread-safe; call it from one thread at a time");
        }
        OWNER.setRelease(this, me);
        return prev;
    }

    /** The name the module's name section gives function {@code index}, or null. */
    String functionName(int index) {
        if (functionNames == null) {
            functionNames = dev.weft.interpreter.binary.NameSection.functionNames(customs);
        }
        return functionNames.get(index);
    }

    /**
     * Closes this instance: later calls from Java fail with an IllegalStateException, and a call
     * that reaches one of its functions from other code (another instance's import or table)
     * traps with {@code INSTANCE_CLOSED}; then it gives back what it holds ({@link Teardown}).
     * Closing again does nothing.
     *
     * @throws IllegalStateException if code is running in this instance (on any thread)
     */
    public void close() {
        Thread running = (Thread) OWNER.getAcquire(this);
        if (running != null) {
            throw new IllegalStateException(running == Thread.currentThread()
                    ? "cannot close an instance from inside a call into it"
                    : "cannot close the instance while thread \"" + running.getName() + "\" runs in it");
        }
        if (!closed) {
            closed = true;
            meter.close();
            Teardown.release(this);
        }
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Ends the entry that {@link #enter} returned {@code prev} for. */
    void exit(Thread prev) {
        OWNER.setRelease(this, prev);
    }

    /** This instance's execution meter (fuel, deadline, interruption, wall time). */
    public Meter meter() {
        return meter;
    }

    public FunctionInstance function(int index) {
        return functions[index];
    }

    public GlobalInstance global(int index) {
        return globals[index];
    }

    public TableInstance table(int index) {
        return tables[index];
    }

    public MemoryInstance memory(int index) {
        return memories[index];
    }

    public TagInstance tag(int index) {
        return tags[index];
    }
}
