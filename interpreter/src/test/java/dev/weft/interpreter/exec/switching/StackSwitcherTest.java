package dev.weft.interpreter.exec.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContRef;
import dev.weft.continuations.Continuations;
import dev.weft.continuations.HandlerTable;
import dev.weft.continuations.PoolStackSource;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.stackpool.PoolConfig;
import dev.weft.stackpool.PoolMode;
import dev.weft.stackpool.StackPool;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam without the dispatch loop: stacks that are plain {@link SwitchStack}s, parked by hand
 * as the loop's side would park them, switched by a {@link StackSwitcher} over a real model.
 */
class StackSwitcherTest {
    private static final CompositeType.Func I_I = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
    /** A clause label in the handler's code: at it, target pc 42, arity 2 (payload and continuation), height 5. */
    private static final int LABEL = 3;
    private static final int[] HANDLER_CODE = {0, 0, 0, 42, 2, 5};

    /** A stack with a fixed code for its parked frame. */
    static final class TestStack extends SwitchStack {
        TestStack(MemorySegment segment, Object[] refs, Object memoryHandle) {
            super(segment, refs, memoryHandle);
            slots = new long[refs.length];
            this.refs = refs;
            frames = new int[8];
        }

        @Override
        public void reserve(int slotLimit) {
            if (slotLimit > slots.length) {
                slots = Arrays.copyOf(slots, slotLimit);
                refs = Arrays.copyOf(refs, slotLimit);
            }
        }

        @Override
        protected int[] parkedCode() {
            return HANDLER_CODE;
        }
    }

    /** The loop's side: a fresh stack gets one entry frame; raising is not exercised. */
    static final class TestSwitcher extends StackSwitcher {
        int freshEntries;

        TestSwitcher() {
            super(new Continuations(new PoolStackSource(StackPool.create(PoolConfig.defaults().withMode(PoolMode.HEAP)
                    .withSlotSize(16 * Long.BYTES).withMaxSlots(16)), TestStack::new)));
        }

        @Override
        protected int enterFresh(SwitchStack t, BoundArgs bound, SwitchStack from, int argBase, int n, Object last) {
            freshEntries++;
            t.depth = 1;
            return enterParked(t, bound, from, argBase, n, last);
        }

        @Override
        protected int raiseIn(SwitchStack st, WasmException exn) {
            throw new UnsupportedOperationException();
        }
    }

    private final TestSwitcher sw = new TestSwitcher();
    private final Tag tag = Tag.create(I_I);
    private final TestStack root = (TestStack) sw.model.enter();

    /** Parks {@code st} as the loop's side does: one saved frame continuing at {@code pc}, sp at {@code sp}. */
    private static void park(SwitchStack st, int pc, int sp) {
        st.depth = 1;
        st.frames[0] = pc;
        st.frames[1] = 0;
        st.sp = sp;
    }

    /** A fresh continuation laid out as cont.new does: its entry frame pushed, 3 slots of params and locals. */
    private ContRef laidOut() {
        ContRef k = sw.model.create("f");
        SwitchStack fresh = (SwitchStack) k.freshStack();
        fresh.depth = 1;
        fresh.entrySp = 3;
        return k;
    }

    @Test
    void aResumeMovesTheArgumentsAndASuspendLandsAtTheClauseWithThePayloadAndTheContinuation() {
        sw.running = root;
        ContRef k = laidOut();
        SwitchStack fresh = (SwitchStack) k.freshStack();
        HandlerTable h = HandlerTable.builder().onSuspend(tag, LABEL).build();
        root.slots[0] = 7;
        root.slots[1] = 8;
        root.refs[1] = "ref";
        park(root, 100, 0);

        assertEquals(1, sw.resume(root, k, h, 0, 2));
        assertSame(fresh, sw.running);
        assertEquals(List.of(7L, 8L), List.of(fresh.slots[0], fresh.slots[1]));
        assertEquals("ref", fresh.refs[1]);
        assertNull(root.refs[1], "a reference that moved away is cleared");
        assertEquals(3, fresh.sp, "the first resume leaves sp after the locals");
        assertEquals(SwitchStack.NO_ENTRY, fresh.entrySp);

        fresh.slots[3] = 99;
        park(fresh, 200, 3);
        assertEquals(1, sw.suspend(fresh, tag, 3, 1));
        assertSame(root, sw.running);
        assertEquals(99, root.slots[5], "payload at the clause's height");
        ContRef next = (ContRef) root.refs[6];
        assertNotNull(next, "the continuation after the payload");
        assertEquals(42, root.frames[0], "the handler continues at the clause's target");
        assertEquals(7, root.sp);

        root.slots[0] = 11;
        park(root, 100, 0);
        assertEquals(1, sw.resume(root, next, h, 0, 1));
        assertSame(fresh, sw.running);
        assertEquals(11, fresh.slots[3], "the resume's value is the suspend's result");
        assertEquals(4, fresh.sp);

        fresh.slots[0] = 123;
        assertEquals(1, sw.returned(fresh, 0, 1));
        assertSame(root, sw.running);
        assertEquals(123, root.slots[0], "the results land on the parent's top");
        assertEquals(1, root.sp);
        assertEquals(0, sw.freshEntries, "a laid-out stack is entered as a parked one");
        assertEquals(1, sw.model.stats().completed());
    }

    @Test
    void aFreshStackWithoutAFrameIsEnteredThroughTheLoopsSide() {
        sw.running = root;
        ContRef k = sw.model.create("host");
        root.slots[0] = 5;
        park(root, 100, 0);
        sw.resume(root, k, HandlerTable.builder().build(), 0, 1);
        assertEquals(1, sw.freshEntries);
        assertEquals(5, ((SwitchStack) sw.running).slots[0]);
    }

    @Test
    void aSuspensionToAHostClauseIsKeptOnTheBarrierAndOneForAWaitingStackGoesToItsHostWait() {
        sw.running = root;
        HandlerTable host = HandlerTable.builder().onSuspend(tag, StackSwitcher.HOST_LABEL).build();
        ContRef k = laidOut();
        SwitchStack fresh = (SwitchStack) k.freshStack();
        park(root, 100, 0);
        sw.resume(root, k, host, 0, 0);
        fresh.slots[3] = 31;
        park(fresh, 200, 3);
        assertEquals(1, sw.suspend(fresh, tag, 3, 1));
        HostOutcome caught = StackSwitcher.takeCaught(root);
        assertSame(tag, caught.tag());
        assertEquals(31, caught.values()[0].asInt());
        assertNull(StackSwitcher.takeCaught(root), "taken once");

        List<HostOutcome> delivered = new ArrayList<>();
        HostWait wait = new HostWait() {
            @Override
            public List<ValType> results() {
                return List.of(NumType.I32);
            }

            @Override
            public int deliver(SwitchStack parked, HostOutcome outcome) {
                delivered.add(outcome);
                return 77;
            }
        };
        root.slots[0] = 1;
        park(root, 100, 0);
        sw.resumeForHost(root, caught.next(), host, 0, 1, wait);
        fresh.slots[0] = 64;
        assertEquals(77, sw.returned(fresh, 0, 1));
        assertEquals(1, delivered.size());
        assertNull(delivered.get(0).tag(), "it returned");
        assertEquals(List.of(Value.i32(64)), List.of(delivered.get(0).values()));
        assertEquals(0, root.sp, "the results were taken off the parked stack");
    }

    @Test
    void theModelsCheckFailuresBecomeTheSpecsTraps() {
        sw.running = root;
        park(root, 100, 0);
        Trap t = assertThrows(Trap.class, () -> sw.resume(root, null, HandlerTable.builder().build(), 0, 0));
        assertEquals(TrapKind.NULL_CONTINUATION_REFERENCE, t.kind());
    }
}
