package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.F32;
import static dev.weft.interpreter.ast.NumType.F64;
import static dev.weft.interpreter.ast.NumType.I32;
import static dev.weft.interpreter.ast.NumType.I64;
import static dev.weft.interpreter.ast.NumType.V128;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;

/**
 * Loads, stores and the memory instructions, for 32- and 64-bit memories and several memories
 * per module. Addresses have the memory's address type; {@code memory.copy} between memories of
 * different address types takes a length of the smaller type.
 */
final class MemoryInstructions {
    private static final NumType[] VALUE = new NumType[Op.values().length];
    private static final int[] WIDTH_LOG2 = new int[Op.values().length];
    private static final boolean[] STORE = new boolean[Op.values().length];

    static {
        access(Op.I32_LOAD, I32, 2, false);
        access(Op.I64_LOAD, I64, 3, false);
        access(Op.F32_LOAD, F32, 2, false);
        access(Op.F64_LOAD, F64, 3, false);
        access(Op.I32_LOAD8_S, I32, 0, false);
        access(Op.I32_LOAD8_U, I32, 0, false);
        access(Op.I32_LOAD16_S, I32, 1, false);
        access(Op.I32_LOAD16_U, I32, 1, false);
        access(Op.I64_LOAD8_S, I64, 0, false);
        access(Op.I64_LOAD8_U, I64, 0, false);
        access(Op.I64_LOAD16_S, I64, 1, false);
        access(Op.I64_LOAD16_U, I64, 1, false);
        access(Op.I64_LOAD32_S, I64, 2, false);
        access(Op.I64_LOAD32_U, I64, 2, false);
        access(Op.I32_STORE, I32, 2, true);
        access(Op.I64_STORE, I64, 3, true);
        access(Op.F32_STORE, F32, 2, true);
        access(Op.F64_STORE, F64, 3, true);
        access(Op.I32_STORE8, I32, 0, true);
        access(Op.I32_STORE16, I32, 1, true);
        access(Op.I64_STORE8, I64, 0, true);
        access(Op.I64_STORE16, I64, 1, true);
        access(Op.I64_STORE32, I64, 2, true);
        access(Op.V128_LOAD, V128, 4, false);
        for (Op op : new Op[] {Op.V128_LOAD8X8_S, Op.V128_LOAD8X8_U, Op.V128_LOAD16X4_S, Op.V128_LOAD16X4_U,
                Op.V128_LOAD32X2_S, Op.V128_LOAD32X2_U, Op.V128_LOAD64_SPLAT, Op.V128_LOAD64_ZERO}) {
            access(op, V128, 3, false);
        }
        access(Op.V128_LOAD8_SPLAT, V128, 0, false);
        access(Op.V128_LOAD16_SPLAT, V128, 1, false);
        access(Op.V128_LOAD32_SPLAT, V128, 2, false);
        access(Op.V128_LOAD32_ZERO, V128, 2, false);
        access(Op.V128_STORE, V128, 4, true);
    }

    /** log2 of the bytes a load or store of {@code op} accesses (its natural alignment). */
    static int widthLog2(Op op) {
        return WIDTH_LOG2[op.ordinal()];
    }

    private final CodeValidator v;

    MemoryInstructions(CodeValidator v) {
        this.v = v;
    }

    private static void access(Op op, NumType type, int widthLog2, boolean store) {
        VALUE[op.ordinal()] = type;
        WIDTH_LOG2[op.ordinal()] = widthLog2;
        STORE[op.ordinal()] = store;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        if (ins instanceof Instruction.MemAccess m) {
            loadStore(m);
            return;
        }
        switch (ins.op()) {
            case MEMORY_SIZE -> v.push(addr(((Instruction.Indexed) ins).index()));
            case MEMORY_GROW -> {
                NumType a = addr(((Instruction.Indexed) ins).index());
                v.popExpect(a);
                v.push(a);
            }
            case MEMORY_FILL -> {
                NumType a = addr(((Instruction.Indexed) ins).index());
                v.popExpect(a);
                v.popExpect(I32);
                v.popExpect(a);
            }
            case MEMORY_COPY -> copy((Instruction.Indexed2) ins);
            case MEMORY_INIT -> {
                Instruction.Indexed2 x = (Instruction.Indexed2) ins;
                NumType a = addr(x.second());
                v.ctx.checkData(x.first());
                v.popExpect(I32);
                v.popExpect(I32);
                v.popExpect(a);
            }
            case DATA_DROP -> v.ctx.checkData(((Instruction.Indexed) ins).index());
            default -> throw new IllegalStateException("internal: not a memory op " + ins.op());
        }
    }

    private void copy(Instruction.Indexed2 x) throws InvalidModuleException {
        NumType dst = addr(x.first());
        NumType src = addr(x.second());
        v.popExpect(dst == I64 && src == I64 ? I64 : I32);
        v.popExpect(src);
        v.popExpect(dst);
    }

    /**
     * Checks an access of {@code 2^widthLog2} bytes to {@code memory} (alignment at most natural,
     * offset within the address type) and returns the memory's address type.
     */
    NumType address(int memory, int alignLog2, int widthLog2, long offset) throws InvalidModuleException {
        MemoryType mem = v.ctx.memory(memory);
        if (alignLog2 > widthLog2) {
            throw new InvalidModuleException("alignment must not be larger than natural");
        }
        boolean is64 = mem.limits().is64();
        if (!is64 && (offset >>> 32) != 0) {
            throw new InvalidModuleException("offset out of range");
        }
        return is64 ? I64 : I32;
    }

    private NumType addr(int memory) throws InvalidModuleException {
        MemoryType m = v.ctx.memory(memory);
        return m.limits().is64() ? I64 : I32;
    }

    private void loadStore(Instruction.MemAccess m) throws InvalidModuleException {
        int o = m.op().ordinal();
        NumType a = address(m.memory(), m.alignLog2(), WIDTH_LOG2[o], m.offset());
        if (STORE[o]) {
            v.popExpect(VALUE[o]);
            v.popExpect(a);
        } else {
            v.popExpect(a);
            v.push(VALUE[o]);
        }
    }
}
