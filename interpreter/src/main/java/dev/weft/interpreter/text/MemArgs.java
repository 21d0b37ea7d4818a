package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;

/** Reads {@code memidx? offset=N? align=N?} of loads and stores. */
final class MemArgs {
    private MemArgs() {}

    static Instruction parse(Op op, Cursor c, IndexSpace memories) {
        return offsetAndAlign(op, c, memories.readOptional(c, 0));
    }

    /**
     * {@code v128.loadN_lane memidx? offset=N? align=N? lane}: a lone index before the lane is
     * the lane itself, so the memory index is taken only when something follows it.
     */
    static Instruction parseLane(Op op, Cursor c, IndexSpace memories) {
        int memory = 0;
        if (c.peekIndex() && c.peekIndexOrMemArgAfterNext()) {
            memory = memories.read(c);
        }
        Instruction.MemAccess m = offsetAndAlign(op, c, memory);
        return new Instruction.MemLane(op, m.alignLog2(), m.offset(), m.memory(), VectorLiterals.laneIndex(c));
    }

    private static Instruction.MemAccess offsetAndAlign(Op op, Cursor c, int memory) {
        long offset = 0;
        int alignLog2 = naturalAlignLog2(op);
        Token t = c.peekToken(Token.Kind.ATOM);
        if (t != null && t.text().startsWith("offset=")) {
            c.next();
            offset = Numbers.unsigned(memArgNumber(t, 7), 64, t.line());
            t = c.peekToken(Token.Kind.ATOM);
        }
        if (t != null && t.text().startsWith("align=")) {
            c.next();
            long align = Numbers.unsigned(memArgNumber(t, 6), 32, t.line());
            if (align == 0 || Long.bitCount(align) != 1) {
                throw new TextException("alignment must be a power of two", t);
            }
            alignLog2 = Long.numberOfTrailingZeros(align);
        }
        return new Instruction.MemAccess(op, alignLog2, offset, memory);
    }

    /** The number after {@code offset=}/{@code align=}; anything but an unsigned literal makes no keyword. */
    private static String memArgNumber(Token t, int prefix) {
        String number = t.text().substring(prefix);
        if (!Numbers.isUnsigned(number)) {
            throw new TextException("unknown operator", t);
        }
        return number;
    }

    /** log2 of the access width in bytes, from the mnemonic ({@code i64.load16_s} is 1). */
    static int naturalAlignLog2(Op op) {
        String name = op.text();
        if (name.startsWith("v128.")) {
            return vectorWidthLog2(name);
        }
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

    /**
     * {@code v128.load}/{@code store} 16 bytes; {@code load8x8_s} and the like 8; the splat, zero
     * and lane forms the width in their name ({@code load16_splat}: 2 bytes).
     */
    private static int vectorWidthLog2(String name) {
        if (name.equals("v128.load") || name.equals("v128.store")) {
            return 4;
        }
        if (name.matches("v128\\.load\\d+x\\d+_[su]")) {
            return 3;
        }
        String digits = name.replaceAll("^v128\\.(load|store)(\\d+)_.*$", "$2");
        return Integer.numberOfTrailingZeros(Integer.parseInt(digits) / 8);
    }

    private static int widthOf(String name) {
        return name.startsWith("i64") || name.startsWith("f64") ? 3 : 2;
    }
}
