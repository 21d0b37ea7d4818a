package dev.weft.fuzz;

import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises modules that contain the trigger of a bug of issue 17 that is being fixed on main,
 * so that a long run's findings say so. Today: bug 1, a {@code try_table} catch clause whose
 * label is a {@code loop} (Weft leaves the loop instead of restarting it). A finding on such a
 * module may still be a new bug; the note only says the known one is present.
 */
final class KnownBugs {
    private KnownBugs() {}

    /** A note naming the known bug whose trigger {@code m} contains, or null. */
    static String note(Module m) {
        for (Function f : m.functions()) {
            if (catchTargetsLoop(f.body())) {
                return "the module has a try_table catch targeting a loop label (issue 17 bug 1)";
            }
        }
        return null;
    }

    private static boolean catchTargetsLoop(List<Instruction> body) {
        List<Op> labels = new ArrayList<>(); // innermost last; catch labels are resolved outside the try_table
        for (Instruction in : body) {
            if (in instanceof Instruction.TryTable t) {
                for (Instruction.Catch c : t.catches()) {
                    int at = labels.size() - 1 - c.label();
                    if (at >= 0 && labels.get(at) == Op.LOOP) {
                        return true;
                    }
                }
            }
            switch (in.op()) {
                case BLOCK, LOOP, IF, TRY_TABLE -> labels.add(in.op());
                case END -> {
                    if (!labels.isEmpty()) {
                        labels.remove(labels.size() - 1);
                    }
                }
                default -> { }
            }
        }
        return false;
    }
}
