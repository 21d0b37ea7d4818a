package dev.weft.interpreter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.MalformedModuleException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nesting depth is not bounded by the Java stack in the text format, as in the binary one: the
 * parser used to recurse per block and a module of about 100,000 nested blocks ended in a raw
 * StackOverflowError. Each shape is nested 200,000 deep (twice what overflowed; default thread stack), parsed,
 * validated, lowered and run.
 */
class DeepNestingTest {
    private static final int DEPTH = 200_000;

    @ParameterizedTest
    @CsvSource({
        "'block ', 'end ', 7",
        "'(block ', ')', 7",
        "'(loop ', ')', 7",
        "'(if (i32.const 1) (then ', '))', 7",
        "'(if (i32.const 0) (then) (else ', '))', 7",
        "'block (block ', ') end ', 7",
    })
    void nestedBlocksParseAndRun(String open, String close, int expected) throws Exception {
        String wat = "(module (func (export \"f\") (result i32) "
                + open.repeat(DEPTH) + close.repeat(DEPTH) + " i32.const 7))";
        assertEquals(expected, run(wat));
    }

    @ParameterizedTest
    @CsvSource({"1", "100000"})
    void nestedFoldedOperandsParseAndRun(int depth) throws Exception {
        String wat = "(module (func (export \"f\") (result i32) "
                + "(i32.add (i32.const 1) ".repeat(depth) + "(i32.const 0)" + ")".repeat(depth) + "))";
        assertEquals(depth, run(wat));
    }

    @ParameterizedTest
    @CsvSource({"'(block ', ')', 'unexpected end'", "'block ', 'end ', 'unexpected token'"})
    void anUnclosedDeepBlockIsAMalformedModule(String open, String close, String message) {
        String wat = "(module (func " + open.repeat(DEPTH) + close.repeat(DEPTH - 1) + "))";
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(wat));
        assertEquals(message, e.getMessage().replaceAll(":? ?line \\d+(, column \\d+)?$", "").strip(), e.getMessage());
    }

    private static int run(String wat) throws Exception {
        return new Linker().instantiate(CompiledModule.compile(WatParser.parseModule(wat)))
                .function("f").call()[0].asInt();
    }
}
