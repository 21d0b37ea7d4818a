package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table and memory limits are unsigned 64-bit numbers everywhere: a table64 minimum at or above
 * 2^63 is a table too large to allocate, never a negative or wrapped size (it used to be
 * NegativeArraySizeException for 2^64-1, a 5-element table for 2^63+5 and size 0 for 2^63), and
 * a declared maximum survives export and import whatever its value.
 */
class UnsignedLimitsTest {
    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551615", "9223372036854775813", "9223372036854775808"})
    void aTable64MinimumAtOrAbove2To63IsResourceExhaustion(String min) {
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> WatTesting.instantiate("(module (table i64 " + min + " funcref))"));
        assertEquals(TrapKind.RESOURCE_EXHAUSTED, e.trap().kind());
        assertTrue(e.getMessage().contains(min), e.getMessage());
    }

    @Test
    void hostTablesGoThroughTheSameCheck() {
        TableType huge = new TableType(RefType.FUNCREF, new Limits(-1L, 0, true, false, false));
        Trap t = assertThrows(Trap.class, () -> Externs.table(huge, null));
        assertEquals(TrapKind.RESOURCE_EXHAUSTED, t.kind());
    }

    @Test
    void aTable64MaximumOf2To64Minus1IsKeptAndMatchedOnImport() throws Exception {
        Linker linker = new Linker();
        Instance a = WatTesting.instantiate(linker, """
            (module (table (export "t") i64 1 18446744073709551615 funcref)
                    (table (export "unbounded") i64 1 funcref))
            """);
        Limits l = a.table("t").type().limits();
        assertTrue(l.hasMax());
        assertEquals(-1L, l.max());
        assertEquals(1, a.table("t").grow(3, null));
        linker.register("a", a);
        WatTesting.instantiate(linker, "(module (import \"a\" \"t\" (table i64 1 18446744073709551615 funcref)))");
        UnlinkableException e = assertThrows(UnlinkableException.class, () -> WatTesting.instantiate(linker,
                "(module (import \"a\" \"unbounded\" (table i64 1 18446744073709551615 funcref)))"));
        assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());
        assertFalse(a.table("unbounded").type().limits().hasMax());
    }

    @Test
    void aMemoryDeclaringTheSpecMaximumStillHasAMaximumOnImport() throws Exception {
        Linker linker = new Linker();
        Instance a = WatTesting.instantiate(linker, "(module (memory (export \"m\") 1 65536))");
        assertTrue(a.memory("m").type().limits().hasMax());
        linker.register("a", a);
        WatTesting.instantiate(linker, "(module (import \"a\" \"m\" (memory 1 65536)))");
    }

    @Test
    void hostMemoriesAndTablesRejectAMinimumAboveTheMaximum() {
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> Externs.memory(new MemoryType(new Limits(3, 2))));
        assertEquals("limits: minimum 3 is greater than maximum 2", m.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Externs.memory(new MemoryType(new Limits(65537, Limits.NO_MAX))));
        assertThrows(IllegalArgumentException.class,
                () -> Externs.table(new TableType(RefType.FUNCREF, new Limits(5, 4)), null));
    }
}
