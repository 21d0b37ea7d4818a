package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An instance is not thread-safe: two threads calling into it at once used to lose updates
 * without any error. A second thread entering while a first runs in it is now refused, and the
 * instance is usable from either thread once the first call has ended.
 */
class ConcurrentEntryTest {
    @Test
    void aSecondThreadIsRefusedWhileTheFirstRunsInTheInstance() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Linker linker = new Linker();
        linker.define("host", "wait", HostFunction.of(new CompositeType.Func(List.of(), List.of()), args -> {
            inside.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new Value[0];
        }));
        Instance inst = WatTesting.instantiate(linker, """
            (module (import "host" "wait" (func $wait))
              (global $n (mut i32) (i32.const 0))
              (func (export "bump-and-wait") (result i32)
                (global.set $n (i32.add (global.get $n) (i32.const 1))) (call $wait) (global.get $n))
              (func (export "bump") (result i32)
                (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))
            """);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> inst.function("bump-and-wait").call()[0].asInt());
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> inst.function("bump").call());
        assertTrue(e.getMessage().contains("not thread-safe"), e.getMessage());
        release.countDown();
        assertEquals(1, first.get(30, TimeUnit.SECONDS));
        assertEquals(2, inst.function("bump").call()[0].asInt(), "usable again after the first call ended");
    }
}
