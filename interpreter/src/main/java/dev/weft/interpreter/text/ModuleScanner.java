package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.SubType;
import java.util.ArrayList;
import java.util.List;

/**
 * The first two passes over a module's fields: pass A binds every name in every index space
 * (and struct field names) and checks that imports come before definitions; pass B parses
 * the explicit type definitions, which may refer to any type name.
 */
final class ModuleScanner {
    private final ModuleContext ctx;
    private String firstDefinition;

    private ModuleScanner(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Runs passes A and B over {@code fields}, filling {@code ctx}. */
    static void scan(ModuleContext ctx, List<SExpr.Node> fields) {
        ModuleScanner s = new ModuleScanner(ctx);
        for (SExpr.Node f : fields) {
            s.bind(f);
        }
        TypeParser types = new TypeParser(ctx);
        for (SExpr.Node f : fields) {
            if ("type".equals(f.head())) {
                ctx.addRecType(new RecType(List.of(typeDef(types, Cursor.body(f)))));
            } else if ("rec".equals(f.head())) {
                ctx.addRecType(recGroup(types, Cursor.body(f)));
            }
        }
    }

    private static RecType recGroup(TypeParser types, Cursor c) {
        List<SubType> group = new ArrayList<>();
        while (!c.atEnd()) {
            group.add(typeDef(types, c.enter("type")));
        }
        return new RecType(group);
    }

    private static SubType typeDef(TypeParser types, Cursor c) {
        c.optId();
        SubType t = types.subType(c);
        c.expectEnd();
        return t;
    }

    private void bind(SExpr.Node field) {
        String head = field.head();
        Cursor c = Cursor.body(field);
        int line = field.line();
        switch (head == null ? "" : head) {
            case "type" -> bindType(c, line);
            case "rec" -> {
                while (!c.atEnd()) {
                    SExpr.Node t = c.node();
                    if (!"type".equals(t.head())) {
                        throw new TextException("unexpected token", t);
                    }
                    bindType(Cursor.body(t), t.line());
                }
            }
            case "func" -> definition(c, ctx.funcs, "function", line);
            case "table" -> {
                definition(c, ctx.tables, "table", line);
                if (hasChild(field, "elem")) {
                    ctx.elems.define(null, line);
                }
            }
            case "memory" -> {
                definition(c, ctx.memories, "memory", line);
                if (hasChild(field, "data")) {
                    ctx.datas.define(null, line);
                }
            }
            case "global" -> definition(c, ctx.globals, "global", line);
            case "tag" -> definition(c, ctx.tags, "tag", line);
            case "import" -> bindImport(c, line);
            case "elem" -> ctx.elems.define(c.optId(), line);
            case "data" -> ctx.datas.define(c.optId(), line);
            case "export", "start" -> { }
            default -> throw new TextException(head == null || Keywords.isKnown(head)
                    ? "unexpected token" : "unknown operator " + head, line);
        }
    }

    private void bindType(Cursor c, int line) {
        int index = ctx.types.define(c.optId(), line);
        SExpr.Node body = c.atEnd() ? null : c.node();
        if (body != null && "sub".equals(body.head())) {
            List<SExpr> items = body.items();
            SExpr last = items.get(items.size() - 1);
            body = last instanceof SExpr.Node n ? n : null;
        }
        if (body != null && "struct".equals(body.head())) {
            bindFields(Cursor.body(body), index);
        }
    }

    private void bindFields(Cursor c, int typeIndex) {
        IndexSpace fields = ctx.fields(typeIndex);
        while (!c.atEnd()) {
            SExpr.Node f = c.node();
            Cursor fc = Cursor.body(f);
            String id = fc.optId();
            if (id != null) {
                fields.define(id, f.line());
            } else {
                for (int i = 1; i < f.items().size(); i++) {
                    fields.define(null, f.line());
                }
            }
        }
    }

    private void definition(Cursor c, IndexSpace space, String kind, int line) {
        space.define(c.optId(), line);
        while (c.peekList("export")) {
            c.next();
        }
        if (c.peekList("import")) {
            checkImportOrder(line);
        } else if (firstDefinition == null) {
            firstDefinition = kind;
        }
    }

    private void bindImport(Cursor c, int line) {
        checkImportOrder(line);
        c.name();
        c.name();
        SExpr.Node desc = c.node();
        Cursor d = Cursor.body(desc);
        String id = d.optId();
        switch (desc.head() == null ? "" : desc.head()) {
            case "func" -> ctx.funcs.define(id, line);
            case "table" -> ctx.tables.define(id, line);
            case "memory" -> ctx.memories.define(id, line);
            case "global" -> ctx.globals.define(id, line);
            case "tag" -> ctx.tags.define(id, line);
            default -> throw new TextException("unexpected token", desc);
        }
    }

    private void checkImportOrder(int line) {
        if (firstDefinition != null) {
            throw new TextException("import after " + firstDefinition, line);
        }
    }

    private static boolean hasChild(SExpr.Node node, String head) {
        for (SExpr item : node.items()) {
            if (item instanceof SExpr.Node n && head.equals(n.head())) {
                return true;
            }
        }
        return false;
    }
}
