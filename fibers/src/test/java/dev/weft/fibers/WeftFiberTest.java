package dev.weft.fibers;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.Test;

/**
 * The {@code weft_fiber} contract (fibers/README.md) against a small hand-written guest: a
 * bump allocator for shadow stacks with the canary, fibers whose entry points record the
 * stack pointer they run with, and exports that call the imports the way fiber.h does.
 */
class WeftFiberTest {
    private static final String GUEST = """
            (module
              (import "weft_fiber" "fiber_init" (func $init (param i32)))
              (import "weft_fiber" "fiber_finalize" (func $finalize))
              (import "weft_fiber" "fiber_alloc" (func $alloc (param i32) (result i32)))
              (import "weft_fiber" "fiber_free" (func $free (param i32)))
              (import "weft_fiber" "fiber_resume" (func $resume (param i32 i32 i32) (result i32)))
              (import "weft_fiber" "fiber_yield" (func $yield (param i32) (result i32)))
              (memory (export "memory") 4)
              (global $sp (export "__stack_pointer") (mut i32) (i32.const 65536))
              (global $heap (mut i32) (i32.const 65536))
              (global $seenSp (export "seen_sp") (mut i32) (i32.const 0))
              (global $freed (export "freed") (mut i32) (i32.const 0))
              (table (export "__indirect_function_table") 4 funcref)
              (elem (i32.const 1) $counter $selfFree $smash)
              (type $entry (func (param i32) (result i32)))
              ;; status word at address 16
              (func (export "weft_fiber_stack_alloc") (param $bytes i32) (result i32)
                (local $low i32)
                (local.set $low (global.get $heap))
                (global.set $heap (i32.add (global.get $heap)
                  (i32.and (i32.add (local.get $bytes) (i32.const 15)) (i32.const -16))))
                (i32.store offset=0 (local.get $low) (i32.const 0x57ef7f1b))
                (i32.store offset=4 (local.get $low) (i32.const 0x57ef7f1b))
                (i32.store offset=8 (local.get $low) (i32.const 0x57ef7f1b))
                (i32.store offset=12 (local.get $low) (i32.const 0x57ef7f1b))
                (local.get $low))
              (func (export "weft_fiber_stack_free") (param i32)
                (global.set $freed (i32.add (global.get $freed) (i32.const 1))))
              (func (export "weft_fiber_stack_check") (param i32 i32 i32) unreachable)
              ;; entry 1: yields arg, arg+1, ... three times, returns the sum of the resume values
              (func $counter (param $arg i32) (result i32)
                (local $sum i32)
                (global.set $seenSp (global.get $sp))
                (local.set $sum (call $yield (local.get $arg)))
                (local.set $sum (i32.add (local.get $sum) (call $yield (i32.add (local.get $arg) (i32.const 1)))))
                (i32.add (local.get $sum) (call $yield (i32.add (local.get $arg) (i32.const 2)))))
              ;; entry 2: frees itself while running
              (func $selfFree (param $me i32) (result i32)
                (call $free (local.get $me))
                (i32.const 0))
              ;; entry 3: overwrites its own canary, then yields
              (func $smash (param $low i32) (result i32)
                (i32.store (local.get $low) (i32.const 0))
                (call $yield (i32.const 0)))
              (func (export "init") (param i32) (call $init (local.get 0)))
              (func (export "finalize") (call $finalize))
              (func (export "alloc") (param i32) (result i32) (call $alloc (local.get 0)))
              (func (export "free") (param i32) (call $free (local.get 0)))
              (func (export "resume") (param $f i32) (param $arg i32) (result i32)
                (call $resume (local.get $f) (local.get $arg) (i32.const 16)))
              (func (export "status") (result i32) (i32.load (i32.const 16)))
              (func (export "yield") (param i32) (result i32) (call $yield (local.get 0)))
              (func (export "sp") (result i32) (global.get $sp))
              (func (export "heap") (result i32) (global.get $heap)))
            """;

    private Instance guest;
    private WeftFiber fibers;

    private void start() throws Exception {
        Linker linker = new Linker();
        fibers = WeftFiber.define(linker);
        guest = linker.instantiate(CompiledModule.compile(WatParser.parseModule(GUEST)));
        fibers.bind(guest);
    }

    private int call(String name, int... args) {
        dev.weft.interpreter.Value[] values = new dev.weft.interpreter.Value[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = i32(args[i]);
        }
        dev.weft.interpreter.Value[] r = guest.function(name).call(values);
        return r.length == 0 ? 0 : r[0].asInt();
    }

    @Test
    void aFiberYieldsToItsResumerOnItsOwnShadowStackAndReturns() throws Exception {
        start();
        call("init", 4096);
        int heapBefore = call("heap");
        int f = call("alloc", 1);
        assertTrue(f != 0);
        int callerSp = call("sp");
        assertEquals(100, call("resume", f, 100));
        assertEquals(WeftFiber.YIELD, call("status"));
        assertEquals(heapBefore + 4096, guest.global("seen_sp").get().asInt(), "runs on its shadow stack's top");
        assertEquals(callerSp, call("sp"), "the resumer's stack pointer is back");
        assertEquals(101, call("resume", f, 1));
        assertEquals(102, call("resume", f, 2));
        assertEquals(WeftFiber.YIELD, call("status"));
        assertEquals(1 + 2 + 3, call("resume", f, 3));
        assertEquals(WeftFiber.OK, call("status"));
        assertEquals(callerSp, call("sp"));
        assertEquals(0, call("resume", f, 4), "a finished fiber is not resumable");
        assertEquals(WeftFiber.ERROR, call("status"));
        call("free", f);
        assertEquals(0, fibers.liveFibers());
        assertEquals(0, guest.global("freed").get().asInt(), "the shadow stack is kept for the next fiber");
        int g = call("alloc", 1);
        assertEquals(heapBefore + 4096, call("heap"), "the next fiber reuses it: nothing new allocated");
        assertEquals(100, call("resume", g, 100));
        assertEquals(heapBefore + 4096, guest.global("seen_sp").get().asInt());
        call("free", g);
        call("finalize");
        assertEquals(1, guest.global("freed").get().asInt(), "fiber_finalize gives cached stacks back");
    }

    @Test
    void aStackOfAnotherSizeIsNotReused() throws Exception {
        start();
        call("init", 4096);
        int f = call("alloc", 1);
        call("free", f);
        call("init", 8192);
        int heap = call("heap");
        call("free", call("alloc", 1));
        assertEquals(heap + 8192, call("heap"), "a new 8 KiB stack");
        assertEquals(1, guest.global("freed").get().asInt(), "the 8 KiB one could not join the 4 KiB cache");
    }

    @Test
    void badHandlesAndEntriesAreErrorsNotCrashes() throws Exception {
        start();
        assertEquals(0, call("resume", 0, 1));
        assertEquals(WeftFiber.ERROR, call("status"));
        assertEquals(0, call("resume", 77, 1));
        assertEquals(WeftFiber.ERROR, call("status"));
        assertEquals(0, call("alloc", 0), "null table entry");
        assertEquals(0, call("alloc", 1000), "index past the table");
        call("free", 0);
        call("free", 55);
        assertEquals(0, guest.global("freed").get().asInt());
    }

    @Test
    void aSuspendedFiberCanBeFreedAndItsHandleIsReused() throws Exception {
        start();
        int f = call("alloc", 1);
        call("resume", f, 5);
        call("free", f);
        assertEquals(0, call("resume", f, 1));
        assertEquals(WeftFiber.ERROR, call("status"));
        assertEquals(f, call("alloc", 1), "handles are reused");
    }

    @Test
    void yieldOutsideAnyFiberTraps() throws Exception {
        start();
        Trap t = assertThrows(Trap.class, () -> call("yield", 1));
        assertTrue(t.getMessage().contains("fiber_yield called outside any fiber"), t.getMessage());
    }

    @Test
    void freeingTheRunningFiberTraps() throws Exception {
        start();
        int f = call("alloc", 2);
        Trap t = assertThrows(Trap.class, () -> call("resume", f, f));
        assertTrue(t.getMessage().contains("the fiber is running"), t.getMessage());
    }

    @Test
    void aDamagedCanaryIsReportedThroughTheGuestsCheck() throws Exception {
        start();
        call("init", 4096);
        int low = call("heap");
        int f = call("alloc", 3);
        Trap t = assertThrows(Trap.class, () -> call("resume", f, low));
        assertEquals(dev.weft.interpreter.TrapKind.UNREACHABLE, t.kind(), "the guest's weft_fiber_stack_check aborts");
    }

    @Test
    void aGuestWithoutTheRequiredExportsIsRefusedByName() throws Exception {
        Linker linker = new Linker();
        WeftFiber m = WeftFiber.define(linker);
        Instance bare = linker.instantiate(CompiledModule.compile(WatParser.parseModule("(module (memory (export \"memory\") 1))")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.bind(bare));
        assertTrue(e.getMessage().contains("__indirect_function_table"), e.getMessage());
    }
}
