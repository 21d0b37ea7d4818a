package dev.weft.interpreter.lower;

import dev.weft.interpreter.ast.Instruction;
import java.util.List;

/**
 * A control label during lowering: where branches to it go, how many slots they carry, and the
 * operand height (above the locals) the label's values start at.
 */
final class Label {
    final boolean loop;
    final boolean dead;
    /** Slots carried by a branch: results for a block/if, params for a loop. */
    final int arity;
    /** Operand height at entry, below the block's params. */
    final int height;
    /** Loop start pc (loops only). */
    final int start;
    /** Position of an if's jump-to-else immediate, or -1. */
    int elseFixup = -1;
    /** Positions of forward branch immediates to patch with the end pc. */
    final IntList fixups = new IntList();
    /**
     * The pc a branch (or a catch clause) lands on once known: the loop start, set when the loop
     * is entered and never moved, or the block end when the block is lowered.
     */
    int endPc = -1;
    /** For a try_table: the first pc of its body, else -1. */
    int tryStart = -1;
    /** For a try_table: its catch clauses and the labels they branch to (same order). */
    List<Instruction.Catch> catches = List.of();
    List<Label> catchTargets = List.of();

    private Label(boolean loop, boolean dead, int arity, int height, int start) {
        this.loop = loop;
        this.dead = dead;
        this.arity = arity;
        this.height = height;
        this.start = start;
        if (loop) {
            this.endPc = start;
        }
    }

    /** Whether a forward branch immediate at {@code pos} waits for this label's end. */
    boolean hasFixup(int pos) {
        for (int f : fixups.toArray()) {
            if (f == pos) {
                return true;
            }
        }
        return false;
    }

    static Label block(int height, int results) {
        return new Label(false, false, results, height, -1);
    }

    static Label loop(int height, int params, int start) {
        return new Label(true, false, params, height, start);
    }

    static Label deadLabel() {
        return new Label(false, true, 0, 0, -1);
    }
}
