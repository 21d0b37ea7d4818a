package dev.weft.interpreter;

import dev.weft.interpreter.InstancePool.MemoryKind;
import dev.weft.interpreter.exec.Instantiator;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@link InstanceChurnTest}'s program, run in a JVM of its own: creates and closes instances in a
 * loop (after a warm-up of the same loop) and prints VmRSS before the loop and the highest seen
 * during it, as {@code rss BEFORE_KIB MOST_KIB}. Each instance fills its 64 KiB memory after
 * checking it starts fresh (its data segment in place); a wrong value ends the program with an
 * exception.
 */
final class InstanceChurn {
    static final String GUEST = """
            (module
              (memory (export "memory") 1 1)
              (data (i32.const 0) "fresh")
              (func (export "fill") (result i32)
                (i32.load8_u (i32.const 0))
                (memory.fill (i32.const 0) (i32.const 0x5A) (i32.const 65536))))
            """;
    private static final byte[] FILLED = new byte[65536];

    static {
        Arrays.fill(FILLED, (byte) 0x5A);
    }

    /** The loops, by name. */
    enum Scenario {
        FRESH, FRESH_MAPPED, POOLED_HEAP, POOLED_MAPPED
    }

    private interface Cycle {
        void run() throws Exception;
    }

    private InstanceChurn() {}

    /** Arguments: scenario, warm-up cycles, measured cycles. */
    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.valueOf(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        int cycles = Integer.parseInt(args[2]);
        CompiledModule module = Weft.compile(GUEST.getBytes(StandardCharsets.UTF_8));
        Linker linker = new Linker();
        InstancePool pool = switch (scenario) {
            case POOLED_HEAP -> InstancePool.create(linker, module, 4, MemoryKind.HEAP);
            case POOLED_MAPPED -> InstancePool.create(linker, module, 4, MemoryKind.MAPPED);
            default -> null;
        };
        Cycle cycle = switch (scenario) {
            case FRESH -> () -> {
                try (Instance inst = linker.instantiate(module)) {
                    use(inst);
                }
            };
            case FRESH_MAPPED -> () -> freshMapped(module);
            case POOLED_HEAP, POOLED_MAPPED -> () -> {
                try (Instance inst = pool.acquire()) {
                    use(inst);
                }
            };
        };
        for (int i = 0; i < warmUp; i++) {
            cycle.run();
        }
        long before = rssKib();
        long most = before;
        for (int i = 0; i < cycles; i++) {
            cycle.run();
            if (i % 500 == 499) {
                most = Math.max(most, rssKib());
            }
        }
        System.out.println("rss " + before + " " + Math.max(most, rssKib()));
        if (pool != null) {
            pool.close();
        }
    }

    private static void use(Instance inst) {
        int first = inst.function("fill").call()[0].asInt();
        if (first != 'f') {
            throw new IllegalStateException("a fresh memory starts with its data segment, not " + first);
        }
    }

    /** A fresh instance whose memory is mapped (as with -Dweft.memory=mapped), filled and closed. */
    private static void freshMapped(CompiledModule module) throws Exception {
        var vm = module.validated();
        ModuleInstance state = Instantiator.instantiate(
                new Instantiator.Input(vm.module(), vm.types(), vm.canonicalTypeIds(), module.functions()), List.of(), null,
                ResourceLimits.NONE, (index, type, limitPages) -> MemoryInstance.create(type, limitPages, true));
        try {
            MemoryInstance memory = state.memory(0);
            if (!memory.isMapped() || (memory.readInt(0) & 0xFF) != 'f') {
                throw new IllegalStateException("not a fresh mapped memory");
            }
            memory.write(0, FILLED);
        } finally {
            state.close();
        }
    }

    /** VmRSS of this process in KiB. */
    static long rssKib() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
