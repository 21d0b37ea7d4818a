package dev.weft.benchmarks.macro;

import java.util.EnumSet;
import java.util.Set;

/** The engines a guest runs on: Weft and its peers. */
public enum Engine implements Named {
    /** {@code java -jar cli/target/weft.jar run --tier interp}: Weft's interpreter. */
    WEFT("weft", EnumSet.allOf(Backend.class)),
    /**
     * {@code java -jar cli/target/weft.jar run --tier compiled}: Weft with every function that
     * cannot suspend compiled to JVM bytecode at instantiation, the rest interpreted.
     */
    WEFT_COMPILED("weft-compiled", EnumSet.allOf(Backend.class)),
    /**
     * {@code java -jar cli/target/weft.jar run --tier auto}: Weft starting interpreted and compiling
     * an instance to JVM bytecode once one of its functions is hot.
     */
    WEFT_AUTO("weft-auto", EnumSet.allOf(Backend.class)),
    /**
     * Node 26 (V8) through {@code guests/run-node.mjs}; wasmfx builds with
     * {@code --experimental-wasm-wasmfx}, native builds through the JSPI stand-in for
     * {@code weft_fiber} ({@code guests/check/weft-fiber-jspi.mjs}, slow by construction).
     */
    NODE("node", EnumSet.allOf(Backend.class)),
    /** Chicory 1.7.5's interpreter through {@code ChicoryWasiRun}; no stack switching, so Asyncify builds only. */
    CHICORY("chicory", EnumSet.of(Backend.ASYNCIFY)),
    /** Chicory 1.7.5's bytecode compiler through {@code ChicoryWasiRun --compiler}; Asyncify builds only. */
    CHICORY_COMPILER("chicory-compiler", EnumSet.of(Backend.ASYNCIFY));

    private final String id;
    private final Set<Backend> backends;

    Engine(String id, Set<Backend> backends) {
        this.id = id;
        this.backends = backends;
    }

    @Override
    public String id() {
        return id;
    }

    /** Whether this engine can run builds of {@code backend} at all. */
    public boolean runs(Backend backend) {
        return backends.contains(backend);
    }
}
