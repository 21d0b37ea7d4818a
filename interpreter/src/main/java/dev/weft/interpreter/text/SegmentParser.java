package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TableType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Parses element and data segments (also the inline ones of tables and memories) and start. */
final class SegmentParser {
    private static final RefType FUNC_NON_NULL = new RefType(false, AbsHeapType.FUNC);
    private static final long PAGE = 65536;

    private final ModuleParser module;

    SegmentParser(ModuleParser module) {
        this.module = module;
    }

    void start(Cursor c, int line) {
        if (module.parts.start >= 0) {
            throw new TextException("multiple start sections", line);
        }
        module.parts.start = module.ctx.funcs.read(c);
        c.expectEnd();
    }

    /**
     * {@code (elem id? declare? (table x)? offset? elemlist)}; a bare table index before the
     * offset (the MVP form {@code (elem 0 (i32.const 0) $f)}) is accepted too.
     */
    void elem(Cursor c) {
        c.optId();
        ElementSegment.Mode mode;
        if (c.peekKeyword("declare")) {
            c.next();
            mode = new ElementSegment.Declarative();
        } else if (c.peekList("table") || isOffset(c) || c.peekIndex()) {
            int table = 0;
            if (c.peekIndex()) {
                table = module.ctx.tables.read(c);
            } else if (c.peekList("table")) {
                Cursor t = c.enter("table");
                table = module.ctx.tables.read(t);
                t.expectEnd();
            }
            mode = new ElementSegment.Active(table, offset(c));
        } else {
            mode = new ElementSegment.Passive();
        }
        addElem(c, mode);
    }

    private boolean isOffset(Cursor c) {
        return c.peek() instanceof SExpr.Node n && !"ref".equals(n.head()) && !"item".equals(n.head());
    }

    private void addElem(Cursor c, ElementSegment.Mode mode) {
        RefType type;
        List<Expression> items = new ArrayList<>();
        if (c.peekKeyword("func") || c.atEnd() || c.peekIndex()) {
            if (c.peekKeyword("func")) {
                c.next();
            }
            type = FUNC_NON_NULL;
            while (!c.atEnd()) {
                items.add(refFunc(module.ctx.funcs.read(c)));
            }
        } else {
            type = module.types.refType(c);
            while (!c.atEnd()) {
                items.add(item(c));
            }
        }
        module.parts.elements.add(new ElementSegment(type, items, mode));
    }

    private static Expression refFunc(int index) {
        return Expression.of(new Instruction.Indexed(Op.REF_FUNC, index));
    }

    private Expression item(Cursor c) {
        if (c.peekList("item")) {
            return InstructionParser.expression(module.ctx, c.enter("item"));
        }
        return InstructionParser.folded(module.ctx, c.node());
    }

    /** {@code (offset instr*)} or a single folded instruction. */
    private Expression offset(Cursor c) {
        if (c.peekList("offset")) {
            return InstructionParser.expression(module.ctx, c.enter("offset"));
        }
        return InstructionParser.folded(module.ctx, c.node());
    }

    /**
     * {@code (table id? export* at? reftype (elem ...))}: the table plus an active segment of
     * the table's element type (function indices become {@code ref.func} items).
     */
    void inlineElem(Cursor c, int tableIndex, boolean is64) {
        RefType type = module.types.refType(c);
        Cursor e = c.enter("elem");
        c.expectEnd();
        List<Expression> items = new ArrayList<>();
        boolean exprs = e.peekNode();
        while (!e.atEnd()) {
            items.add(exprs ? item(e) : refFunc(module.ctx.funcs.read(e)));
        }
        Limits limits = new Limits(items.size(), items.size(), is64, false);
        module.parts.tables.add(new Table(new TableType(type, limits), null));
        module.parts.elements.add(new ElementSegment(type, items,
                new ElementSegment.Active(tableIndex, zero(is64))));
    }

    private static Expression zero(boolean is64) {
        return Expression.of(new Instruction.Const(is64 ? Op.I64_CONST : Op.I32_CONST, 0));
    }

    /** {@code (data id? (memory x)? offset? "..."*)}, also with a bare memory index (MVP form). */
    void data(Cursor c) {
        c.optId();
        DataSegment.Mode mode = new DataSegment.Passive();
        if (c.peekNode() || c.peekIndex()) {
            int memory = 0;
            if (c.peekIndex()) {
                memory = module.ctx.memories.read(c);
            } else if (c.peekList("memory")) {
                Cursor m = c.enter("memory");
                memory = module.ctx.memories.read(m);
                m.expectEnd();
            }
            mode = new DataSegment.Active(memory, offset(c));
        }
        module.parts.data.add(new DataSegment(strings(c), mode));
    }

    /** {@code (memory id? export* at? (data "..."*))}: the memory plus an active segment. */
    void inlineData(Cursor c, int memoryIndex, boolean is64) {
        Cursor d = c.enter("data");
        c.expectEnd();
        byte[] bytes = strings(d);
        long pages = (bytes.length + PAGE - 1) / PAGE;
        module.parts.memories.add(new MemoryType(new Limits(pages, pages, is64, false)));
        module.parts.data.add(new DataSegment(bytes, new DataSegment.Active(memoryIndex, zero(is64))));
    }

    private static byte[] strings(Cursor c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!c.atEnd()) {
            out.writeBytes(c.string());
        }
        return out.toByteArray();
    }
}
