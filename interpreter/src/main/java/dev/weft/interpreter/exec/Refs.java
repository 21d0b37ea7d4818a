package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.RefType;

/** Classification of reference types for the checks the runtime makes at its boundaries. */
final class Refs {
    private Refs() {}

    /** Whether values of {@code t} are function references (func, nofunc or a concrete type). */
    static boolean isFuncType(RefType t) {
        return t.heapType() instanceof ConcreteHeapType
                || t.heapType() == AbsHeapType.FUNC
                || t.heapType() == AbsHeapType.NOFUNC;
    }
}
