package dev.weft.fibers;

import dev.weft.interpreter.Continuation;

/** One fiber of the {@code weft_fiber} host module: its continuation and its C shadow stack. */
final class Fiber {
    enum State { NEW, SUSPENDED, RUNNING, DONE }

    /** Lowest address of the shadow stack (the canary) and one past its highest. */
    final int low;
    final int high;
    /** The continuation to resume next (null once done). */
    Continuation next;
    State state = State.NEW;
    /** The fiber's saved {@code __stack_pointer} while it is not running. */
    int savedSp;
    /** The resumer's {@code __stack_pointer} while the fiber runs. */
    int resumerSp;
    /** Where the running resume stores its status. */
    int statusAddress;

    Fiber(Continuation next, int low, int high) {
        this.next = next;
        this.low = low;
        this.high = high;
        this.savedSp = high;
    }

    boolean resumable() {
        return state == State.NEW || state == State.SUSPENDED;
    }
}
