package dev.weft.interpreter.valid;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.types.TypeRegistry;

/**
 * Subtyping between value types of two different validated modules, for linking (import
 * matching) and for checks at run time. Concrete types are compared through their canonical ids
 * in the {@link TypeRegistry}, so equivalent types of different modules match.
 */
public final class TypeMatcher {
    private TypeMatcher() {}

    /** True when type index {@code a} of {@code ma} is (a declared subtype of) type index {@code b} of {@code mb}. */
    public static boolean isTypeSubtype(ValidatedModule ma, int a, ValidatedModule mb, int b) {
        return TypeRegistry.global().isSubtype(ma.canonicalTypeIds()[a], mb.canonicalTypeIds()[b]);
    }

    /** True when value type {@code a} (of module {@code ma}) matches value type {@code b} (of {@code mb}). */
    public static boolean isSubtype(ValidatedModule ma, ValType a, ValidatedModule mb, ValType b) {
        if (a instanceof RefType x && b instanceof RefType y) {
            return (!x.nullable() || y.nullable()) && isHeapSubtype(ma, x.heapType(), mb, y.heapType());
        }
        return a == b;
    }

    /** True when both value types match each other (as required for mutable globals and tables). */
    public static boolean equivalent(ValidatedModule ma, ValType a, ValidatedModule mb, ValType b) {
        return isSubtype(ma, a, mb, b) && isSubtype(mb, b, ma, a);
    }

    private static boolean isHeapSubtype(ValidatedModule ma, HeapType a, ValidatedModule mb, HeapType b) {
        if (a instanceof ConcreteHeapType x && b instanceof ConcreteHeapType y) {
            return isTypeSubtype(ma, x.index(), mb, y.index());
        }
        if (a instanceof ConcreteHeapType x) {
            return ModuleTypes.isAbsSubtype(kind(ma, x.index()), (AbsHeapType) b);
        }
        AbsHeapType abs = (AbsHeapType) a;
        if (b instanceof AbsHeapType y) {
            return ModuleTypes.isAbsSubtype(abs, y);
        }
        AbsHeapType k = kind(mb, ((ConcreteHeapType) b).index());
        return switch (abs) {
            case NONE -> k == AbsHeapType.STRUCT || k == AbsHeapType.ARRAY;
            case NOFUNC -> k == AbsHeapType.FUNC;
            case NOCONT -> k == AbsHeapType.CONT;
            default -> false;
        };
    }

    private static AbsHeapType kind(ValidatedModule m, int index) {
        return switch (m.types().get(index).composite()) {
            case CompositeType.Func f -> AbsHeapType.FUNC;
            case CompositeType.Struct s -> AbsHeapType.STRUCT;
            case CompositeType.Array r -> AbsHeapType.ARRAY;
            case CompositeType.Cont c -> AbsHeapType.CONT;
        };
    }
}
