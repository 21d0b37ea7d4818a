package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the text parser knows about a module while parsing it: every index space with its
 * names, the field names of struct types, and the type definitions (explicit ones first,
 * then the implicit function types that inline type uses add at the end).
 */
final class ModuleContext {
    final IndexSpace types = new IndexSpace("type");
    final IndexSpace funcs = new IndexSpace("func", "unknown function");
    final IndexSpace tables = new IndexSpace("table");
    final IndexSpace memories = new IndexSpace("memory");
    final IndexSpace globals = new IndexSpace("global");
    final IndexSpace tags = new IndexSpace("tag");
    final IndexSpace elems = new IndexSpace("elem", "unknown elem segment");
    final IndexSpace datas = new IndexSpace("data", "unknown data segment");
    final Map<Integer, IndexSpace> fieldNames = new HashMap<>();
    final List<RecType> recTypes = new ArrayList<>();
    private final List<SubType> flatTypes = new ArrayList<>();

    /** Appends an explicit recursion group (pass B, in order). */
    void addRecType(RecType group) {
        recTypes.add(group);
        flatTypes.addAll(group.types());
    }

    /** The function type at {@code index}, or null if there is none. */
    CompositeType.Func funcType(int index) {
        if (index >= 0 && index < flatTypes.size()
                && flatTypes.get(index).composite() instanceof CompositeType.Func f) {
            return f;
        }
        return null;
    }

    /**
     * The index of a final, supertype-less function type alone in its group with this
     * signature; when there is none such, one is appended.
     */
    int implicitType(List<ValType> params, List<ValType> results, int line) {
        SubType wanted = SubType.plain(new CompositeType.Func(params, results));
        int index = 0;
        for (RecType group : recTypes) {
            if (group.types().size() == 1 && group.types().get(0).equals(wanted)) {
                return index;
            }
            index += group.types().size();
        }
        addRecType(new RecType(List.of(wanted)));
        return types.define(null, line);
    }

    /** The field-name space of the type at {@code typeIndex}. */
    IndexSpace fields(int typeIndex) {
        return fieldNames.computeIfAbsent(typeIndex, i -> new IndexSpace("field"));
    }
}
