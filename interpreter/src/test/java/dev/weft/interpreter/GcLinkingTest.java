package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Globals holding structs and arrays, imported under their own or an abstract supertype. */
class GcLinkingTest {
    private static Linker linker;

    @BeforeAll
    static void setUp() throws Exception {
        linker = new Linker();
        linker.register("p", WatTesting.instantiate(linker, """
            (module
              (type $s (struct (field i32)))
              (type $a (array i8))
              (global (export "s") (ref null $s) (struct.new $s (i32.const 7)))
              (global (export "a") (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
              (global (export "eq") eqref (ref.i31 (i32.const 3))))
            """));
    }

    @Test
    void aStructGlobalLinksAsItsTypeOrAnAbstractSupertype() throws Exception {
        Instance b = WatTesting.instantiate(linker, """
            (module
              (type $s (struct (field i32)))
              (import "p" "s" (global $s (ref null $s)))
              (import "p" "s" (global $st (ref null struct)))
              (import "p" "s" (global $eq eqref))
              (import "p" "a" (global $a (ref array)))
              (import "p" "eq" (global $any anyref))
              (func (export "run") (result i32)
                (i32.add (struct.get $s 0 (global.get $s))
                  (i32.add (array.len (global.get $a))
                    (i31.get_s (ref.cast (ref i31) (global.get $any)))))))
            """);
        assertEquals(i32(12), call1(b, "run"));
    }

    @Test
    void aStructGlobalDoesNotLinkAsAnArrayOrAFunction() {
        for (String type : new String[] {"(ref null array)", "funcref", "(ref null none)", "i31ref"}) {
            assertThrows(UnlinkableException.class, () -> WatTesting.instantiate(linker,
                    "(module (import \"p\" \"s\" (global " + type + ")))"), type);
        }
    }
}
