package dev.weft.interpreter.code;

/** Builders for the {@link Instr#patterns()} of the fused compare-and-branch forms. */
final class FusionPatterns {
    /** A local as an operand. */
    static final String L0 = "(local.get 0)";
    static final String L1 = "(local.get 1)";
    /** The same values computed on the stack (so no local or constant form applies). */
    static final String S0 = "(i32.add (local.get 0) (i32.const 0))";
    static final String S1 = "(i32.add (local.get 1) (i32.const 0))";
    static final String C7 = "(i32.const 7)";

    private FusionPatterns() {}

    /** {@code br_if (i32.<cmp> left right)}: returns 1 when taken, else 0. */
    static String branch32(String cmp, String left, String right) {
        return "(param i32 i32) (result i32) | (block (br_if 0 (i32." + cmp + " " + left + " " + right
                + ")) (return (i32.const 0))) (i32.const 1)";
    }

    /** {@code br_if (i64.<cmp> operands)} over the two i64 parameters: returns 1 when taken, else 0. */
    static String branch64(String cmp, String operands) {
        return "(param i64 i64) (result i32) | (block (br_if 0 (i64." + cmp + " " + operands
                + ")) (return (i32.const 0))) (i32.const 1)";
    }
}
