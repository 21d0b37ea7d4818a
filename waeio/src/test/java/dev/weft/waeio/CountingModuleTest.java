package dev.weft.waeio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import dev.weft.wasi.Wasi;
import dev.weft.wasi.WasiConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters {@link RequestCost}'s figures rest on, against instruction counts worked out by hand. */
class CountingModuleTest {
    /**
     * Flat body of {@code run}: loop | local.get i32.const i32.add local.set local.get
     * local.get i32.lt_u br_if | end | call | drop | local.get | end. With n = 5: the loop once, its
     * 8-instruction body 5 times, the loop's end, the call, drop, local.get and the function's
     * end: 1 + 40 + 1 + 1 + 3 = 46 instructions, and one WASI call.
     */
    private static final String WAT = """
            (module
              (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
              (memory (export "memory") 1)
              (func (export "run") (param $n i32) (result i32)
                (local $i i32)
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (drop (call $yield))
                (local.get $i)))
            """;

    @Test
    void everyExecutedInstructionAndWasiCallIsCountedOnce() throws Exception {
        byte[] counting = BinaryEncoder.encode(CountingModule.of(WatParser.parseModule(WAT)));
        Linker linker = new Linker();
        try (Wasi wasi = Wasi.define(linker, WasiConfig.builder().build())) {
            Instance instance = linker.instantiate(CompiledModule.compile(BinaryDecoder.decode(counting)));
            wasi.bind(instance);
            assertEquals(5, instance.function("run").call(Value.i32(5))[0].asInt()); // behaviour unchanged
            assertEquals(46, CountingModule.instructions(instance));
            assertEquals(Map.of("sched_yield", 1L), CountingModule.wasiCalls(instance));
            instance.function("run").call(Value.i32(1));
            assertEquals(46 + 1 + 8 + 1 + 1 + 3, CountingModule.instructions(instance));
            assertEquals(Map.of("sched_yield", 2L), CountingModule.wasiCalls(instance));
        }
    }
}
