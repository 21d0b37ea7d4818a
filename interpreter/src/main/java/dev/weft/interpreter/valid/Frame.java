package dev.weft.interpreter.valid;

import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.ValType;

/**
 * One entry of the validator's control stack. Frames are reused (the validator keeps a pool),
 * so every field is reset by {@link #reset}.
 *
 * <p>Invariant: {@code height}/{@code slotBase} are the operand-stack size (values) and slot
 * height at block entry, after the block's parameters were popped.
 */
final class Frame {
    /** BLOCK, LOOP, IF, ELSE, TRY_TABLE; the function body uses BLOCK. */
    Op kind;
    ValType[] params;
    ValType[] results;
    int height;
    int slotBase;
    boolean unreachable;
    /** Size of the validator's local-initialisation log at entry. */
    int initMark;
    /** True once a branch (or catch clause) targets this frame's label. */
    boolean targeted;
    /** True when the block was entered from unreachable code, so nothing in it can run. */
    boolean dead;

    void reset(Op kind, ValType[] params, ValType[] results, int height, int slotBase, int initMark,
            boolean dead) {
        this.kind = kind;
        this.params = params;
        this.results = results;
        this.height = height;
        this.slotBase = slotBase;
        this.unreachable = false;
        this.initMark = initMark;
        this.targeted = false;
        this.dead = dead;
    }

    /** True while the code at the current position can run (neither dead nor unreachable). */
    boolean isLive() {
        return !unreachable && !dead;
    }

    /** The types a branch to this frame's label carries. */
    ValType[] labelTypes() {
        return kind == Op.LOOP ? params : results;
    }
}
