package dev.weft.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** assert_exception passes only for an uncaught Wasm exception; assert_trap never accepts one. */
class AssertExceptionTest {
    private static List<Outcome.Status> run(String script) {
        WastSession session = new WastSession(new PrintStream(OutputStream.nullOutputStream()));
        return WastParser.parse(script).commands().stream().map(c -> session.run(c).status()).toList();
    }

    private static final String MODULE = """
        (module
          (tag $e (param i32))
          (func (export "throw") (throw $e (i32.const 1)))
          (func (export "trap") (unreachable))
          (func (export "ok")))
        """;

    @Test
    void assertExceptionPassesWhenAnExceptionEscapes() {
        assertEquals(List.of(Outcome.Status.PASSED, Outcome.Status.PASSED),
                run(MODULE + "(assert_exception (invoke \"throw\"))"));
    }

    @Test
    void assertExceptionFailsOnATrapOrOnResults() {
        assertEquals(List.of(Outcome.Status.PASSED, Outcome.Status.FAILED, Outcome.Status.FAILED),
                run(MODULE + "(assert_exception (invoke \"trap\")) (assert_exception (invoke \"ok\"))"));
    }

    @Test
    void assertTrapDoesNotAcceptAnException() {
        assertEquals(List.of(Outcome.Status.PASSED, Outcome.Status.FAILED),
                run(MODULE + "(assert_trap (invoke \"throw\") \"unreachable\")"));
    }
}
