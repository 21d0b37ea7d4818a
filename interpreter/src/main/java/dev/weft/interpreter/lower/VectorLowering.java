package dev.weft.interpreter.lower;

import static dev.weft.interpreter.code.Opcodes.EXT;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.code.ExtOps;

/**
 * Lowers the SIMD instructions to {@code EXT SIMD op a b c d} (always four ints after the op,
 * see {@link dev.weft.interpreter.code.ExtInstr#SIMD}).
 */
final class VectorLowering {
    private final CodeBuffer out;

    VectorLowering(CodeBuffer out) {
        this.out = out;
    }

    /** Whether {@code op} is a SIMD instruction (0xFD prefix). */
    static boolean handles(Op op) {
        return op.prefix() == 0xFD;
    }

    void lower(Instruction ins) {
        switch (ins) {
            case Instruction.Vector v -> emit(v.op(), (int) v.low(), (int) (v.low() >>> 32), (int) v.high(),
                    (int) (v.high() >>> 32));
            case Instruction.Indexed lane -> emit(lane.op(), lane.index(), 0, 0, 0);
            case Instruction.MemAccess m -> emit(m.op(), m.memory(), (int) (m.offset() >>> 32), (int) m.offset(), 0);
            case Instruction.MemLane m -> emit(m.op(), m.memory(), (int) (m.offset() >>> 32), (int) m.offset(),
                    m.lane());
            default -> emit(ins.op(), 0, 0, 0, 0);
        }
    }

    private void emit(Op op, int a, int b, int c, int d) {
        out.op(EXT);
        out.emit(ExtOps.SIMD);
        out.emit(op.ordinal());
        out.emit(a);
        out.emit(b);
        out.emit(c);
        out.emit(d);
    }
}
