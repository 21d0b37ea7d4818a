package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;

/**
 * The defined types of one module with the Wasm 3.0 subtyping relation over them.
 *
 * <p>Invariant: {@link #canon} is filled group by group by {@link TypeDefinitions}; a concrete
 * type is compared with another by canonical id (equivalence) or by walking its declared
 * supertypes, which always have smaller indices. A {@code null} value type stands for the
 * bottom type of unreachable code and is a subtype of everything.
 */
final class ModuleTypes {
    static final ValType[] NONE = new ValType[0];

    final SubType[] types;
    final int[] canon;
    private final ValType[][] params;
    private final ValType[][] results;

    ModuleTypes(List<SubType> types) {
        this.types = types.toArray(new SubType[0]);
        this.canon = new int[this.types.length];
        this.params = new ValType[this.types.length][];
        this.results = new ValType[this.types.length][];
        for (int i = 0; i < this.types.length; i++) {
            if (this.types[i].composite() instanceof CompositeType.Func f) {
                params[i] = f.params().toArray(NONE);
                results[i] = f.results().toArray(NONE);
            }
        }
    }

    int size() {
        return types.length;
    }

    /** Checks that {@code index} names a defined type. */
    void checkIndex(int index) throws InvalidModuleException {
        if (index < 0 || index >= types.length) {
            throw new InvalidModuleException("unknown type " + index);
        }
    }

    /** The composite type at {@code index}, checking the index. */
    CompositeType composite(int index) throws InvalidModuleException {
        checkIndex(index);
        return types[index].composite();
    }

    /** Checks that {@code index} names a function type. */
    void checkFunc(int index) throws InvalidModuleException {
        checkIndex(index);
        if (params[index] == null) {
            throw new InvalidModuleException("non-function type " + index);
        }
    }

    ValType[] params(int funcType) throws InvalidModuleException {
        checkFunc(funcType);
        return params[funcType];
    }

    ValType[] results(int funcType) throws InvalidModuleException {
        checkFunc(funcType);
        return results[funcType];
    }

    /** True when {@code sub} matches {@code sup}; {@code null} (bottom) matches everything. */
    boolean isSubtype(ValType sub, ValType sup) {
        if (sub == sup || sub == null || sup == null) {
            return true;
        }
        if (sub instanceof RefType a && sup instanceof RefType b) {
            return (!a.nullable() || b.nullable()) && isHeapSubtype(a.heapType(), b.heapType());
        }
        return false;
    }

    /** True when both types are equivalent (mutual subtypes). */
    boolean equivalent(ValType a, ValType b) {
        if (a == b) {
            return true;
        }
        if (a instanceof RefType x && b instanceof RefType y) {
            return x.nullable() == y.nullable() && equivalentHeap(x.heapType(), y.heapType());
        }
        return false;
    }

    private boolean equivalentHeap(HeapType a, HeapType b) {
        if (a instanceof ConcreteHeapType x && b instanceof ConcreteHeapType y) {
            return canon[x.index()] == canon[y.index()];
        }
        return a.equals(b);
    }

    boolean isHeapSubtype(HeapType a, HeapType b) {
        if (a instanceof AbsHeapType x) {
            if (b instanceof AbsHeapType y) {
                return isAbsSubtype(x, y);
            }
            return isAbsBelowConcrete(x, ((ConcreteHeapType) b).index());
        }
        int ai = ((ConcreteHeapType) a).index();
        if (b instanceof AbsHeapType y) {
            return isAbsSubtype(kindOf(ai), y);
        }
        return isConcreteSubtype(ai, ((ConcreteHeapType) b).index());
    }

    /** True when defined type {@code a} is {@code b}, equivalent to it, or a declared subtype. */
    boolean isConcreteSubtype(int a, int b) {
        if (a == b || canon[a] == canon[b]) {
            return true;
        }
        for (int s : types[a].supertypes()) {
            if (s < a && isConcreteSubtype(s, b)) {
                return true;
            }
        }
        return false;
    }

    /** The abstract heap type directly above a defined type: func, struct, array or cont. */
    AbsHeapType kindOf(int index) {
        return switch (types[index].composite()) {
            case CompositeType.Func f -> AbsHeapType.FUNC;
            case CompositeType.Struct s -> AbsHeapType.STRUCT;
            case CompositeType.Array r -> AbsHeapType.ARRAY;
            case CompositeType.Cont c -> AbsHeapType.CONT;
        };
    }

    private boolean isAbsBelowConcrete(AbsHeapType a, int index) {
        AbsHeapType k = kindOf(index);
        return switch (a) {
            case NONE -> k == AbsHeapType.STRUCT || k == AbsHeapType.ARRAY;
            case NOFUNC -> k == AbsHeapType.FUNC;
            case NOCONT -> k == AbsHeapType.CONT;
            default -> false;
        };
    }

    static boolean isAbsSubtype(AbsHeapType a, AbsHeapType b) {
        return a.isSubtypeOf(b);
    }

    /** The top of the hierarchy a heap type belongs to: any, func, extern, exn or cont. */
    AbsHeapType top(HeapType h) {
        AbsHeapType a = h instanceof AbsHeapType x ? x : kindOf(((ConcreteHeapType) h).index());
        return switch (a) {
            case ANY, EQ, I31, STRUCT, ARRAY, NONE -> AbsHeapType.ANY;
            case FUNC, NOFUNC -> AbsHeapType.FUNC;
            case EXTERN, NOEXTERN -> AbsHeapType.EXTERN;
            case EXN, NOEXN -> AbsHeapType.EXN;
            case CONT, NOCONT -> AbsHeapType.CONT;
        };
    }

    /** The bottom of the hierarchy a heap type belongs to: none, nofunc, noextern, noexn or nocont. */
    AbsHeapType bottom(HeapType h) {
        return switch (top(h)) {
            case ANY -> AbsHeapType.NONE;
            case FUNC -> AbsHeapType.NOFUNC;
            case EXTERN -> AbsHeapType.NOEXTERN;
            case EXN -> AbsHeapType.NOEXN;
            default -> AbsHeapType.NOCONT;
        };
    }

    /** True when a local of this type needs no initialisation (numbers and nullable references). */
    static boolean isDefaultable(ValType t) {
        return !(t instanceof RefType r) || r.nullable();
    }

    /** Checks that every type index a value type mentions exists ({@code limit} = number of types visible). */
    static void checkValType(ValType t, int limit) throws InvalidModuleException {
        if (t instanceof RefType r && r.heapType() instanceof ConcreteHeapType c) {
            if (c.index() < 0 || c.index() >= limit) {
                throw new InvalidModuleException("unknown type " + c.index());
            }
        }
    }

    void checkValType(ValType t) throws InvalidModuleException {
        checkValType(t, types.length);
    }

    void checkHeapType(HeapType h) throws InvalidModuleException {
        if (h instanceof ConcreteHeapType c) {
            checkIndex(c.index());
        }
    }

    /** The value type a storage type is read as (packed types read as i32). */
    static ValType unpacked(StorageType s) {
        return s.isPacked() ? NumType.I32 : s.valType();
    }

    /** True when field {@code a} of a subtype matches field {@code b} of its supertype. */
    boolean fieldMatches(FieldType a, FieldType b) {
        if (a.mutable() != b.mutable()) {
            return false;
        }
        StorageType x = a.storage();
        StorageType y = b.storage();
        if (x.isPacked() || y.isPacked()) {
            return x.packedBits() == y.packedBits();
        }
        return a.mutable() ? equivalent(x.valType(), y.valType()) : isSubtype(x.valType(), y.valType());
    }
}
