package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.Opcodes.*;

/**
 * Which fused compare-and-branch opcodes have forms over two locals ({@code BR_IF_LL_*}), a
 * local and a constant ({@code BR_IF_LC_*}) or the stack top and a local ({@code BR_IF_SL_*}). Greater-than and less-or-equal against a constant
 * become greater-or-equal and less-than against the constant plus one, unless that overflows.
 */
final class BranchFusion {
    private BranchFusion() {}

    static int overLocals(int fused) {
        return switch (fused) {
            case BR_IF_I32_LT_S -> BR_IF_LL_LT_S;
            case BR_IF_I32_GE_S -> BR_IF_LL_GE_S;
            case BR_IF_I32_LT_U -> BR_IF_LL_LT_U;
            case BR_IF_I32_GE_U -> BR_IF_LL_GE_U;
            case BR_IF_I32_EQ -> BR_IF_LL_EQ;
            case BR_IF_I32_NE -> BR_IF_LL_NE;
            default -> -1;
        };
    }

    /** The form comparing the stack top (left) with a local (right), or -1. */
    static int stackAndLocal(int fused) {
        return switch (fused) {
            case BR_IF_I32_LT_S -> BR_IF_SL_LT_S;
            case BR_IF_I32_GE_S -> BR_IF_SL_GE_S;
            case BR_IF_I32_LT_U -> BR_IF_SL_LT_U;
            case BR_IF_I32_GE_U -> BR_IF_SL_GE_U;
            case BR_IF_I32_EQ -> BR_IF_SL_EQ;
            case BR_IF_I32_NE -> BR_IF_SL_NE;
            default -> -1;
        };
    }

    /** {opcode, constant} of the local-and-constant form, or null. */
    static long[] overLocalAndConstant(int fused, int c) {
        return switch (fused) {
            case BR_IF_I32_LT_S -> form(BR_IF_LC_LT_S, c);
            case BR_IF_I32_GE_S -> form(BR_IF_LC_GE_S, c);
            case BR_IF_I32_LT_U -> form(BR_IF_LC_LT_U, c);
            case BR_IF_I32_GE_U -> form(BR_IF_LC_GE_U, c);
            case BR_IF_I32_EQ -> form(BR_IF_LC_EQ, c);
            case BR_IF_I32_NE -> form(BR_IF_LC_NE, c);
            case BR_IF_I32_GT_S -> c == Integer.MAX_VALUE ? null : form(BR_IF_LC_GE_S, c + 1);
            case BR_IF_I32_LE_S -> c == Integer.MAX_VALUE ? null : form(BR_IF_LC_LT_S, c + 1);
            case BR_IF_I32_GT_U -> c == -1 ? null : form(BR_IF_LC_GE_U, c + 1);
            case BR_IF_I32_LE_U -> c == -1 ? null : form(BR_IF_LC_LT_U, c + 1);
            default -> null;
        };
    }

    /**
     * The opposite condition of a self-contained compare-and-branch (over locals or a local and a
     * constant, taking nothing from the stack), or -1 for any other opcode.
     */
    static int inverted(int opcode) {
        return switch (opcode) {
            case BR_IF_LL_LT_S -> BR_IF_LL_GE_S;
            case BR_IF_LL_GE_S -> BR_IF_LL_LT_S;
            case BR_IF_LL_LT_U -> BR_IF_LL_GE_U;
            case BR_IF_LL_GE_U -> BR_IF_LL_LT_U;
            case BR_IF_LL_EQ -> BR_IF_LL_NE;
            case BR_IF_LL_NE -> BR_IF_LL_EQ;
            case BR_IF_LC_LT_S -> BR_IF_LC_GE_S;
            case BR_IF_LC_GE_S -> BR_IF_LC_LT_S;
            case BR_IF_LC_LT_U -> BR_IF_LC_GE_U;
            case BR_IF_LC_GE_U -> BR_IF_LC_LT_U;
            case BR_IF_LC_EQ -> BR_IF_LC_NE;
            case BR_IF_LC_NE -> BR_IF_LC_EQ;
            default -> -1;
        };
    }

    private static long[] form(int opcode, int c) {
        return new long[] {opcode, c};
    }
}
