package dev.weft.interpreter.exec.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.Memory;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import org.junit.jupiter.api.Test;

/** Mapped linear memories: the 2 GiB cap lifted, limits kept, slots reset and reclaimed. */
class MappedMemoryTest {
    private static final long PAGE = Memory.PAGE_SIZE;

    private static MemoryInstance mapped(long min, boolean is64, long limitPages) {
        try {
            return MemoryInstance.create(new MemoryType(new Limits(min, 0, is64, false, false)), limitPages, true);
        } catch (Trap t) {
            assumeTrue(false, "this machine cannot reserve the address space of a mapped memory: " + t.getMessage());
            throw t;
        }
    }

    private static void assumeGrown(long result, String what) {
        assumeTrue(result >= 0, "the system refused to commit " + what + " (memory.grow returned -1)");
    }

    @Test
    void wasm32MemoryReaches65536PagesAndTheLastByteIsUsable() {
        MemoryInstance m = mapped(0, false, -1);
        long old = m.grow(65536);
        assumeGrown(old, "4 GiB");
        assertEquals(0, old);
        assertEquals(65536, m.pages());
        long last = (1L << 32) - 1;
        m.write(last, new byte[] {42});
        assertEquals(42, m.read(last, 1)[0]);
        m.writeInt(last - 3, 0x01020304);
        assertEquals(0x01020304, m.loadI32(-4, 0), "i32.load at address 0xFFFFFFFC");
        assertEquals(0x01, m.load8(-1, 0), "i32.load8_s of the last byte");
        Trap t = assertThrows(Trap.class, () -> m.loadI32(-3, 0));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, t.kind());
        assertEquals(-1, m.grow(1), "a wasm32 memory cannot pass 65,536 pages");
        m.release();
    }

    @Test
    void memory64GrowsPast4GiB() {
        MemoryInstance m = mapped(1, true, -1);
        long old = m.grow(65536);
        assumeGrown(old, "4 GiB + 64 KiB");
        assertEquals(65537, m.pages());
        long at = (1L << 32) + 8;
        m.writeLong(at, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, m.getI64(m.ea(at, 0, 8)));
        assertThrows(Trap.class, () -> m.ea(65537 * PAGE - 7, 0, 8));
        m.release();
    }

    @Test
    void theInstanceLimitStillCapsGrowth() {
        MemoryInstance m = mapped(1, false, 10);
        assertEquals(1, m.grow(9));
        assertEquals(-1, m.grow(1));
        assertEquals(10, m.pages());
        m.release();
    }

    @Test
    void theHeapRepresentationKeepsItsCap() {
        MemoryInstance m = MemoryInstance.create(new MemoryType(new Limits(0, 0, false, false, false)), -1, false);
        assertFalse(m.isMapped());
        assertEquals(-1, m.grow(MemoryInstance.MAX_PAGES + 1));
    }

    @Test
    void aReleasedSlotIsReusedAndReadsZero() {
        MemoryInstance first = mapped(1, false, 3);
        assertTrue(first.isMapped());
        first.storeI64(1024, 0, -1L);
        long address = first.segment().address();
        first.release();
        assertEquals(0, first.pages());
        assertThrows(Trap.class, () -> first.loadI32(1024, 0), "a released memory traps, it does not crash");
        MemoryInstance second = mapped(1, false, 3);
        assertEquals(address, second.segment().address(), "the pool hands the same slot out again");
        assertEquals(0L, second.loadI64(1024, 0));
        second.release();
    }

    @Test
    void droppedMemoriesAreReclaimedByTheCleaner() {
        // 4 GiB reservations: far more than the pool may hold at once (8,192), so this passes
        // only if memories dropped without release() go back to the pool
        mapped(1, false, -1).release(); // skips here if the machine cannot reserve one at all
        for (int i = 0; i < 12_000; i++) {
            // not through mapped(): pool exhaustion in this loop is the failure under test, not a skip
            MemoryInstance m = MemoryInstance.create(new MemoryType(new Limits(1, 0, false, false, false)), -1, true);
            m.store8(i, 0, 1);
        }
    }
}
