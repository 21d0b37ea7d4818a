package dev.weft.interpreter.ast;

import java.util.List;

/**
 * A function defined in the module: its type index, declared locals (one entry per local,
 * already expanded from the binary's run-length groups; parameters are not included) and
 * body. The body is flat: structured instructions appear as {@code block}/{@code loop}/
 * {@code if}/{@code try_table} … {@code else} … {@code end}; the function's own final
 * {@code end} is included as the last instruction.
 */
public record Function(int typeIndex, List<ValType> locals, List<Instruction> body) {
    public Function {
        locals = List.copyOf(locals);
        body = List.copyOf(body);
    }
}
