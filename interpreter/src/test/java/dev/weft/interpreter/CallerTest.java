package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host functions that receive their {@link Caller}: the calling instance's exports, in both tiers. */
class CallerTest {
    private static final CompositeType.Func I_I = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));

    /** A module whose memory holds {@code word} at 0 and whose export "get" returns peek(0). */
    private static String peeker(int word) {
        return """
            (module
              (import "env" "peek" (func $peek (param i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "\\%02x\\%02x\\%02x\\%02x")
              (func (export "get") (result i32) (call $peek (i32.const 0))))
            """.formatted(word & 0xFF, word >>> 8 & 0xFF, word >>> 16 & 0xFF, word >>> 24);
    }

    /** "peek": reads an i32 at its argument from the caller's memory "memory". */
    private static Linker linkerWithPeek() {
        return new Linker().define("env", "peek", HostFunction.nonSwitching(I_I,
                (caller, args) -> new Value[] {Value.i32(caller.memory().readInt(args[0].asInt()))}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void eachInstanceIsTheCallerOfTheHostFunctionsItsCodeCalls(String tier) throws Exception {
        WatTesting.inTier(tier, () -> {
            Linker linker = linkerWithPeek();
            Instance a = WatTesting.instantiate(linker, peeker(0x1234_5678));
            Instance b = WatTesting.instantiate(linker, peeker(0x0BAD_CAFE));
            assertEquals(0x1234_5678, WatTesting.call1(a, "get").asInt());
            assertEquals(0x0BAD_CAFE, WatTesting.call1(b, "get").asInt());
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void aFunctionOfAnotherInstanceCallsWithItsOwnInstanceAsCaller(String tier) throws Exception {
        WatTesting.inTier(tier, () -> {
            Linker linker = linkerWithPeek();
            linker.register("a", WatTesting.instantiate(linker, peeker(77)));
            Instance outer = WatTesting.instantiate(linker, """
                (module
                  (import "a" "get" (func $get (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\\09")
                  (func (export "via") (result i32) (call $get))
                  (func (export "tail") (result i32) (return_call $get)))
                """);
            assertEquals(77, WatTesting.call1(outer, "via").asInt());
            assertEquals(77, WatTesting.call1(outer, "tail").asInt());
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void aTailCallOfTheHostFunctionPassesTheCaller(String tier) throws Exception {
        WatTesting.inTier(tier, () -> {
            Instance inst = WatTesting.instantiate(linkerWithPeek(), """
                (module
                  (import "env" "peek" (func $peek (param i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 4) "\\2a")
                  (func (export "get") (result i32) (return_call $peek (i32.const 4))))
                """);
            assertEquals(42, WatTesting.call1(inst, "get").asInt());
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void aCallFromJavaHasNoCallingInstance(String tier) throws Exception {
        Extern[] seen = new Extern[1];
        WasmFunction f = HostFunction.of(I_I, (caller, args) -> {
            seen[0] = caller.export("memory");
            return new Value[] {Value.i32(caller.memory().readInt(0))};
        });
        Trap t = assertThrows(Trap.class, () -> f.call(Value.i32(0)));
        assertEquals(TrapKind.HOST, t.kind());
        assertTrue(t.getMessage().contains("no Wasm instance called this host function"), t.getMessage());
        assertNull(seen[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void aMissingExportedMemoryIsNamed(String tier) throws Exception {
        WatTesting.inTier(tier, () -> {
            Instance inst = WatTesting.instantiate(linkerWithPeek(), """
                (module
                  (import "env" "peek" (func $peek (param i32) (result i32)))
                  (memory 1)
                  (func (export "get") (result i32) (call $peek (i32.const 0))))
                """);
            Trap t = assertThrows(Trap.class, () -> inst.function("get").call());
            assertTrue(t.getMessage().contains("exports no memory called \"memory\""), t.getMessage());
            return null;
        });
    }
}
