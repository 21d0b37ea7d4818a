package dev.weft.interpreter.binary;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads instruction sequences: function bodies (final {@code end} included) and constant
 * expressions (final {@code end} dropped). Nesting is tracked with an explicit stack, so deep
 * nesting never recurses on the Java stack.
 */
final class InstructionReader {
    private static final int PREFIX_GC = 0xFB;
    private static final int PREFIX_MISC = 0xFC;
    private static final int PREFIX_SIMD = 0xFD;
    private static final int FRAME_BLOCK = 0;
    private static final int FRAME_IF = 1;
    private static final int FRAME_ELSE = 2;

    private final ByteReader in;
    private final TypeReader types;
    private boolean usesDataSegments;

    private int[] bodyOffsets;

    InstructionReader(ByteReader in, TypeReader types) {
        this.in = in;
        this.types = types;
    }

    /** True once memory.init or data.drop has been read (they need a data count section). */
    boolean usesDataSegments() {
        return usesDataSegments;
    }

    /** A constant expression up to and excluding its {@code end}. */
    Expression expression() throws MalformedModuleException {
        List<Instruction> body = sequence(null);
        return new Expression(body.subList(0, body.size() - 1));
    }

    /**
     * A function body up to and including its final {@code end}; {@link #bodyOffsets()} then
     * holds the module byte offset of each of its instructions.
     */
    List<Instruction> functionBody() throws MalformedModuleException {
        int[][] offsets = {new int[16]};
        List<Instruction> body = sequence(offsets);
        bodyOffsets = offsets[0];
        return body;
    }

    /** The offsets of the instructions of the last {@link #functionBody()}, one per instruction. */
    int[] bodyOffsets() {
        return bodyOffsets;
    }

    /**
     * Instructions up to the {@code end} that closes the sequence; when {@code offsets} is not
     * null, {@code offsets[0]} ends up holding each instruction's offset.
     */
    private List<Instruction> sequence(int[][] offsets) throws MalformedModuleException {
        List<Instruction> out = new ArrayList<>();
        int[] frames = new int[16];
        int depth = 0;
        while (true) {
            int at = in.pos();
            Instruction ins = instruction();
            if (offsets != null) {
                if (out.size() == offsets[0].length) {
                    offsets[0] = Arrays.copyOf(offsets[0], out.size() * 2);
                }
                offsets[0][out.size()] = at;
            }
            out.add(ins);
            Op op = ins.op();
            if (op == Op.BLOCK || op == Op.LOOP || op == Op.TRY_TABLE || op == Op.IF) {
                if (depth == frames.length) {
                    frames = Arrays.copyOf(frames, depth * 2);
                }
                frames[depth++] = op == Op.IF ? FRAME_IF : FRAME_BLOCK;
            } else if (op == Op.ELSE) {
                if (depth == 0 || frames[depth - 1] != FRAME_IF) {
                    throw in.error("END opcode expected", at);
                }
                frames[depth - 1] = FRAME_ELSE;
            } else if (op == Op.END) {
                if (depth == 0) {
                    if (offsets != null) {
                        offsets[0] = Arrays.copyOf(offsets[0], out.size());
                    }
                    return out;
                }
                depth--;
            }
        }
    }

    private Instruction instruction() throws MalformedModuleException {
        int at = in.pos();
        int code = in.u8();
        if (code == PREFIX_GC || code == PREFIX_MISC || code == PREFIX_SIMD) {
            long sub = in.u32();
            code = sub <= 0xFF ? (code << 8) | (int) sub
                    : code == PREFIX_SIMD && sub <= 0xFFFF ? (code << 16) | (int) sub : -1;
        }
        Op op = code < 0 ? null : Op.fromCode(code);
        if (op == null) {
            throw in.error(illegalOpcodeMessage(code), at);
        }
        if (op == Op.MEMORY_INIT || op == Op.DATA_DROP) {
            usesDataSegments = true;
        }
        return immediates(op);
    }

    private static String illegalOpcodeMessage(int code) {
        return switch (code) {
            case 0x06, 0x07, 0x09, 0x18, 0x19 -> "illegal opcode: legacy exception handling (0x"
                    + Integer.toHexString(code) + ") is not supported";
            case -1 -> "illegal opcode: prefixed opcode out of range";
            default -> "illegal opcode: 0x" + Integer.toHexString(code);
        };
    }

    private Instruction immediates(Op op) throws MalformedModuleException {
        return switch (op.imm()) {
            case NONE -> new Instruction.Plain(op);
            case BLOCK -> new Instruction.Block(op, types.blockType());
            case TRY_TABLE -> tryTable();
            case LABEL, FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, ELEM, DATA, TAG ->
                    new Instruction.Indexed(op, in.index());
            case BR_TABLE -> branchTable();
            case TYPE_TABLE, TABLE_TABLE, ELEM_TABLE, MEMORY_MEMORY, DATA_MEMORY, TYPE_FIELD,
                    TYPE_TYPE, TYPE_COUNT, TYPE_DATA, TYPE_ELEM, TYPE_TAG -> indexed2(op);
            case MEMARG -> memArg(op);
            case MEMARG_LANE -> {
                Instruction.MemAccess m = (Instruction.MemAccess) memArg(op);
                yield new Instruction.MemLane(op, m.alignLog2(), m.offset(), m.memory(), in.u8());
            }
            case LANE -> new Instruction.Indexed(op, in.u8());
            case V128, SHUFFLE -> {
                long low = in.fixed64();
                yield new Instruction.Vector(op, low, in.fixed64());
            }
            case I32 -> new Instruction.Const(op, in.s32());
            case I64 -> new Instruction.Const(op, in.s64());
            case F32 -> new Instruction.Const(op, in.fixed32() & 0xFFFFFFFFL);
            case F64 -> new Instruction.Const(op, in.fixed64());
            case HEAP_TYPE -> new Instruction.HeapTypeImm(op, types.heapType());
            case SELECT_TYPES -> new Instruction.SelectTyped(types.valTypes());
            case BR_ON_CAST -> brOnCast(op);
            case RESUME -> resume(op, in.index(), -1);
            case RESUME_THROW -> {
                int contType = in.index();
                yield resume(op, contType, in.index());
            }
        };
    }

    private Instruction indexed2(Op op) throws MalformedModuleException {
        int first = in.index();
        return new Instruction.Indexed2(op, first, in.index());
    }

    private Instruction tryTable() throws MalformedModuleException {
        BlockType bt = types.blockType();
        int n = in.count();
        List<Instruction.Catch> catches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int kindCode = in.u8();
            Instruction.CatchKind kind = null;
            for (Instruction.CatchKind k : Instruction.CatchKind.values()) {
                if (k.code() == kindCode) {
                    kind = k;
                }
            }
            if (kind == null) {
                throw in.error("malformed catch clause", at);
            }
            int tag = kind.hasTag() ? in.index() : -1;
            catches.add(new Instruction.Catch(kind, tag, in.index()));
        }
        return new Instruction.TryTable(bt, catches);
    }

    private Instruction branchTable() throws MalformedModuleException {
        int n = in.count();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = in.index();
        }
        return new Instruction.BranchTable(labels, in.index());
    }

    private Instruction memArg(Op op) throws MalformedModuleException {
        int at = in.pos();
        long flags = in.u32();
        int memory = 0;
        if ((flags & 0x40) != 0) {
            flags &= ~0x40L;
            memory = in.index();
        }
        if (flags >= 0x40) {
            throw in.error("malformed memop flags", at);
        }
        long offset = in.u64();
        return new Instruction.MemAccess(op, (int) flags, offset, memory);
    }

    private Instruction brOnCast(Op op) throws MalformedModuleException {
        int at = in.pos();
        int flags = in.u8();
        if ((flags & ~0x03) != 0) {
            throw in.error("malformed br_on_cast flags", at);
        }
        int label = in.index();
        HeapType from = types.heapType();
        HeapType to = types.heapType();
        return new Instruction.BrOnCast(op, label, new RefType((flags & 1) != 0, from),
                new RefType((flags & 2) != 0, to));
    }

    private Instruction resume(Op op, int contType, int tag) throws MalformedModuleException {
        int n = in.count();
        List<Instruction.Handler> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int kind = in.u8();
            if (kind == 0x00) {
                int handlerTag = in.index();
                handlers.add(new Instruction.Handler(handlerTag, in.index()));
            } else if (kind == 0x01) {
                handlers.add(new Instruction.Handler(in.index(), -1));
            } else {
                throw in.error("malformed handler clause", at);
            }
        }
        return new Instruction.Resume(op, contType, tag, handlers);
    }
}
