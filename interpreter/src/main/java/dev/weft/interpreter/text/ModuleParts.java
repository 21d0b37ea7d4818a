package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TagType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The module under construction in pass C, with a running count per index space (imports
 * plus definitions seen so far).
 */
final class ModuleParts {
    final List<Import> imports = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<TagType> tags = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    int start = -1;
    private final Map<ExternKind, Integer> counts = new EnumMap<>(ExternKind.class);

    int count(ExternKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    void next(ExternKind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    Module build(List<RecType> recTypes) {
        return new Module(recTypes, imports, functions, tables, memories, globals, tags, exports,
                start, elements, data, data.size(), List.of());
    }
}
