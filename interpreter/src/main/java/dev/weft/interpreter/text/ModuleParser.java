package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass C over a module's fields: imports, functions, tables, memories, globals, tags and
 * exports (segments and start are delegated to {@link SegmentParser}). Counters per index
 * space follow the same order as pass A, so inline exports get the right index.
 */
final class ModuleParser {
    final ModuleContext ctx = new ModuleContext();
    final TypeParser types = new TypeParser(ctx);
    final ModuleParts parts = new ModuleParts();
    private final SegmentParser segments = new SegmentParser(this);

    /** Parses a module from its field list (without the {@code module} keyword and name). */
    static Module parse(List<SExpr> items) {
        List<SExpr.Node> fields = new ArrayList<>();
        for (SExpr item : items) {
            if (!(item instanceof SExpr.Node n)) {
                throw new TextException("unexpected token", item);
            }
            fields.add(n);
        }
        ModuleParser p = new ModuleParser();
        ModuleScanner.scan(p.ctx, fields);
        for (SExpr.Node f : fields) {
            p.field(f);
        }
        return p.parts.build(p.ctx.recTypes);
    }

    private void field(SExpr.Node f) {
        Cursor c = Cursor.body(f);
        switch (f.head()) {
            case "type", "rec" -> { }
            case "import" -> importField(c);
            case "func" -> func(c);
            case "table" -> table(c);
            case "memory" -> memory(c);
            case "global" -> global(c);
            case "tag" -> tag(c);
            case "export" -> export(c);
            case "start" -> segments.start(c, f.line());
            case "elem" -> segments.elem(c);
            case "data" -> segments.data(c);
            default -> throw new TextException("unexpected token", f);
        }
    }

    private void importField(Cursor c) {
        String module = c.name();
        String name = c.name();
        SExpr.Node descNode = c.node();
        c.expectEnd();
        Cursor d = Cursor.body(descNode);
        d.optId();
        ImportDesc desc = importDesc(descNode.head(), d);
        d.expectEnd();
        addImport(module, name, desc);
    }

    private ImportDesc importDesc(String kind, Cursor d) {
        return switch (kind) {
            case "func" -> new ImportDesc.Func(types.typeUse(d).typeIndex());
            case "table" -> new ImportDesc.Table(tableType(d));
            case "memory" -> new ImportDesc.Memory(new MemoryType(types.limits(d, types.addressType(d))));
            case "global" -> new ImportDesc.Global(globalType(d));
            case "tag" -> new ImportDesc.Tag(new TagType(types.typeUse(d).typeIndex()));
            default -> throw d.error("unexpected token");
        };
    }

    private void addImport(String module, String name, ImportDesc desc) {
        parts.imports.add(new Import(module, name, desc));
        parts.next(desc.kind());
    }

    /** Reads {@code (export "n")*} and {@code (import "m" "n")?}; returns the import names or null. */
    private String[] exportsAndImport(Cursor c, ExternKind kind) {
        int index = parts.count(kind);
        while (c.peekList("export")) {
            Cursor e = c.enter("export");
            parts.exports.add(new Export(e.name(), kind, index));
            e.expectEnd();
        }
        if (!c.peekList("import")) {
            return null;
        }
        Cursor i = c.enter("import");
        String[] names = {i.name(), i.name()};
        i.expectEnd();
        return names;
    }

    private void func(Cursor c) {
        c.optId();
        String[] imp = exportsAndImport(c, ExternKind.FUNC);
        TypeUse use = types.typeUse(c);
        if (imp != null) {
            c.expectEnd();
            addImport(imp[0], imp[1], new ImportDesc.Func(use.typeIndex()));
            return;
        }
        IndexSpace locals = new IndexSpace("local");
        for (String name : use.paramNames()) {
            locals.define(name, c.line());
        }
        List<ValType> localTypes = new ArrayList<>();
        while (c.peekList("local")) {
            Cursor l = c.enter("local");
            String id = l.optId();
            if (id != null) {
                locals.define(id, l.line());
                localTypes.add(types.valType(l));
                l.expectEnd();
            }
            while (!l.atEnd()) {
                locals.define(null, l.line());
                localTypes.add(types.valType(l));
            }
        }
        List<Instruction> body = InstructionParser.functionBody(ctx, locals, c);
        parts.functions.add(new Function(use.typeIndex(), localTypes, body));
        parts.next(ExternKind.FUNC);
    }

    private void table(Cursor c) {
        c.optId();
        int index = parts.count(ExternKind.TABLE);
        String[] imp = exportsAndImport(c, ExternKind.TABLE);
        if (imp != null) {
            TableType type = tableType(c);
            c.expectEnd();
            addImport(imp[0], imp[1], new ImportDesc.Table(type));
            return;
        }
        boolean is64 = types.addressType(c);
        if (types.peekRefType(c)) {
            segments.inlineElem(c, index, is64);
        } else {
            Limits limits = types.limits(c, is64);
            TableType type = new TableType(types.refType(c), limits);
            parts.tables.add(new Table(type, c.atEnd() ? null : InstructionParser.expression(ctx, c)));
        }
        parts.next(ExternKind.TABLE);
    }

    TableType tableType(Cursor c) {
        Limits limits = types.limits(c, types.addressType(c));
        return new TableType(types.refType(c), limits);
    }

    private void memory(Cursor c) {
        c.optId();
        String[] imp = exportsAndImport(c, ExternKind.MEMORY);
        boolean is64 = types.addressType(c);
        if (imp != null) {
            MemoryType type = new MemoryType(types.limits(c, is64));
            c.expectEnd();
            addImport(imp[0], imp[1], new ImportDesc.Memory(type));
            return;
        }
        if (c.peekList("data")) {
            segments.inlineData(c, parts.count(ExternKind.MEMORY), is64);
        } else {
            parts.memories.add(new MemoryType(types.limits(c, is64)));
            c.expectEnd();
        }
        parts.next(ExternKind.MEMORY);
    }

    private void global(Cursor c) {
        c.optId();
        String[] imp = exportsAndImport(c, ExternKind.GLOBAL);
        GlobalType type = globalType(c);
        if (imp != null) {
            c.expectEnd();
            addImport(imp[0], imp[1], new ImportDesc.Global(type));
            return;
        }
        parts.globals.add(new Global(type, InstructionParser.expression(ctx, c)));
        parts.next(ExternKind.GLOBAL);
    }

    private GlobalType globalType(Cursor c) {
        if (c.peekList("mut")) {
            Cursor m = c.enter("mut");
            ValType t = types.valType(m);
            m.expectEnd();
            return new GlobalType(t, true);
        }
        return new GlobalType(types.valType(c), false);
    }

    private void tag(Cursor c) {
        c.optId();
        String[] imp = exportsAndImport(c, ExternKind.TAG);
        TagType type = new TagType(types.typeUse(c).typeIndex());
        c.expectEnd();
        if (imp != null) {
            addImport(imp[0], imp[1], new ImportDesc.Tag(type));
            return;
        }
        parts.tags.add(type);
        parts.next(ExternKind.TAG);
    }

    private void export(Cursor c) {
        String name = c.name();
        SExpr.Node desc = c.node();
        c.expectEnd();
        Cursor d = Cursor.body(desc);
        ExternKind kind = switch (desc.head() == null ? "" : desc.head()) {
            case "func" -> ExternKind.FUNC;
            case "table" -> ExternKind.TABLE;
            case "memory" -> ExternKind.MEMORY;
            case "global" -> ExternKind.GLOBAL;
            case "tag" -> ExternKind.TAG;
            default -> throw new TextException("unexpected token", desc);
        };
        int index = space(kind).read(d);
        d.expectEnd();
        parts.exports.add(new Export(name, kind, index));
    }

    IndexSpace space(ExternKind kind) {
        return switch (kind) {
            case FUNC -> ctx.funcs;
            case TABLE -> ctx.tables;
            case MEMORY -> ctx.memories;
            case GLOBAL -> ctx.globals;
            case TAG -> ctx.tags;
        };
    }
}
