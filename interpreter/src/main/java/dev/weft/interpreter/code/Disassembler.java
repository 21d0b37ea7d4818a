package dev.weft.interpreter.code;

import dev.weft.interpreter.ast.Op;
import java.util.List;

/** Prints lowered code one instruction a line ({@code pc: NAME operand=value ...}), reading {@link Instr}'s layouts. */
public final class Disassembler {
    private static final Op[] WASM_OPS = Op.values();
    private Disassembler() {}

    /**
     * The text of {@code code}.
     *
     * @throws IllegalArgumentException if an opcode is unknown or the last instruction runs past the end
     */
    public static String disassemble(int[] code) {
        StringBuilder out = new StringBuilder();
        int pc = 0;
        while (pc < code.length) {
            pc = line(code, pc, out);
        }
        return out.toString();
    }

    /** Appends the instruction at {@code pc} to {@code out}; returns the pc of the next one. */
    public static int line(int[] code, int pc, StringBuilder out) {
        Instr op = Instr.of(code[pc]);
        if (op == null) {
            throw new IllegalArgumentException("unknown opcode " + code[pc] + " at " + pc);
        }
        List<String> operands = op.layout().operands(code, pc + 1);
        if (pc + 1 + operands.size() > code.length) {
            throw new IllegalArgumentException(op + " at " + pc + " runs past the end of the code");
        }
        out.append(pc).append(": ").append(op);
        for (int i = 0; i < operands.size(); i++) {
            String name = operands.get(i);
            int value = code[pc + 1 + i];
            out.append(' ').append(name).append('=');
            out.append(switch (name) {
                case "subop" -> String.valueOf(ExtInstr.of(value));
                case "wasmOp" -> value >= 0 && value < WASM_OPS.length ? WASM_OPS[value].name() : String.valueOf(value);
                default -> String.valueOf(value);
            });
        }
        out.append('\n');
        return pc + 1 + operands.size();
    }
}
