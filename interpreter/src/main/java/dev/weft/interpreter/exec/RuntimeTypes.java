package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.types.TypeRegistry;
import java.util.Arrays;
import java.util.List;

/**
 * Types as the runtime keeps them: a concrete heap type names a process-wide canonical type id
 * instead of a module's type index, so types of different modules compare directly. Subtyping
 * covers what linking needs: nullability, the abstract hierarchies (any/eq/i31/struct/array,
 * func, extern, exn, cont) and concrete types (through {@link TypeRegistry#isSubtype}, and
 * against abstract types through the kind each instantiated module registers).
 */
final class RuntimeTypes {
    /** For each canonical type id seen at instantiation, the abstract type it is below. */
    private static AbsHeapType[] kinds = new AbsHeapType[64];

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
                    : kindOf(ca.index()).isSubtypeOf((AbsHeapType) b);
        }
        AbsHeapType x = (AbsHeapType) a;
        if (b instanceof AbsHeapType y) {
            return x.isSubtypeOf(y);
        }
        // only a bottom type is below a concrete type: none below structs and arrays, nofunc below functions...
        return x.isBottom() && x.isSubtypeOf(kindOf(((ConcreteHeapType) b).index()));
    }

    /**
     * Remembers for each canonical type id of a module whether it is a function, struct, array
     * or continuation type (what a concrete type is below in the abstract hierarchies).
     */
    static synchronized void registerKinds(List<SubType> types, int[] canonicalIds) {
        for (int i = 0; i < types.size(); i++) {
            int id = canonicalIds[i];
            if (id >= kinds.length) {
                kinds = Arrays.copyOf(kinds, Math.max(2 * kinds.length, id + 1));
            }
            kinds[id] = switch (types.get(i).composite()) {
                case CompositeType.Func f -> AbsHeapType.FUNC;
                case CompositeType.Struct st -> AbsHeapType.STRUCT;
                case CompositeType.Array r -> AbsHeapType.ARRAY;
                case CompositeType.Cont c -> AbsHeapType.CONT;
            };
        }
    }

    /** The abstract type directly above canonical type {@code id} (func for a type not registered). */
    static synchronized AbsHeapType kindOf(int id) {
        AbsHeapType k = id < kinds.length ? kinds[id] : null;
        return k == null ? AbsHeapType.FUNC : k;
    }
}
