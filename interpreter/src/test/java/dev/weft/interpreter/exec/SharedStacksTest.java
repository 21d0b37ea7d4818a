package dev.weft.interpreter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.stackpool.PoolMode;
import org.junit.jupiter.api.Test;

class SharedStacksTest {
    @Test
    void thePropertyNamesHeapNativeOrUnpooledAndDefaultsToHeap() {
        assertEquals(PoolMode.HEAP, SharedStacks.mode(null));
        assertEquals(PoolMode.HEAP, SharedStacks.mode("heap"));
        assertEquals(PoolMode.NATIVE, SharedStacks.mode("native"));
        assertEquals(PoolMode.UNPOOLED, SharedStacks.mode(" Unpooled "));
    }

    @Test
    void aBadValueIsRejectedNamingThePropertyAndTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedStacks.mode("mmap"));
        assertEquals("system property weft.stackPool = \"mmap\" is not a stack pool mode:"
                + " use heap (the default), native or unpooled", e.getMessage());
    }

    @Test
    void heapSlotsAreTheStacksInitialValueArrayAndAllowMillionsOfStacks() {
        assertEquals(ExecStack.INITIAL_SLOTS * 8L, SharedStacks.config(PoolMode.HEAP).slotSize());
        assertEquals(1 << 24, SharedStacks.config(PoolMode.HEAP).maxSlots());
    }
}
