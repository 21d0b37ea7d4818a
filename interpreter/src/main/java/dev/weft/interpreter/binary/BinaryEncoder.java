package dev.weft.interpreter.binary;

import dev.weft.interpreter.ast.CustomSection;
import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.Table;
import dev.weft.interpreter.ast.TagType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes a {@link Module} in the canonical binary format: sections in the required order,
 * empty sections left out, shortest LEB128s, and each custom section put back right after the
 * section it followed (its {@link CustomSection#after()} id, written even when empty so that
 * the custom section keeps its place), so that decoding the result gives back a structurally
 * equal module. A custom section recorded after an absent start or data count section moves to
 * the previous section written.
 */
public final class BinaryEncoder {
    /** Section ids in the order they are written. */
    private static final int[] ORDER = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};

    private final Module m;
    private final ByteWriter out = new ByteWriter();

    private BinaryEncoder(Module m) {
        this.m = m;
    }

    /** The binary encoding of {@code module}. */
    public static byte[] encode(Module module) {
        return new BinaryEncoder(module).write();
    }

    private byte[] write() {
        out.fixed32(0x6D736100);
        out.fixed32(1);
        customsAfter(0);
        for (int id : ORDER) {
            section(id);
            customsAfter(id);
        }
        for (CustomSection c : m.customs()) {
            if (!isKnownPosition(c.after())) {
                custom(c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isKnownPosition(int after) {
        if (after == 0) {
            return true;
        }
        for (int id : ORDER) {
            if (id == after) {
                return true;
            }
        }
        return false;
    }

    private void customsAfter(int id) {
        for (CustomSection c : m.customs()) {
            if (c.after() == id) {
                custom(c);
            }
        }
    }

    private void custom(CustomSection c) {
        ByteWriter body = new ByteWriter();
        body.name(c.name());
        body.bytes(c.bytes());
        emit(0, body);
    }

    private void section(int id) {
        switch (id) {
            case 1 -> vector(id, m.recTypes(), TypeWriter::recType);
            case 2 -> vector(id, m.imports(), BinaryEncoder::importEntry);
            case 3 -> vector(id, m.functions(), (w, f) -> w.u32(f.typeIndex()));
            case 4 -> vector(id, m.tables(), BinaryEncoder::table);
            case 5 -> vector(id, m.memories(), (w, mem) -> TypeWriter.limits(w, mem.limits()));
            case 13 -> vector(id, m.tags(), BinaryEncoder::tag);
            case 6 -> vector(id, m.globals(), BinaryEncoder::global);
            case 7 -> vector(id, m.exports(), BinaryEncoder::export);
            case 8 -> single(id, m.start() >= 0, w -> w.u32(m.start()));
            case 9 -> vector(id, m.elements(), BinaryEncoder::element);
            case 12 -> single(id, dataCount() >= 0, w -> w.u32(dataCount()));
            case 10 -> vector(id, m.functions(), BinaryEncoder::code);
            case 11 -> vector(id, m.data(), BinaryEncoder::data);
            default -> throw new IllegalStateException("internal: section id " + id);
        }
    }

    /** Writes one vector item. */
    private interface ItemWriter<T> {
        void write(ByteWriter w, T item);
    }

    /** Writes a vector section; an empty one only if a custom section followed it. */
    private <T> void vector(int id, List<T> items, ItemWriter<T> writer) {
        if (items.isEmpty() && !hasCustomAfter(id)) {
            return;
        }
        ByteWriter body = new ByteWriter();
        body.u32(items.size());
        for (T item : items) {
            writer.write(body, item);
        }
        emit(id, body);
    }

    /**
     * The data count to write: the module's own, else the number of data segments when code
     * needs the section (memory.init, data.drop), else -1 for none.
     */
    private int dataCount() {
        if (m.dataCount() >= 0) {
            return m.dataCount();
        }
        for (Function f : m.functions()) {
            for (Instruction ins : f.body()) {
                if (ins.op() == Op.MEMORY_INIT || ins.op() == Op.DATA_DROP) {
                    return m.data().size();
                }
            }
        }
        return -1;
    }

    private boolean hasCustomAfter(int id) {
        for (CustomSection c : m.customs()) {
            if (c.after() == id) {
                return true;
            }
        }
        return false;
    }

    private void single(int id, boolean present, Consumer<ByteWriter> writer) {
        if (present) {
            ByteWriter body = new ByteWriter();
            writer.accept(body);
            emit(id, body);
        }
    }

    private void emit(int id, ByteWriter body) {
        out.u8(id);
        out.sized(body.toByteArray());
    }

    private static void importEntry(ByteWriter w, Import imp) {
        w.name(imp.module());
        w.name(imp.name());
        ImportDesc d = imp.desc();
        w.u8(d.kind().code());
        switch (d) {
            case ImportDesc.Func f -> w.u32(f.typeIndex());
            case ImportDesc.Table t -> TypeWriter.tableType(w, t.type());
            case ImportDesc.Memory mem -> TypeWriter.limits(w, mem.type().limits());
            case ImportDesc.Global g -> TypeWriter.globalType(w, g.type());
            case ImportDesc.Tag t -> tag(w, t.type());
        }
    }

    private static void tag(ByteWriter w, TagType t) {
        w.u8(0x00);
        w.u32(t.typeIndex());
    }

    private static void table(ByteWriter w, Table t) {
        if (t.init() != null) {
            w.u8(0x40);
            w.u8(0x00);
            TypeWriter.tableType(w, t.type());
            InstructionWriter.expression(w, t.init());
        } else {
            TypeWriter.tableType(w, t.type());
        }
    }

    private static void global(ByteWriter w, Global g) {
        TypeWriter.globalType(w, g.type());
        InstructionWriter.expression(w, g.init());
    }

    private static void export(ByteWriter w, Export e) {
        w.name(e.name());
        w.u8(e.kind().code());
        w.u32(e.index());
    }

    private static void element(ByteWriter w, ElementSegment seg) {
        boolean funcIndices = seg.type().equals(RefType.FUNCREF) && allRefFunc(seg.items());
        int flags = switch (seg.mode()) {
            case ElementSegment.Passive p -> 1;
            case ElementSegment.Declarative d -> 3;
            case ElementSegment.Active a -> a.table() == 0 && seg.type().equals(RefType.FUNCREF) ? 0 : 2;
        };
        w.u32(flags | (funcIndices ? 0 : 4));
        if (seg.mode() instanceof ElementSegment.Active a) {
            if (flags == 2) {
                w.u32(a.table());
            }
            InstructionWriter.expression(w, a.offset());
        }
        if (flags != 0) {
            if (funcIndices) {
                w.u8(0x00);
            } else {
                TypeWriter.refType(w, seg.type());
            }
        }
        w.u32(seg.items().size());
        for (Expression item : seg.items()) {
            if (funcIndices) {
                w.u32(((Instruction.Indexed) item.instructions().get(0)).index());
            } else {
                InstructionWriter.expression(w, item);
            }
        }
    }

    private static boolean allRefFunc(List<Expression> items) {
        for (Expression e : items) {
            if (e.instructions().size() != 1 || e.instructions().get(0).op() != Op.REF_FUNC) {
                return false;
            }
        }
        return true;
    }

    private static void code(ByteWriter w, Function f) {
        ByteWriter body = new ByteWriter();
        locals(body, f.locals());
        InstructionWriter.instructions(body, f.body());
        w.sized(body.toByteArray());
    }

    private static void locals(ByteWriter w, List<ValType> locals) {
        int groups = 0;
        for (int i = 0; i < locals.size(); i++) {
            if (i == 0 || !locals.get(i).equals(locals.get(i - 1))) {
                groups++;
            }
        }
        w.u32(groups);
        int i = 0;
        while (i < locals.size()) {
            int j = i;
            while (j < locals.size() && locals.get(j).equals(locals.get(i))) {
                j++;
            }
            w.u32(j - i);
            TypeWriter.valType(w, locals.get(i));
            i = j;
        }
    }

    private static void data(ByteWriter w, DataSegment d) {
        switch (d.mode()) {
            case DataSegment.Passive p -> w.u8(1);
            case DataSegment.Active a -> {
                if (a.memory() == 0) {
                    w.u8(0);
                } else {
                    w.u8(2);
                    w.u32(a.memory());
                }
                InstructionWriter.expression(w, a.offset());
            }
        }
        w.sized(d.bytes());
    }
}
