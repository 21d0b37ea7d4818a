package dev.weft.stackpool.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndexStackTest {
    @Test
    void popsInReverseOrderOfPushesAndReportsEmptyAsMinusOne() {
        IndexStack stack = new IndexStack(4);
        stack.ensureCapacity(4);
        assertEquals(-1, stack.pop());
        stack.push(2);
        stack.push(0);
        stack.push(3);
        assertEquals(3, stack.pop());
        stack.push(1);
        assertEquals(1, stack.pop());
        assertEquals(0, stack.pop());
        assertEquals(2, stack.pop());
        assertEquals(-1, stack.pop());
    }

    @Test
    void linksLiveInChunksMadeOnlyForTheIndicesInUse() {
        IndexStack stack = new IndexStack(1 << 24);
        stack.ensureCapacity(IndexStack.CHUNK + 1);
        stack.push(IndexStack.CHUNK);
        stack.push(0);
        stack.push(IndexStack.CHUNK - 1);
        assertEquals(IndexStack.CHUNK - 1, stack.pop());
        assertEquals(0, stack.pop());
        assertEquals(IndexStack.CHUNK, stack.pop());
        assertEquals(-1, stack.pop());
    }
}
