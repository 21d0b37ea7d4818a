package dev.weft.interpreter.text;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.interpreter.MalformedModuleException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Randomly damaged module text must give a module or a MalformedModuleException, nothing else. */
class MutationTest {
    private static final String SAMPLE = """
            (module $m
              (type $t (func (param i32) (result i32)))
              (rec (type $s (sub (struct (field $x (mut i32)) (field i8)))) (type $a (array (mut f64))))
              (import "spectest" "print_i32" (func $print (param i32)))
              (memory (export "mem") 1 2) (table $tab 2 funcref) (global $g (mut i64) (i64.const -1))
              (tag $e (param i32))
              (func $f (export "f") (type $t) (param $p i32) (result i32) (local $l f32)
                (block $b (result i32)
                  (if (result i32) (local.get $p) (then (br $b (i32.const 1))) (else (i32.const 0x1p-3))))
                (try_table (catch $e 0) (throw $e (i32.const 7)))
                i32.load8_u offset=4 align=1 (f32.const -0x1.fffffep127) drop
                (call_indirect $tab (type $t) (i32.const 0) (i32.const 1)))
              (elem (table $tab) (i32.const 0) func $f)
              (data (memory 0) (i32.const 8) "hi\\00\\u{48}")
              (start $print))
            """;
    private static final String ALPHABET = "()$\"; \n0123456789abcdefxp.-_+=@\\iuf";

    @Test
    void damagedTextNeverCrashesTheParser() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = mutate(SAMPLE, random);
            try {
                WatParser.parseModule(text);
            } catch (MalformedModuleException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("crash on input:\n" + text, e);
            }
        }
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> b.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }
}
