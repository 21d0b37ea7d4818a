package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.types.TypeRegistry;
import java.util.List;

/**
 * Validates the type section group by group and assigns canonical ids through the
 * {@link TypeRegistry}. A type may refer to any type of its own rec group or of an earlier one;
 * declared supertypes must come earlier, must not be final, and must be matched structurally.
 */
final class TypeDefinitions {
    private final ModuleTypes types;
    private final TypeRegistry registry;

    TypeDefinitions(ModuleTypes types, TypeRegistry registry) {
        this.types = types;
        this.registry = registry;
    }

    /** Checks every rec group of {@code recTypes} in order, filling {@code types.canon}. */
    void check(List<RecType> recTypes) throws InvalidModuleException {
        int base = 0;
        for (RecType group : recTypes) {
            int n = group.types().size();
            for (int i = 0; i < n; i++) {
                checkRefs(group.types().get(i), base + i, base + n);
            }
            intern(group, base);
            for (int i = 0; i < n; i++) {
                checkSupertypes(base + i);
            }
            base += n;
        }
    }

    private void checkRefs(SubType t, int self, int limit) throws InvalidModuleException {
        for (int s : t.supertypes()) {
            if (s < 0 || s >= self) {
                throw new InvalidModuleException("unknown type " + s);
            }
        }
        switch (t.composite()) {
            case CompositeType.Func f -> {
                for (ValType v : f.params()) {
                    ModuleTypes.checkValType(v, limit);
                }
                for (ValType v : f.results()) {
                    ModuleTypes.checkValType(v, limit);
                }
            }
            case CompositeType.Struct s -> {
                for (FieldType field : s.fields()) {
                    checkStorage(field.storage(), limit);
                }
            }
            case CompositeType.Array a -> checkStorage(a.element().storage(), limit);
            case CompositeType.Cont c -> {
                int ft = c.funcTypeIndex();
                if (ft < 0 || ft >= limit) {
                    throw new InvalidModuleException("unknown type " + ft);
                }
                if (!(types.types[ft].composite() instanceof CompositeType.Func)) {
                    throw new InvalidModuleException("non-function type " + ft);
                }
            }
        }
    }

    private static void checkStorage(StorageType s, int limit) throws InvalidModuleException {
        if (!s.isPacked()) {
            ModuleTypes.checkValType(s.valType(), limit);
        }
    }

    private void checkSupertypes(int index) throws InvalidModuleException {
        SubType t = types.types[index];
        if (t.supertypes().size() > 1) {
            throw new InvalidModuleException("sub type " + index + " has too many supertypes");
        }
        for (int s : t.supertypes()) {
            SubType sup = types.types[s];
            if (sup.isFinal() || !compositeMatches(t.composite(), sup.composite())) {
                throw new InvalidModuleException(
                        "sub type " + index + " does not match super type " + s);
            }
        }
    }

    private boolean compositeMatches(CompositeType a, CompositeType b) {
        if (a instanceof CompositeType.Func x && b instanceof CompositeType.Func y) {
            return allMatch(y.params(), x.params()) && allMatch(x.results(), y.results());
        }
        if (a instanceof CompositeType.Struct x && b instanceof CompositeType.Struct y) {
            if (x.fields().size() < y.fields().size()) {
                return false;
            }
            for (int i = 0; i < y.fields().size(); i++) {
                if (!types.fieldMatches(x.fields().get(i), y.fields().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof CompositeType.Array x && b instanceof CompositeType.Array y) {
            return types.fieldMatches(x.element(), y.element());
        }
        if (a instanceof CompositeType.Cont x && b instanceof CompositeType.Cont y) {
            return types.isConcreteSubtype(x.funcTypeIndex(), y.funcTypeIndex());
        }
        return false;
    }

    private boolean allMatch(List<ValType> subs, List<ValType> sups) {
        if (subs.size() != sups.size()) {
            return false;
        }
        for (int i = 0; i < subs.size(); i++) {
            if (!types.isSubtype(subs.get(i), sups.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void intern(RecType group, int base) {
        int n = group.types().size();
        StringBuilder key = new StringBuilder();
        int[][] supers = new int[n][];
        for (int i = 0; i < n; i++) {
            SubType t = group.types().get(i);
            supers[i] = new int[t.supertypes().size()];
            key.append(t.isFinal() ? "F" : "O").append('<');
            for (int j = 0; j < supers[i].length; j++) {
                int s = t.supertypes().get(j);
                supers[i][j] = s >= base ? -(s - base) - 1 : types.canon[s];
                appendIndex(key, s, base);
            }
            key.append('>');
            appendComposite(key, t.composite(), base);
            key.append(';');
        }
        int id = registry.intern(key.toString(), supers);
        for (int i = 0; i < n; i++) {
            types.canon[base + i] = id + i;
        }
    }

    private void appendIndex(StringBuilder key, int index, int base) {
        if (index >= base) {
            key.append('@').append(index - base);
        } else {
            key.append('#').append(types.canon[index]);
        }
        key.append(' ');
    }

    private void appendComposite(StringBuilder key, CompositeType c, int base) {
        switch (c) {
            case CompositeType.Func f -> {
                key.append("func(");
                for (ValType v : f.params()) {
                    appendVal(key, v, base);
                }
                key.append(")(");
                for (ValType v : f.results()) {
                    appendVal(key, v, base);
                }
                key.append(')');
            }
            case CompositeType.Struct s -> {
                key.append("struct(");
                for (FieldType field : s.fields()) {
                    appendField(key, field, base);
                }
                key.append(')');
            }
            case CompositeType.Array a -> {
                key.append("array(");
                appendField(key, a.element(), base);
                key.append(')');
            }
            case CompositeType.Cont k -> {
                key.append("cont ");
                appendIndex(key, k.funcTypeIndex(), base);
            }
        }
    }

    private void appendField(StringBuilder key, FieldType field, int base) {
        key.append(field.mutable() ? "mut " : "");
        StorageType s = field.storage();
        if (s.isPacked()) {
            key.append('i').append(s.packedBits()).append(' ');
        } else {
            appendVal(key, s.valType(), base);
        }
    }

    private void appendVal(StringBuilder key, ValType v, int base) {
        if (v instanceof NumType n) {
            key.append(n).append(' ');
            return;
        }
        RefType r = (RefType) v;
        key.append(r.nullable() ? "null " : "ref ");
        HeapType h = r.heapType();
        if (h instanceof AbsHeapType a) {
            key.append(a.text()).append(' ');
        } else {
            appendIndex(key, ((ConcreteHeapType) h).index(), base);
        }
    }
}
