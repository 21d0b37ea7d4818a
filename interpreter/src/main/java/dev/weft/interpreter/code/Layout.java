package dev.weft.interpreter.code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The immediates of an internal instruction, written as operand names: fixed ones
 * ({@code "target arity height"}), optionally ending in one repeated group whose count is an
 * earlier operand plus a constant ({@code "n (target arity height)*n+1"}). The operand
 * {@code ext} stands for an {@link ExtInstr}'s own layout, chosen by the preceding {@code subop}.
 */
public record Layout(List<String> fixed, String countOperand, int extra, List<String> group) {
    private static final Layout NONE = new Layout(List.of(), null, 0, List.of());

    /** Parses the notation above; the empty string is no immediates. */
    public static Layout parse(String spec) {
        if (spec.isBlank()) {
            return NONE;
        }
        int open = spec.indexOf('(');
        if (open < 0) {
            return new Layout(words(spec), null, 0, List.of());
        }
        int close = spec.indexOf(")*", open);
        String count = spec.substring(close + 2);
        int plus = count.indexOf('+');
        return new Layout(words(spec.substring(0, open)), plus < 0 ? count : count.substring(0, plus),
                plus < 0 ? 0 : Integer.parseInt(count.substring(plus + 1)), words(spec.substring(open + 1, close)));
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    /**
     * The operand names of the instruction whose immediates start at {@code at} in {@code code},
     * one per int, with the repeated group unrolled.
     */
    public List<String> operands(int[] code, int at) {
        List<String> names = new ArrayList<>();
        int count = 0;
        for (String f : fixed) {
            if (f.equals("ext")) {
                ExtInstr sub = ExtInstr.of(code[at + names.size() - 1]);
                if (sub == null) {
                    throw new IllegalArgumentException("unknown sub-opcode " + code[at + names.size() - 1]);
                }
                names.addAll(sub.layout().operands(code, at + names.size()));
                continue;
            }
            if (f.equals(countOperand)) {
                count = code[at + names.size()] + extra;
            }
            names.add(f);
        }
        for (int i = 0; i < count; i++) {
            names.addAll(group);
        }
        return names;
    }
}
