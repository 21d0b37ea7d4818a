package dev.weft.continuations;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeapStackSourceTest {
    /** What the interpreter will do: its own stack type with saved registers. */
    static final class RegisterStack extends ContStack {
        int pc;

        RegisterStack(MemorySegment segment, Object[] refs, Object handle) {
            super(segment, refs, handle);
        }
    }

    @Test
    void releasedStacksAreClearedAndHandedOutAgainLastInFirstOut() {
        HeapStackSource source = new HeapStackSource(64);
        ContStack a = source.acquire();
        ContStack b = source.acquire();
        a.segment().setAtIndex(ValueLayout.JAVA_LONG, 7, -1L);
        a.refs()[7] = "x";
        source.release(a);
        source.release(b);
        assertSame(b, source.acquire());
        ContStack again = source.acquire();
        assertSame(a, again);
        assertEquals(0L, again.segment().getAtIndex(ValueLayout.JAVA_LONG, 7));
        assertNull(again.refs()[7]);
        assertEquals(2, source.stats().highWater());
    }

    @Test
    void onlyTheReportedUsedPartIsCleared() {
        HeapStackSource source = new HeapStackSource(64);
        ContStack s = source.acquire();
        s.segment().setAtIndex(ValueLayout.JAVA_LONG, 0, 5L);
        s.recordUsedBytes(8);
        s.recordUsedBytes(4);
        assertEquals(8, s.usedBytes(), "a high-water mark only grows");
        source.release(s);
        assertEquals(0L, source.acquire().segment().getAtIndex(ValueLayout.JAVA_LONG, 0));
        assertEquals(-1, s.usedBytes());
    }

    @Test
    void theFactoryMakesTheInterpretersOwnStackType() {
        Continuations model = new Continuations(new HeapStackSource(64, RegisterStack::new));
        ContStack root = model.enter();
        RegisterStack s = assertInstanceOf(RegisterStack.class,
                model.resume(root, model.create("f"), HandlerTable.EMPTY));
        s.pc = 3;
        assertSame(root, model.returned(s));
    }

    @Test
    void aStackSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new HeapStackSource(0));
    }
}
