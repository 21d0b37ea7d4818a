package dev.weft.interpreter;

import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import dev.weft.interpreter.exec.memory.PooledMemories;
import dev.weft.stackpool.PoolExhaustedException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Up to a fixed number of live instances of one module, for hosts that run many short-lived
 * ones (Wasmtime's pooling allocator, Lucet's regions). {@link #acquire} gives an instance in
 * exactly the state {@link Linker#instantiate} gives (memories zeroed and data segments applied,
 * globals and tables initialised, the start function run), and {@link Instance#close} gives its
 * place back. What is pooled is the linear memories: mapped slots of a {@code MemoryPool} of the
 * pool's own, all reserved when the pool is created and reset in place on close (zeroed up to
 * 1 MiB, {@code madvise} beyond; no copy), or heap arrays zeroed over the part that was used and
 * kept for the next instance.
 *
 * <p>Imports are resolved once, when the pool is created, from the linker's definitions and
 * limits at that moment. Exhaustion, all {@link #size()} instances in use, is a
 * {@link PoolExhaustedException} (the exception of the runtime's other pools, unchecked; its
 * {@code limit()} is the size): a host's capacity decision, not a guest's fault, so not a trap.
 *
 * <p>Thread-safe: any thread may acquire, and each instance may be closed on any thread (an
 * instance itself is used by one thread at a time, see {@link Instance}). An instance dropped
 * without {@code close()} gives its place back once the collector finds it unreachable, and a
 * mapped memory of it its slot, but close instances (try-with-resources) to reuse their memory
 * at once. Keep no {@link Memory#segment()} of a pooled memory past close: its storage serves
 * the next instance.
 */
public final class InstancePool implements AutoCloseable {
    /** Where the pool's linear memories live. */
    public enum MemoryKind {
        /** {@code byte[]}s, reused zeroed. */
        HEAP,
        /** mmap'd slots of a pool of the instance pool's own, reset in place (memset, {@code madvise} beyond 1 MiB). */
        MAPPED;

        /** The kind {@code -Dweft.memory} selects for every memory ({@code heap} unless {@code mapped}). */
        public static MemoryKind processDefault() {
            return MemoryInstance.mappedByDefault() ? MAPPED : HEAP;
        }
    }

    private static final Cleaner CLEANER = Cleaner.create();

    private final CompiledModule module;
    private final List<Extern> imports;
    private final ResourceLimits limits;
    private final PooledMemories memories;
    private final MemoryKind kind;
    private final int size;
    /** The places taken (guarded by this). */
    private final Set<Lease> out = new HashSet<>();
    private boolean closed;

    private InstancePool(CompiledModule module, List<Extern> imports, ResourceLimits limits, PooledMemories memories,
            MemoryKind kind, int size) {
        this.module = module;
        this.imports = imports;
        this.limits = limits;
        this.memories = memories;
        this.kind = kind;
        this.size = size;
    }

    /** {@link #create(Linker, CompiledModule, int, MemoryKind)} with {@link MemoryKind#processDefault()}. */
    public static InstancePool create(Linker linker, CompiledModule module, int size) throws UnlinkableException {
        return create(linker, module, size, MemoryKind.processDefault());
    }

    /**
     * A pool of at most {@code size} live instances of {@code module}, its imports resolved in
     * {@code linker} now and under the linker's {@link Linker#limits limits}. Mapped memories
     * reserve address space for {@code size} instances now (each memory its maximum, as
     * {@code -Dweft.memory=mapped} does); heap arrays are made as instances first need them.
     *
     * @throws UnlinkableException    "unknown import", as {@link Linker#instantiate} would
     * @throws PoolExhaustedException if the address space for the mapped memories cannot be reserved
     */
    public static InstancePool create(Linker linker, CompiledModule module, int size, MemoryKind kind)
            throws UnlinkableException {
        if (size < 1) {
            throw new IllegalArgumentException("an instance pool holds at least 1 instance, not " + size);
        }
        List<Extern> imports = linker.resolve(module);
        PooledMemories memories = PooledMemories.create(module.module().memories(), linker.limits().maxMemoryPages(),
                size, kind == MemoryKind.MAPPED);
        return new InstancePool(module, imports, linker.limits(), memories, kind, size);
    }

    /**
     * A fresh instance; {@link Instance#close} returns it to the pool.
     *
     * @throws PoolExhaustedException  if {@link #size()} instances are in use
     * @throws IllegalStateException   if the pool is closed
     * @throws UnlinkableException     "incompatible import type", as {@link Linker#instantiate} would
     * @throws UninstantiableException a segment was out of bounds or the start function trapped
     *                                 (the place is given back)
     */
    public Instance acquire() throws UnlinkableException, UninstantiableException {
        Lease lease = new Lease(this);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the instance pool is closed");
            }
            if (out.size() >= size) {
                throw new PoolExhaustedException("instance pool exhausted: all " + size + " instances are in use"
                        + " (the pool's size, InstancePool.create(..., " + size + ", ...)); close one to give it back,"
                        + " or create a larger pool", size);
            }
            out.add(lease);
        }
        Instance instance;
        try {
            instance = Linker.instantiate(module, imports, limits, memories, lease::close);
        } catch (RuntimeException | UnlinkableException | UninstantiableException e) {
            lease.run();
            throw e;
        }
        synchronized (this) {
            lease.state = instance.state();
            lease.cleanable = CLEANER.register(instance, lease);
            if (!closed) {
                return instance;
            }
        }
        instance.close();
        throw new IllegalStateException("the instance pool is closed");
    }

    /** The most instances live at once. */
    public int size() {
        return size;
    }

    /** How many instances are live now (acquired and neither closed nor dropped). */
    public synchronized int inUse() {
        return out.size();
    }

    /** Where the instances' memories live. */
    public MemoryKind memoryKind() {
        return kind;
    }

    /**
     * Closes the pool: later acquires throw {@code IllegalStateException}, and every live instance
     * is closed (see {@link Instance#close}); the memories are released once none is left.
     * Closing again does nothing.
     *
     * @throws IllegalStateException after closing the others, if code was running in some
     *                               instances: they are closed by their own {@code close()}
     */
    @Override
    public void close() {
        List<Lease> live;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            live = new ArrayList<>(out);
            if (live.isEmpty()) {
                memories.close();
            }
        }
        IllegalStateException running = null;
        for (Lease lease : live) {
            try {
                if (lease.state != null) {
                    lease.state.close();
                    lease.close();
                }
            } catch (IllegalStateException e) {
                if (running == null) {
                    running = new IllegalStateException("the instance pool is closed, but code runs in some of its"
                            + " instances: they give their places back when closed");
                }
                running.addSuppressed(e);
            }
        }
        if (running != null) {
            throw running;
        }
    }

    private synchronized void giveBack(Lease lease) {
        out.remove(lease);
        if (closed && out.isEmpty()) {
            memories.close();
        }
    }

    /**
     * One instance's place: given back once, by its close or by the Cleaner when the instance is
     * unreachable. References the instance's state, never the instance itself.
     */
    private static final class Lease implements Runnable {
        private final InstancePool pool;
        private final AtomicBoolean returned = new AtomicBoolean();
        /** Set once the instance exists (under the pool's lock). */
        ModuleInstance state;
        Cleaner.Cleanable cleanable;

        Lease(InstancePool pool) {
            this.pool = pool;
        }

        /** The instance was closed: unregister from the Cleaner and give the place back. */
        void close() {
            Cleaner.Cleanable c;
            synchronized (pool) {
                c = cleanable;
            }
            if (c != null) {
                c.clean();
            } else {
                run();
            }
        }

        @Override
        public void run() {
            if (returned.compareAndSet(false, true)) {
                pool.giveBack(this);
            }
        }
    }
}
