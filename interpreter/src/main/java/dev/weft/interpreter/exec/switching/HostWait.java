package dev.weft.interpreter.exec.switching;

import dev.weft.interpreter.ast.ValType;
import java.util.List;

/**
 * A stack parked at a host call that resumed a continuation ({@code HostControl.resume}): what
 * the continuation's outcome goes to. Implemented on the loop's side, which knows the host
 * function and its callback.
 */
public interface HostWait {
    /** The result types of the resumed continuation. */
    List<ValType> results();

    /**
     * Hands {@code outcome} to the host's callback and continues after the host call on
     * {@code parked}, the running stack again; returns the depth the loop continues at.
     */
    int deliver(SwitchStack parked, HostOutcome outcome);
}
