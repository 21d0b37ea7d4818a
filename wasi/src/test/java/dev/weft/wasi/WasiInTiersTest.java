package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Weft;
import dev.weft.interpreter.compiler.TierStats;
import dev.weft.interpreter.testing.Tiers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WASI in both tiers: callable from a start function, and no reason to keep its callers interpreted. */
class WasiInTiersTest {
    private static Instance instantiate(Linker linker, String wat) throws Exception {
        return linker.instantiate(Weft.compile(wat.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void wasiWorksFromAStartFunction(String tier) throws Exception {
        Tiers.inTier(tier, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Linker linker = new Linker();
            try (Wasi wasi = Wasi.define(linker, WasiConfig.builder().stdout(out).build())) {
                // no wasi.bind: the start function runs before there is an Instance to bind
                instantiate(linker, """
                    (module
                      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                      (memory (export "memory") 1)
                      (data (i32.const 16) "started\\n")
                      (func $init
                        (i32.store (i32.const 0) (i32.const 16))
                        (i32.store (i32.const 4) (i32.const 8))
                        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
                      (start $init))
                    """);
            }
            assertEquals("started\n", out.toString(StandardCharsets.UTF_8));
            return null;
        });
    }

    @Test
    void wasiFunctionsAreMarkedNonSwitching() throws Exception {
        Linker linker = new Linker();
        Wasi.define(linker, WasiConfig.builder().build());
        Instance inst = Tiers.inTier("compiled", () -> {
            TierStats.reset();
            return instantiate(linker, """
                    (module (import "wasi_snapshot_preview1" "sched_yield" (func $w (result i32)))
                      (func (export "calls_wasi") (result i32) (call $w)))
                    """);
        });
        assertEquals(1, TierStats.compiled(), TierStats.summary());
        assertTrue(TierStats.interpreted().isEmpty(), TierStats.summary());
        assertEquals(0, inst.function("calls_wasi").call()[0].asInt());
    }
}
