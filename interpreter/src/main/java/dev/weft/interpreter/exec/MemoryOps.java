package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.exec.memory.MemoryInstance;

/**
 * Memory instructions that are not on the hot path: accesses to other memories than 0, to
 * 64-bit memories or with offsets of 2^32 and more ({@link Opcodes#MEM_EXT}), and the size,
 * grow and bulk operations. Addresses of 32-bit memories are zero-extended.
 */
final class MemoryOps {
    static final byte[] EMPTY = new byte[0];
    private static final Op[] OPS = Op.values();
    private static final long MASK32 = 0xFFFF_FFFFL;

    private MemoryOps() {}

    private static long address(MemoryInstance m, long raw) {
        return m.is64() ? raw : raw & MASK32;
    }

    /** Executes a MEM_EXT access whose immediates start at {@code code[pc]}; returns the new sp. */
    static int access(long[] s, int sp, int[] code, int pc, ModuleInstance inst) {
        Op op = OPS[code[pc]];
        MemoryInstance m = inst.memories[code[pc + 1]];
        long offset = ((long) code[pc + 2] << 32) | (code[pc + 3] & MASK32);
        return switch (op) {
            case I32_LOAD, F32_LOAD, I64_LOAD32_S -> load(s, sp, m.getI32(ea(s, sp - 1, m, offset, 4)));
            case I64_LOAD, F64_LOAD -> load(s, sp, m.getI64(ea(s, sp - 1, m, offset, 8)));
            case I32_LOAD8_S, I64_LOAD8_S -> load(s, sp, m.getI8(ea(s, sp - 1, m, offset, 1)));
            case I32_LOAD8_U, I64_LOAD8_U -> load(s, sp, m.getI8(ea(s, sp - 1, m, offset, 1)) & 0xFF);
            case I32_LOAD16_S, I64_LOAD16_S -> load(s, sp, m.getI16(ea(s, sp - 1, m, offset, 2)));
            case I32_LOAD16_U, I64_LOAD16_U -> load(s, sp, m.getI16(ea(s, sp - 1, m, offset, 2)) & 0xFFFF);
            case I64_LOAD32_U -> load(s, sp, m.getI32(ea(s, sp - 1, m, offset, 4)) & MASK32);
            default -> store(op, s, sp, m, ea(s, sp - 2, m, offset, storeSize(op)));
        };
    }

    private static long ea(long[] s, int addrSlot, MemoryInstance m, long offset, int n) {
        return m.ea(address(m, s[addrSlot]), offset, n);
    }

    private static int load(long[] s, int sp, long value) {
        s[sp - 1] = value;
        return sp;
    }

    private static int storeSize(Op op) {
        return switch (op) {
            case I32_STORE8, I64_STORE8 -> 1;
            case I32_STORE16, I64_STORE16 -> 2;
            case I32_STORE, F32_STORE, I64_STORE32 -> 4;
            default -> 8;
        };
    }

    private static int store(Op op, long[] s, int sp, MemoryInstance m, long ea) {
        long v = s[sp - 1];
        switch (storeSize(op)) {
            case 1 -> m.putI8(ea, (int) v);
            case 2 -> m.putI16(ea, (int) v);
            case 4 -> m.putI32(ea, (int) v);
            default -> m.putI64(ea, v);
        }
        return sp - 2;
    }

    static long grow(MemoryInstance m, long rawDelta) {
        return m.grow(address(m, rawDelta));
    }

    static int fill(long[] s, int sp, MemoryInstance m) {
        m.fill(address(m, s[sp - 3]), (int) s[sp - 2], address(m, s[sp - 1]));
        return sp - 3;
    }

    static int copy(long[] s, int sp, ModuleInstance inst, int dstIndex, int srcIndex) {
        MemoryInstance dst = inst.memories[dstIndex];
        MemoryInstance src = inst.memories[srcIndex];
        long n = dst.is64() && src.is64() ? s[sp - 1] : s[sp - 1] & MASK32;
        MemoryInstance.copy(dst, address(dst, s[sp - 3]), src, address(src, s[sp - 2]), n);
        return sp - 3;
    }

    static int init(long[] s, int sp, ModuleInstance inst, int dataIndex, int memoryIndex) {
        MemoryInstance m = inst.memories[memoryIndex];
        m.init(address(m, s[sp - 3]), inst.data[dataIndex], s[sp - 2] & MASK32, s[sp - 1] & MASK32);
        return sp - 3;
    }
}
