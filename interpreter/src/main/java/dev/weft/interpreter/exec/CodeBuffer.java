package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.Opcodes.*;

import java.util.Arrays;

/**
 * The growing code array of one function being lowered. It remembers where the last opcode
 * started so that peephole fusion can rewrite it; {@link #barrier()} forgets it at every point
 * a branch may land (fusing across a label would be wrong).
 */
final class CodeBuffer {
    private int[] code = new int[64];
    private int len;
    private int lastPos = -1;

    /** Appends an opcode. */
    void op(int opcode) {
        lastPos = len;
        emit(opcode);
    }

    /** Appends an immediate. */
    void emit(int v) {
        if (len == code.length) {
            code = Arrays.copyOf(code, len * 2);
        }
        code[len++] = v;
    }

    int length() {
        return len;
    }

    void patch(int pos, int value) {
        code[pos] = value;
    }

    /** Forgets the last opcode: the current position is a branch target. */
    void barrier() {
        lastPos = -1;
    }

    /** The last opcode if it has no immediates and nothing followed it, else -1. */
    int lastBareOp() {
        return lastPos >= 0 && lastPos == len - 1 ? code[lastPos] : -1;
    }

    /** The last opcode if it has exactly one immediate, else -1. */
    int lastOpWithOneImmediate() {
        return lastPos >= 0 && lastPos == len - 2 ? code[lastPos] : -1;
    }

    /** The immediate of the last opcode. */
    int lastImmediate() {
        return code[lastPos + 1];
    }

    /** Removes the last opcode (with its immediates) so a fused form can replace it. */
    void dropLast() {
        len = lastPos;
        lastPos = -1;
    }

    /** Emits a jump taken when the i32 on top is zero, fused with a preceding comparison. */
    int jumpUnless() {
        int fused = switch (lastBareOp()) {
            case I32_EQZ -> BR_IF;
            case I32_LT_S -> BR_IF_I32_GE_S;
            case I32_GE_S -> BR_IF_I32_LT_S;
            case I32_NE -> BR_IF_I32_EQ;
            case I32_EQ -> BR_IF_I32_NE;
            default -> -1;
        };
        if (fused >= 0) {
            dropLast();
            op(fused);
        } else {
            op(BR_UNLESS);
        }
        int pos = len;
        emit(-1);
        return pos;
    }

    /** Emits a plain conditional jump opcode, fused with a preceding comparison. */
    void jumpIf() {
        int fused = switch (lastBareOp()) {
            case I32_EQZ -> BR_IF_I32_EQZ;
            case I32_LT_S -> BR_IF_I32_LT_S;
            case I32_GE_S -> BR_IF_I32_GE_S;
            case I32_NE -> BR_IF_I32_NE;
            case I32_EQ -> BR_IF_I32_EQ;
            default -> -1;
        };
        if (fused >= 0) {
            dropLast();
            op(fused);
        } else {
            op(BR_IF);
        }
    }

    int[] toArray() {
        return Arrays.copyOf(code, len);
    }
}
