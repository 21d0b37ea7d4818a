package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Reads the immediates of one non-block instruction, following its {@link dev.weft.interpreter.ast.Imm}
 * shape, and builds the instruction record. Labels are resolved by the caller's label stack.
 */
final class ImmediateParser {
    private final ModuleContext ctx;
    private final TypeParser types;
    private final IndexSpace locals;
    private final ToIntFunction<Token> labels;

    ImmediateParser(ModuleContext ctx, TypeParser types, IndexSpace locals, ToIntFunction<Token> labels) {
        this.ctx = ctx;
        this.types = types;
        this.locals = locals;
        this.labels = labels;
    }

    Instruction parse(Op op, Cursor c) {
        return switch (op.imm()) {
            case NONE -> plain(op, c);
            case LABEL -> new Instruction.Indexed(op, label(c));
            case BR_TABLE -> brTable(c);
            case FUNC -> new Instruction.Indexed(op, ctx.funcs.read(c));
            case TYPE -> new Instruction.Indexed(op, ctx.types.read(c));
            case LOCAL -> new Instruction.Indexed(op, locals.read(c));
            case GLOBAL -> new Instruction.Indexed(op, ctx.globals.read(c));
            case TABLE -> new Instruction.Indexed(op, ctx.tables.readOptional(c, 0));
            case MEMORY -> new Instruction.Indexed(op, ctx.memories.readOptional(c, 0));
            case ELEM -> new Instruction.Indexed(op, ctx.elems.read(c));
            case DATA -> new Instruction.Indexed(op, ctx.datas.read(c));
            case TAG -> new Instruction.Indexed(op, ctx.tags.read(c));
            case TYPE_TABLE -> callIndirect(op, c);
            case TABLE_TABLE -> twoOptional(op, c, ctx.tables);
            case MEMORY_MEMORY -> twoOptional(op, c, ctx.memories);
            case ELEM_TABLE -> segmentAndTarget(op, c, ctx.elems, ctx.tables);
            case DATA_MEMORY -> segmentAndTarget(op, c, ctx.datas, ctx.memories);
            case TYPE_FIELD -> typeField(op, c);
            case TYPE_TYPE -> new Instruction.Indexed2(op, ctx.types.read(c), ctx.types.read(c));
            case TYPE_COUNT -> new Instruction.Indexed2(op, ctx.types.read(c), u32(c));
            case TYPE_DATA -> new Instruction.Indexed2(op, ctx.types.read(c), ctx.datas.read(c));
            case TYPE_ELEM -> new Instruction.Indexed2(op, ctx.types.read(c), ctx.elems.read(c));
            case TYPE_TAG -> new Instruction.Indexed2(op, ctx.types.read(c), ctx.tags.read(c));
            case MEMARG -> MemArgs.parse(op, c, ctx.memories);
            case MEMARG_LANE -> MemArgs.parseLane(op, c, ctx.memories);
            case LANE -> new Instruction.Indexed(op, VectorLiterals.laneIndex(c));
            case V128 -> VectorLiterals.v128Const(c);
            case SHUFFLE -> VectorLiterals.shuffle(c);
            case I32 -> new Instruction.Const(op, Numbers.integer(c.atomToken(), 32));
            case I64 -> new Instruction.Const(op, Numbers.integer(c.atomToken(), 64));
            case F32 -> new Instruction.Const(op, Numbers.f32(c.atomToken()) & 0xFFFFFFFFL);
            case F64 -> new Instruction.Const(op, Numbers.f64(c.atomToken()));
            case HEAP_TYPE -> heapTypeImm(op, c);
            case BR_ON_CAST -> new Instruction.BrOnCast(op, label(c), types.refType(c), types.refType(c));
            case RESUME -> new Instruction.Resume(op, ctx.types.read(c), -1, handlers(c));
            case RESUME_THROW -> new Instruction.Resume(op, ctx.types.read(c), ctx.tags.read(c), handlers(c));
            case BLOCK, TRY_TABLE, SELECT_TYPES -> throw new IllegalStateException("internal: " + op);
        };
    }

    private Instruction plain(Op op, Cursor c) {
        if (op != Op.SELECT || !c.peekList("result")) {
            return new Instruction.Plain(op);
        }
        List<ValType> results = new ArrayList<>();
        while (c.peekList("result")) {
            Cursor r = c.enter("result");
            while (!r.atEnd()) {
                results.add(types.valType(r));
            }
        }
        return new Instruction.SelectTyped(results);
    }

    private int label(Cursor c) {
        if (!c.peekIndex()) {
            throw c.error("unexpected token");
        }
        return labels.applyAsInt(((SExpr.Atom) c.next()).token());
    }

    private Instruction brTable(Cursor c) {
        List<Integer> all = new ArrayList<>();
        all.add(label(c));
        while (c.peekIndex()) {
            all.add(label(c));
        }
        int[] targets = new int[all.size() - 1];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = all.get(i);
        }
        return new Instruction.BranchTable(targets, all.get(all.size() - 1));
    }

    private Instruction callIndirect(Op op, Cursor c) {
        int table = ctx.tables.readOptional(c, 0);
        int type = types.typeUse(c, false).typeIndex();
        return new Instruction.Indexed2(op, type, table);
    }

    private Instruction twoOptional(Op op, Cursor c, IndexSpace space) {
        if (!c.peekIndex()) {
            return new Instruction.Indexed2(op, 0, 0);
        }
        return new Instruction.Indexed2(op, space.read(c), space.read(c));
    }

    /** {@code table.init t? e} / {@code memory.init m? d}: segment first in the record. */
    private Instruction segmentAndTarget(Op op, Cursor c, IndexSpace segments, IndexSpace targets) {
        if (!c.peekIndex()) {
            throw c.error("unexpected token");
        }
        Token first = ((SExpr.Atom) c.next()).token();
        if (!c.peekIndex()) {
            return new Instruction.Indexed2(op, segments.resolve(first), 0);
        }
        int target = targets.resolve(first);
        return new Instruction.Indexed2(op, segments.read(c), target);
    }

    private Instruction typeField(Op op, Cursor c) {
        int type = ctx.types.read(c);
        return new Instruction.Indexed2(op, type, ctx.fields(type).read(c));
    }

    private Instruction heapTypeImm(Op op, Cursor c) {
        if (op == Op.REF_NULL) {
            return new Instruction.HeapTypeImm(op, types.heapType(c));
        }
        if (!types.peekRefType(c)) {
            return new Instruction.HeapTypeImm(op, types.heapType(c));
        }
        RefType target = types.refType(c);
        Op actual = !target.nullable() ? op : op == Op.REF_TEST ? Op.REF_TEST_NULL : Op.REF_CAST_NULL;
        return new Instruction.HeapTypeImm(actual, target.heapType());
    }

    private static int u32(Cursor c) {
        return (int) Numbers.unsigned(c.atomToken(), 32);
    }

    /** {@code (catch x l)}, {@code (catch_ref x l)}, {@code (catch_all l)}, {@code (catch_all_ref l)}. */
    List<Instruction.Catch> catches(Cursor c) {
        List<Instruction.Catch> catches = new ArrayList<>();
        while (c.peekNode()) {
            Instruction.CatchKind kind = catchKind(((SExpr.Node) c.peek()).head());
            if (kind == null) {
                break;
            }
            Cursor k = c.enter(kind.text());
            int tag = kind.hasTag() ? ctx.tags.read(k) : -1;
            catches.add(new Instruction.Catch(kind, tag, label(k)));
            k.expectEnd();
        }
        return catches;
    }

    private static Instruction.CatchKind catchKind(String head) {
        for (Instruction.CatchKind k : Instruction.CatchKind.values()) {
            if (k.text().equals(head)) {
                return k;
            }
        }
        return null;
    }

    private List<Instruction.Handler> handlers(Cursor c) {
        List<Instruction.Handler> handlers = new ArrayList<>();
        while (c.peekList("on")) {
            Cursor h = c.enter("on");
            int tag = ctx.tags.read(h);
            int label;
            if (h.peekKeyword("switch")) {
                h.next();
                label = -1;
            } else {
                label = label(h);
            }
            h.expectEnd();
            handlers.add(new Instruction.Handler(tag, label));
        }
        return handlers;
    }
}
