package dev.weft.benchmarks.macro;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.InstancePool;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.ModuleException;
import dev.weft.wasi.Wasi;
import dev.weft.wasi.WasiConfig;
import java.io.OutputStream;

/**
 * Where the lifecycle figures get their instances of a WASI module: fresh ones (a new
 * {@link Linker} and {@link Wasi} each, {@link Linker#instantiate}), fresh ones from one linker
 * and WASI environment, or an {@link InstancePool} made once with one linker and WASI
 * environment ({@link InstancePool#acquire}). Either way
 * {@link Live#close} is the teardown: {@link Instance#close} (for a pooled instance, its return
 * to the pool with its memory reset), and for a fresh one {@code Wasi.close()}.
 */
sealed interface InstanceSource extends AutoCloseable {
    /** A new instance. */
    Live next();

    @Override
    void close();

    /** An instance and, for a fresh one, its own WASI environment. */
    record Live(Instance instance, Wasi wasi) {
        void close() {
            instance.close();
            if (wasi != null) {
                wasi.close();
            }
        }
    }

    /** Fresh instances of {@code module}, each with a WASI environment writing to {@code stdout}. */
    static InstanceSource fresh(CompiledModule module, OutputStream stdout) {
        return new Fresh(module, stdout);
    }

    /** Fresh instances of {@code module} made by one linker, sharing one WASI environment. */
    static InstanceSource sharedLinker(CompiledModule module, OutputStream stdout) {
        Linker linker = new Linker();
        return new SharedLinker(linker, Wasi.define(linker, config(stdout)).defineStubs(linker, module.module()), module);
    }

    /** A pool of {@code size} instances of {@code module} with {@code kind} memories, sharing one WASI environment. */
    static InstanceSource pooled(CompiledModule module, int size, InstancePool.MemoryKind kind, OutputStream stdout) {
        Linker linker = new Linker();
        Wasi wasi = Wasi.define(linker, config(stdout)).defineStubs(linker, module.module());
        try {
            return new Pooled(InstancePool.create(linker, module, size, kind), wasi);
        } catch (ModuleException e) {
            wasi.close();
            throw new IllegalStateException("cannot create the instance pool: " + e.getMessage(), e);
        }
    }

    private static WasiConfig config(OutputStream stdout) {
        WasiConfig.Builder b = WasiConfig.builder().args("hello");
        return (stdout == null ? b : b.stdout(stdout)).build();
    }

    /** Fresh instances: everything a first instantiation needs, each time. */
    record Fresh(CompiledModule module, OutputStream stdout) implements InstanceSource {
        @Override
        public Live next() {
            Linker linker = new Linker();
            Wasi wasi = Wasi.define(linker, config(stdout)).defineStubs(linker, module.module());
            try {
                Instance instance = linker.instantiate(module);
                wasi.bind(instance);
                return new Live(instance, wasi);
            } catch (ModuleException e) {
                wasi.close();
                throw new IllegalStateException("cannot instantiate: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {}
    }

    /** Fresh instances from one linker; WASI takes each caller's memory from the call, so nothing is bound. */
    record SharedLinker(Linker linker, Wasi wasi, CompiledModule module) implements InstanceSource {
        @Override
        public Live next() {
            try {
                return new Live(linker.instantiate(module), null);
            } catch (ModuleException e) {
                throw new IllegalStateException("cannot instantiate: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            wasi.close();
        }
    }

    /** Instances acquired from a pool; WASI takes each caller's memory from the call, so nothing is bound. */
    record Pooled(InstancePool pool, Wasi wasi) implements InstanceSource {
        @Override
        public Live next() {
            try {
                return new Live(pool.acquire(), null);
            } catch (ModuleException e) {
                throw new IllegalStateException("cannot acquire: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            pool.close();
            wasi.close();
        }
    }
}
