package dev.weft.interpreter.exec;

import dev.weft.continuations.ContRef;

/**
 * {@link ModuleInstance#close}'s work: gives back what the instance defines. Continuations held in
 * its tables and globals are discarded (their stacks go back to the pool at once, not when the
 * Cleaner finds them), its memories and tables drop their contents (an instance that imported
 * one sees it empty: accesses trap out of bounds), its reference globals and segments are
 * cleared. Imported memories, tables and globals stay as they are: their owner has them.
 */
final class Teardown {
    private Teardown() {}

    static void release(ModuleInstance inst) {
        StackContext cx = StackContext.current();
        for (int i = inst.firstDefinedTable; i < inst.tables.length; i++) {
            for (Object ref : inst.tables[i].elements) {
                discard(cx, ref);
            }
            inst.tables[i].release();
        }
        for (int i = inst.firstDefinedGlobal; i < inst.globals.length; i++) {
            discard(cx, inst.globals[i].ref);
            inst.globals[i].ref = null;
        }
        for (int i = inst.firstDefinedMemory; i < inst.memories.length; i++) {
            inst.memories[i].release();
        }
        java.util.Arrays.fill(inst.elements, new Object[0]);
        java.util.Arrays.fill(inst.data, new byte[0]);
    }

    private static void discard(StackContext cx, Object ref) {
        if (ref instanceof ContRef k && !k.isConsumed()) {
            cx.model.discard(k);
        }
    }
}
