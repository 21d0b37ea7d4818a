package dev.weft.interpreter.binary;

import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import java.util.List;

/** Writes instructions in their binary form, the inverse of {@link InstructionReader}. */
final class InstructionWriter {
    private InstructionWriter() {}

    /** A constant expression followed by its {@code end}. */
    static void expression(ByteWriter out, Expression e) {
        instructions(out, e.instructions());
        out.u8(Op.END.code());
    }

    static void instructions(ByteWriter out, List<Instruction> body) {
        for (Instruction ins : body) {
            instruction(out, ins);
        }
    }

    static void instruction(ByteWriter out, Instruction ins) {
        Op op = ins.op();
        if (op.prefix() != 0) {
            out.u8(op.prefix());
            out.u32(op.subCode());
        } else {
            out.u8(op.code());
        }
        immediates(out, ins);
    }

    private static void immediates(ByteWriter out, Instruction ins) {
        switch (ins) {
            case Instruction.Plain p -> { }
            case Instruction.Indexed i -> {
                if (i.op().imm() == dev.weft.interpreter.ast.Imm.LANE) {
                    out.u8(i.index());
                } else {
                    out.u32(i.index());
                }
            }
            case Instruction.Indexed2 i -> {
                out.u32(i.first());
                out.u32(i.second());
            }
            case Instruction.Block b -> TypeWriter.blockType(out, b.type());
            case Instruction.TryTable t -> tryTable(out, t);
            case Instruction.BranchTable t -> {
                out.u32(t.labels().length);
                for (int l : t.labels()) {
                    out.u32(l);
                }
                out.u32(t.defaultLabel());
            }
            case Instruction.MemAccess m -> memArg(out, m);
            case Instruction.Const c -> constant(out, c);
            case Instruction.HeapTypeImm h -> TypeWriter.heapType(out, h.heapType());
            case Instruction.SelectTyped s -> TypeWriter.valTypes(out, s.types());
            case Instruction.BrOnCast b -> {
                out.u8((b.from().nullable() ? 1 : 0) | (b.to().nullable() ? 2 : 0));
                out.u32(b.label());
                TypeWriter.heapType(out, b.from().heapType());
                TypeWriter.heapType(out, b.to().heapType());
            }
            case Instruction.Resume r -> resume(out, r);
            case Instruction.MemLane m -> {
                memArg(out, new Instruction.MemAccess(m.op(), m.alignLog2(), m.offset(), m.memory()));
                out.u8(m.lane());
            }
            case Instruction.Vector v -> {
                out.fixed64(v.low());
                out.fixed64(v.high());
            }
        }
    }

    private static void tryTable(ByteWriter out, Instruction.TryTable t) {
        TypeWriter.blockType(out, t.type());
        out.u32(t.catches().size());
        for (Instruction.Catch c : t.catches()) {
            out.u8(c.kind().code());
            if (c.kind().hasTag()) {
                out.u32(c.tag());
            }
            out.u32(c.label());
        }
    }

    private static void memArg(ByteWriter out, Instruction.MemAccess m) {
        if (m.memory() != 0) {
            out.u32(m.alignLog2() | 0x40);
            out.u32(m.memory());
        } else {
            out.u32(m.alignLog2());
        }
        out.u64(m.offset());
    }

    private static void constant(ByteWriter out, Instruction.Const c) {
        switch (c.op()) {
            case I32_CONST -> out.s64((int) c.bits());
            case I64_CONST -> out.s64(c.bits());
            case F32_CONST -> out.fixed32((int) c.bits());
            default -> out.fixed64(c.bits());
        }
    }

    private static void resume(ByteWriter out, Instruction.Resume r) {
        out.u32(r.contType());
        if (r.op() == Op.RESUME_THROW) {
            out.u32(r.tag());
        }
        out.u32(r.handlers().size());
        for (Instruction.Handler h : r.handlers()) {
            if (h.isSwitch()) {
                out.u8(0x01);
                out.u32(h.tag());
            } else {
                out.u8(0x00);
                out.u32(h.tag());
                out.u32(h.label());
            }
        }
    }
}
