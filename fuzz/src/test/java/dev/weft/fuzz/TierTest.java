package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.compiler.BytecodeTier;
import dev.weft.interpreter.compiler.TierStats;
import dev.weft.interpreter.text.WatParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The differential fuzzer's tiers: each really runs the module in that tier, and leaves weft.tier as it was. */
class TierTest {
    private static final String MODULE = """
            (module
              (import "fuzzing-support" "log-i32" (func $log (param i32)))
              (func $fac (param i32) (result i32)
                (if (result i32) (i32.le_s (local.get 0) (i32.const 1)) (then (i32.const 1))
                  (else (i32.mul (local.get 0) (call $fac (i32.sub (local.get 0) (i32.const 1)))))))
              (func (export "run") (call $log (call $fac (i32.const 10)))))""";

    private static long compiledBy(Tier tier, List<String> expected) throws Exception {
        byte[] wasm = BinaryEncoder.encode(WatParser.parseModule(MODULE));
        long before = TierStats.compiled();
        assertEquals(expected, FuzzingSupport.run(wasm, tier), tier.label());
        return TierStats.compiled() - before;
    }

    @Test
    void theCompiledTierCompilesAndTheInterpreterDoesNot() throws Exception {
        List<String> expected = List.of("[fuzz-exec] export run", "[LoggingExternalInterface logging 3628800]");
        assertNull(System.getProperty(BytecodeTier.PROPERTY), "this test expects weft.tier unset");
        assertEquals(0, compiledBy(Tier.INTERP, expected));
        long compiled = compiledBy(Tier.COMPILED, expected);
        // $fac and "run": the log-i32 import is a plain host function (HostFunction.of), which cannot switch
        assertEquals(2, compiled, TierStats.summary());
        assertNull(System.getProperty(BytecodeTier.PROPERTY), "weft.tier restored");
    }

    @Test
    void tierOptionNamesOneOrBoth() {
        assertEquals(List.of(Tier.INTERP), Tier.byLabel("interp"));
        assertEquals(List.of(Tier.COMPILED), Tier.byLabel("compiled"));
        assertEquals(List.of(Tier.INTERP, Tier.COMPILED), Tier.byLabel("both"));
        assertThrows(IllegalArgumentException.class, () -> Tier.byLabel("jit"));
    }
}
