package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;

/** Reads {@code memidx? offset=N? align=N?} of loads and stores. */
final class MemArgs {
    private MemArgs() {}

    static Instruction parse(Op op, Cursor c, IndexSpace memories) {
        int memory = memories.readOptional(c, 0);
        long offset = 0;
        int alignLog2 = naturalAlignLog2(op);
        Token t = c.peekToken(Token.Kind.ATOM);
        if (t != null && t.text().startsWith("offset=")) {
            c.next();
            offset = Numbers.unsigned(t.text().substring(7), 64, t.line());
            t = c.peekToken(Token.Kind.ATOM);
        }
        if (t != null && t.text().startsWith("align=")) {
            c.next();
            long align = Numbers.unsigned(t.text().substring(6), 32, t.line());
            if (align == 0 || Long.bitCount(align) != 1) {
                throw new TextException("alignment", t.line());
            }
            alignLog2 = Long.numberOfTrailingZeros(align);
        }
        return new Instruction.MemAccess(op, alignLog2, offset, memory);
    }

    /** log2 of the access width in bytes, from the mnemonic ({@code i64.load16_s} is 1). */
    static int naturalAlignLog2(Op op) {
        String name = op.text();
        if (name.contains("8")) {
            return name.startsWith("i") && name.indexOf('8') > 3 ? 0 : widthOf(name);
        }
        if (name.contains("16")) {
            return 1;
        }
        if (name.contains("32") && name.indexOf("32") > 3) {
            return 2;
        }
        return widthOf(name);
    }

    private static int widthOf(String name) {
        return name.startsWith("i64") || name.startsWith("f64") ? 3 : 2;
    }
}
