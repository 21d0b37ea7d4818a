package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.code.CastTarget;
import java.util.function.IntUnaryOperator;

/** Classification of reference types for the checks the runtime makes at its boundaries. */
final class Refs {
    private Refs() {}

    /**
     * Whether {@code ref}, a non-null reference from the host, may be passed where {@code t} is
     * expected. Functions fit the func hierarchy (by kind only, as before GC); structs, arrays and
     * i31s must be instances of a GC type (eq, i31, struct, array, or a concrete type exactly,
     * by subtyping); anything but a function fits extern, any and the others. A concrete type's
     * index is mapped to its canonical id by {@code canonical}; when that is null (a host
     * function's own type), a concrete type is taken to be a function type, as before.
     */
    static boolean holds(RefType t, Object ref, IntUnaryOperator canonical) {
        if (t.heapType() instanceof ConcreteHeapType c) {
            if (canonical == null) {
                return ref instanceof FunctionInstance;
            }
            int id = canonical.applyAsInt(c.index());
            return ref instanceof FunctionInstance
                    ? RuntimeTypes.kindOf(id) == AbsHeapType.FUNC
                    : CastOps.test(ref, id, false);
        }
        AbsHeapType a = (AbsHeapType) t.heapType();
        return switch (a) {
            case FUNC, NOFUNC -> ref instanceof FunctionInstance;
            case EQ, I31, STRUCT, ARRAY, NONE -> CastOps.test(ref, CastTarget.of(a), false);
            default -> !(ref instanceof FunctionInstance);
        };
    }
}
