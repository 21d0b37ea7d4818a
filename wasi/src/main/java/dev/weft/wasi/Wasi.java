package dev.weft.wasi;

import dev.weft.interpreter.Caller;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Memory;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Module;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One WASI preview1 environment: the host module {@code wasi_snapshot_preview1} for one guest
 * instance, with its own descriptor table. Use it in three steps:
 * <pre>{@code
 * Wasi wasi = Wasi.define(linker, config);   // define the imports
 * wasi.defineStubs(linker, module);          // optional: ENOSYS for unknown names
 * Instance inst = linker.instantiate(compiled);
 * wasi.bind(inst);                           // optional: a memory for calls from Java
 * }</pre>
 * Each WASI call uses its calling instance's exported {@code "memory"} (so a start function may
 * call WASI); {@link #bind} only serves calls with no calling instance, such as calls from Java.
 * {@link WasiCommand} does all of this and runs {@code _start}. Not thread-safe: one guest thread.
 * {@link WasiConfig#waitInterrupt()} (from any thread), or interrupting that thread, makes a
 * blocking call ({@code poll_oneoff}, a blocking socket call) return {@code EINTR} once.
 */
public final class Wasi implements AutoCloseable {
    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private final WasiConfig config;
    private final FdTable fds = new FdTable();
    private final Readiness readiness;
    private final Scratch scratch = new Scratch();
    private final Map<String, WasmFunction> functions;
    private GuestMemory memory;
    /** The memory of the WASI call running now, from its caller ({@link #calledBy}), or null. */
    private GuestMemory callerMemory;

    /**
     * Opens the standard streams and preopens of {@code config}.
     *
     * @throws IllegalArgumentException if a preopen is not an existing directory
     */
    public Wasi(WasiConfig config) {
        this.config = config;
        this.readiness = new Readiness(config.waitInterrupt());
        fds.add(StdioFd.input(config.stdin()));
        fds.add(StdioFd.output(config.stdout()));
        fds.add(StdioFd.output(config.stderr()));
        for (ServerSocketChannel listener : config.tcpListeners()) {
            fds.add(listenSocket(listener));
        }
        for (WasiConfig.Preopen p : config.preopens()) {
            fds.add(new DirFd(realDirectory(p.host()), p.guest()));
        }
        this.functions = new WasiFunctions(this).all();
    }

    /** Creates a {@link Wasi} for {@code config} and defines its functions in {@code linker}. */
    public static Wasi define(Linker linker, WasiConfig config) {
        Wasi wasi = new Wasi(config);
        wasi.functions.forEach((name, f) -> linker.define(MODULE, name, f));
        return wasi;
    }

    /** Whether {@code module} imports anything from {@code wasi_snapshot_preview1}. */
    public static boolean imports(Module module) {
        return module.imports().stream().anyMatch(i -> i.module().equals(MODULE));
    }

    /**
     * Defines an ENOSYS stub for each {@code wasi_snapshot_preview1} function that {@code module}
     * imports but this implementation does not provide with that type, so linking succeeds.
     */
    public Wasi defineStubs(Linker linker, Module module) {
        for (Import imp : module.imports()) {
            if (imp.module().equals(MODULE) && imp.desc() instanceof ImportDesc.Func f
                    && module.types().get(f.typeIndex()).composite() instanceof CompositeType.Func type) {
                WasmFunction own = functions.get(imp.name());
                if (own == null || !own.type().equals(type)) {
                    linker.define(MODULE, imp.name(), WasiFunctions.stub(type));
                }
            }
        }
        return this;
    }

    /**
     * Gives the functions access to {@code instance}'s exported memory {@code "memory"}. Call it
     * after instantiation and before the guest uses WASI.
     *
     * @throws IllegalArgumentException if the instance exports no memory called "memory"
     */
    public Wasi bind(Instance instance) {
        Extern e = instance.export("memory");
        if (!(e instanceof Memory m)) {
            throw new IllegalArgumentException("a WASI module must export its memory as \"memory\"");
        }
        this.memory = new GuestMemory(m);
        return this;
    }

    /** Closes every open descriptor (the host's standard streams stay open) and the selector. */
    @Override
    public void close() {
        fds.closeAll();
        try {
            readiness.close();
        } catch (IOException ignored) {
            // teardown: nothing left to report to
        }
    }

    WasiConfig config() {
        return config;
    }

    FdTable fds() {
        return fds;
    }

    Readiness readiness() {
        return readiness;
    }

    /** The buffer socket receives go through. */
    Scratch scratch() {
        return scratch;
    }

    /**
     * A WASI function was called by {@code caller}: its exported memory {@code "memory"}, if it
     * has one, is the memory of this call (so WASI works from a start function, before
     * {@link #bind} can be called).
     */
    void calledBy(Caller caller) {
        if (caller.export("memory") instanceof Memory m) {
            if (callerMemory == null || !callerMemory.views(m)) {
                callerMemory = new GuestMemory(m);
            }
        } else {
            callerMemory = null;
        }
    }

    /** The calling instance's memory, else the bound memory. */
    GuestMemory memory() {
        if (callerMemory != null) {
            return callerMemory;
        }
        if (memory == null) {
            throw new IllegalStateException("WASI called with no memory: the caller exports no \"memory\" and "
                    + "Wasi.bind(instance) was not called");
        }
        return memory;
    }

    private ListenSocketFd listenSocket(ServerSocketChannel listener) {
        try {
            return new ListenSocketFd(listener, readiness);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use listening socket " + listener, e);
        }
    }

    private static Path realDirectory(Path host) {
        try {
            Path real = host.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("preopen is not a directory: " + host);
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open preopen directory: " + host, e);
        }
    }
}
