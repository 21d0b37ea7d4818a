package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.exec.memory.MemoryInstance;

/** The SIMD loads and stores: whole v128, extending, splat, zero-filling and single-lane forms. */
final class VectorMemory {
    private VectorMemory() {}

    /** Whether {@code op} is a SIMD memory access. */
    static boolean handles(Op op) {
        return op.code() <= 0xFD0B || (op.code() >= 0xFD54 && op.code() <= 0xFD5D);
    }

    /** The little-endian {@code n}-byte value at {@code ea}, zero-extended. */
    private static long read(MemoryInstance m, long ea, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (m.getI8(ea + i) & 0xFF);
        }
        return v;
    }

    private static void write(MemoryInstance m, long ea, int n, long v) {
        for (int i = 0; i < n; i++) {
            m.putI8(ea + i, (int) (v >>> (8 * i)));
        }
    }

    private static long ea(MemoryInstance m, long rawAddress, long offset, int n) {
        return m.ea(m.is64() ? rawAddress : rawAddress & 0xFFFF_FFFFL, offset, n);
    }

    /** Runs memory access {@code op} on memory {@code m}; returns the new sp. */
    static int run(Op op, long[] s, int sp, MemoryInstance m, long offset, int lane) {
        return switch (op) {
            case V128_LOAD -> {
                long ea = ea(m, s[sp - 1], offset, 16);
                s[sp - 1] = read(m, ea, 8);
                s[sp] = read(m, ea + 8, 8);
                yield sp + 1;
            }
            case V128_LOAD8X8_S -> extending(s, sp, m, offset, 8, true);
            case V128_LOAD8X8_U -> extending(s, sp, m, offset, 8, false);
            case V128_LOAD16X4_S -> extending(s, sp, m, offset, 16, true);
            case V128_LOAD16X4_U -> extending(s, sp, m, offset, 16, false);
            case V128_LOAD32X2_S -> extending(s, sp, m, offset, 32, true);
            case V128_LOAD32X2_U -> extending(s, sp, m, offset, 32, false);
            case V128_LOAD8_SPLAT -> splat(s, sp, m, offset, 8);
            case V128_LOAD16_SPLAT -> splat(s, sp, m, offset, 16);
            case V128_LOAD32_SPLAT -> splat(s, sp, m, offset, 32);
            case V128_LOAD64_SPLAT -> splat(s, sp, m, offset, 64);
            case V128_LOAD32_ZERO, V128_LOAD64_ZERO -> {
                int n = op == Op.V128_LOAD32_ZERO ? 4 : 8;
                s[sp - 1] = read(m, ea(m, s[sp - 1], offset, n), n);
                s[sp] = 0;
                yield sp + 1;
            }
            case V128_STORE -> {
                long ea = ea(m, s[sp - 3], offset, 16);
                write(m, ea, 8, s[sp - 2]);
                write(m, ea + 8, 8, s[sp - 1]);
                yield sp - 3;
            }
            case V128_LOAD8_LANE -> loadLane(s, sp, m, offset, 8, lane);
            case V128_LOAD16_LANE -> loadLane(s, sp, m, offset, 16, lane);
            case V128_LOAD32_LANE -> loadLane(s, sp, m, offset, 32, lane);
            case V128_LOAD64_LANE -> loadLane(s, sp, m, offset, 64, lane);
            case V128_STORE8_LANE -> storeLane(s, sp, m, offset, 8, lane);
            case V128_STORE16_LANE -> storeLane(s, sp, m, offset, 16, lane);
            case V128_STORE32_LANE -> storeLane(s, sp, m, offset, 32, lane);
            case V128_STORE64_LANE -> storeLane(s, sp, m, offset, 64, lane);
            default -> throw new IllegalStateException("internal: not a SIMD memory access: " + op);
        };
    }

    /** Loads 64 bits as lanes of {@code bits} and widens each to twice that. */
    private static int extending(long[] s, int sp, MemoryInstance m, long offset, int bits, boolean signed) {
        long raw = read(m, ea(m, s[sp - 1], offset, 8), 8);
        long[] x = VectorLanes.split(raw, 0, bits, signed);
        long[] r = new long[64 / bits];
        System.arraycopy(x, 0, r, 0, r.length);
        VectorLanes.join(r, 2 * bits, s, sp - 1);
        return sp + 1;
    }

    private static int splat(long[] s, int sp, MemoryInstance m, long offset, int bits) {
        long v = read(m, ea(m, s[sp - 1], offset, bits / 8), bits / 8);
        long[] r = new long[128 / bits];
        java.util.Arrays.fill(r, v);
        VectorLanes.join(r, bits, s, sp - 1);
        return sp + 1;
    }

    private static int loadLane(long[] s, int sp, MemoryInstance m, long offset, int bits, int lane) {
        long v = read(m, ea(m, s[sp - 3], offset, bits / 8), bits / 8);
        long[] r = VectorLanes.split(s[sp - 2], s[sp - 1], bits, false);
        r[lane] = v;
        VectorLanes.join(r, bits, s, sp - 3);
        return sp - 1;
    }

    private static int storeLane(long[] s, int sp, MemoryInstance m, long offset, int bits, int lane) {
        long ea = ea(m, s[sp - 3], offset, bits / 8);
        write(m, ea, bits / 8, VectorLanes.get(s[sp - 2], s[sp - 1], bits, lane, false));
        return sp - 3;
    }
}
