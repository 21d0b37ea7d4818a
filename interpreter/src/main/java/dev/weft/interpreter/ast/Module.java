package dev.weft.interpreter.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded or parsed module, the common output of the binary decoder and the text parser.
 * Immutable; all index spaces put imports first, then definitions.
 *
 * @param recTypes    the type section as recursion groups; {@link #types()} flattens them
 * @param imports     all imports in order
 * @param functions   the defined functions (function section and code section together)
 * @param tables      the defined tables
 * @param memories    the defined memories
 * @param globals     the defined globals
 * @param tags        the defined tags
 * @param exports     all exports
 * @param start       index of the start function, or -1
 * @param elements    element segments
 * @param data        data segments
 * @param dataCount   the data count section's value, or -1 when the section is absent
 * @param customs     custom sections in order
 */
public record Module(
        List<RecType> recTypes,
        List<Import> imports,
        List<Function> functions,
        List<Table> tables,
        List<MemoryType> memories,
        List<Global> globals,
        List<TagType> tags,
        List<Export> exports,
        int start,
        List<ElementSegment> elements,
        List<DataSegment> data,
        int dataCount,
        List<CustomSection> customs) {

    public Module {
        recTypes = List.copyOf(recTypes);
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        tags = List.copyOf(tags);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        data = List.copyOf(data);
        customs = List.copyOf(customs);
    }

    /** All defined types in index order (rec groups flattened). */
    public List<SubType> types() {
        List<SubType> all = new ArrayList<>();
        for (RecType r : recTypes) {
            all.addAll(r.types());
        }
        return all;
    }

    /** Imports of one kind, in order. */
    public List<Import> imports(ExternKind kind) {
        return imports.stream().filter(i -> i.desc().kind() == kind).toList();
    }
}
