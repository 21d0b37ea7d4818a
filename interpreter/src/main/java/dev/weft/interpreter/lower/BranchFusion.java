package dev.weft.interpreter.lower;

import dev.weft.interpreter.code.Instr;
import dev.weft.interpreter.code.Opcodes;
import java.util.Arrays;
import java.util.Map;

/**
 * The compare-and-branch fusion rules, read from the instruction table by name: a comparison
 * {@code I32_c} (or {@code I64_c}) followed by {@code br_if} becomes {@code BR_IF_I32_c}; for
 * {@code if}, which jumps when the condition is false, the inverse condition's form. An i32 form
 * has variants over two locals ({@code BR_IF_LL_c}), a local and a constant ({@code BR_IF_LC_c})
 * and the stack top and a local ({@code BR_IF_SL_c}) wherever the table has them. A table entry
 * added in that naming is used without a change here. Greater-than and less-or-equal against a
 * constant become greater-or-equal and less-than against the constant plus one, unless that
 * overflows.
 */
final class BranchFusion {
    private static final Map<String, String> INVERSE = Map.of(
            "EQ", "NE", "NE", "EQ", "LT_S", "GE_S", "GE_S", "LT_S", "GT_S", "LE_S", "LE_S", "GT_S",
            "LT_U", "GE_U", "GE_U", "LT_U", "GT_U", "LE_U", "LE_U", "GT_U");
    private static final int[] TAKEN = table();
    private static final int[] NOT_TAKEN = table();
    private static final int[] OVER_LOCALS = table();
    private static final int[] STACK_AND_LOCAL = table();
    private static final int[] LOCAL_AND_CONSTANT = table();
    private static final int[] INVERTED = table();

    static {
        for (Instr i : Instr.values()) {
            String name = i.name();
            for (String type : new String[] {"I32_", "I64_"}) {
                if (name.startsWith("BR_IF_" + type)) {
                    String cond = name.substring(("BR_IF_" + type).length());
                    int compare = op(type + cond);
                    TAKEN[compare] = i.ordinal();
                    if (INVERSE.containsKey(cond)) {
                        NOT_TAKEN[compare] = op("BR_IF_" + type + INVERSE.get(cond));
                    }
                }
            }
            if (name.startsWith("BR_IF_I32_")) {
                String cond = name.substring("BR_IF_I32_".length());
                OVER_LOCALS[i.ordinal()] = op("BR_IF_LL_" + cond);
                STACK_AND_LOCAL[i.ordinal()] = op("BR_IF_SL_" + cond);
                LOCAL_AND_CONSTANT[i.ordinal()] = op("BR_IF_LC_" + cond);
            }
            for (String family : new String[] {"BR_IF_LL_", "BR_IF_LC_"}) {
                if (name.startsWith(family) && INVERSE.containsKey(name.substring(family.length()))) {
                    INVERTED[i.ordinal()] = op(family + INVERSE.get(name.substring(family.length())));
                }
            }
        }
        // i32.eqz then if: jump when the operand is not zero
        NOT_TAKEN[Opcodes.I32_EQZ] = Opcodes.BR_IF;
    }

    private BranchFusion() {}

    private static int[] table() {
        int[] t = new int[Instr.count()];
        Arrays.fill(t, -1);
        return t;
    }

    /** The opcode named {@code name}, or -1 if the table has none. */
    private static int op(String name) {
        for (Instr i : Instr.values()) {
            if (i.name().equals(name)) {
                return i.ordinal();
            }
        }
        return -1;
    }

    /** The fused form of comparison {@code compare} followed by {@code br_if}, or -1. */
    static int taken(int compare) {
        return compare < 0 ? -1 : TAKEN[compare];
    }

    /** The fused form of comparison {@code compare} followed by {@code if} (jumping when false), or -1. */
    static int notTaken(int compare) {
        return compare < 0 ? -1 : NOT_TAKEN[compare];
    }

    /** The form comparing two locals, or -1. */
    static int overLocals(int fused) {
        return OVER_LOCALS[fused];
    }

    /** The form comparing the stack top (left) with a local (right), or -1. */
    static int stackAndLocal(int fused) {
        return STACK_AND_LOCAL[fused];
    }

    /** {opcode, constant} of the local-and-constant form, or null. */
    static long[] overLocalAndConstant(int fused, int c) {
        int direct = LOCAL_AND_CONSTANT[fused];
        if (direct >= 0) {
            return new long[] {direct, c};
        }
        if (!Instr.of(fused).name().startsWith("BR_IF_I32_")) {
            return null;
        }
        String cond = Instr.of(fused).name().substring("BR_IF_I32_".length());
        boolean signed = cond.endsWith("_S");
        boolean overflows = signed ? c == Integer.MAX_VALUE : c == -1;
        String shifted = switch (cond.substring(0, 2)) {
            case "GT" -> "GE";
            case "LE" -> "LT";
            default -> null;
        };
        if (shifted == null || overflows) {
            return null;
        }
        int form = op("BR_IF_LC_" + shifted + cond.substring(2));
        return form < 0 ? null : new long[] {form, c + 1};
    }

    /**
     * The opposite condition of a self-contained compare-and-branch (over locals or a local and a
     * constant, taking nothing from the stack), or -1 for any other opcode.
     */
    static int inverted(int opcode) {
        return opcode < 0 || opcode >= INVERTED.length ? -1 : INVERTED[opcode];
    }
}
