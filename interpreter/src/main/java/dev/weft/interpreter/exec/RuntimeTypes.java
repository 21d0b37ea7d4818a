package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.valid.TypeRegistry;

/**
 * Types as the runtime keeps them: a concrete heap type names a process-wide canonical type id
 * instead of a module's type index, so types of different modules compare directly. Subtyping
 * covers what linking needs: nullability, the abstract func/extern hierarchies and concrete
 * types (through {@link TypeRegistry#isSubtype}).
 */
final class RuntimeTypes {
    private RuntimeTypes() {}

    static ValType canonical(ValType t, int[] canonicalIds) {
        if (t instanceof RefType r && r.heapType() instanceof ConcreteHeapType c) {
            return new RefType(r.nullable(), new ConcreteHeapType(canonicalIds[c.index()]));
        }
        return t;
    }

    static GlobalType canonical(GlobalType g, int[] canonicalIds) {
        return new GlobalType(canonical(g.type(), canonicalIds), g.mutable());
    }

    static TableType canonical(TableType t, int[] canonicalIds) {
        return new TableType((RefType) canonical(t.elementType(), canonicalIds), t.limits());
    }

    /** Whether {@code a} is a subtype of {@code b} (both canonical). */
    static boolean isSubtype(ValType a, ValType b) {
        if (a.equals(b)) {
            return true;
        }
        if (!(a instanceof RefType ra) || !(b instanceof RefType rb)) {
            return false;
        }
        if (ra.nullable() && !rb.nullable()) {
            return false;
        }
        return isHeapSubtype(ra.heapType(), rb.heapType());
    }

    private static boolean isHeapSubtype(HeapType a, HeapType b) {
        if (a.equals(b)) {
            return true;
        }
        if (a instanceof ConcreteHeapType ca) {
            return b instanceof ConcreteHeapType cb
                    ? TypeRegistry.global().isSubtype(ca.index(), cb.index())
                    : b == AbsHeapType.FUNC;
        }
        return switch ((AbsHeapType) a) {
            case NOFUNC -> b == AbsHeapType.FUNC || b instanceof ConcreteHeapType;
            case NOEXTERN -> b == AbsHeapType.EXTERN;
            default -> false;
        };
    }
}
