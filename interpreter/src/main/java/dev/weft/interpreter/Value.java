package dev.weft.interpreter;

import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;

/**
 * A Wasm value as seen by the embedder: its type, its bits (numbers) or its reference.
 *
 * <p>Bits are normalised so that equal values are equal records: i32 is sign-extended, f32 is
 * the raw IEEE bit pattern zero-extended, i64 and f64 use all 64 bits. References: an externref
 * is any non-null Java object supplied by the host, a funcref is a {@link WasmFunction}, and the
 * null reference of any type is Java {@code null}. A v128 keeps its low 64 bits (lanes 0..7 as
 * bytes, little-endian) in {@code bits} and its high 64 bits as a {@link Long} in {@code ref}; on
 * the operand stack it takes two slots, low then high.
 *
 * @param type the value type
 * @param bits the bits of a number (0 for references)
 * @param ref  the referenced object of a reference value, or null
 */
public record Value(ValType type, long bits, Object ref) {

    /** An i32. */
    public static Value i32(int v) {
        return new Value(NumType.I32, v, null);
    }

    /** An i64. */
    public static Value i64(long v) {
        return new Value(NumType.I64, v, null);
    }

    /** An f32 (the bit pattern of {@code v}, payloads preserved). */
    public static Value f32(float v) {
        return f32Bits(Float.floatToRawIntBits(v));
    }

    /** An f32 given by its raw bits. */
    public static Value f32Bits(int bits) {
        return new Value(NumType.F32, bits & 0xFFFF_FFFFL, null);
    }

    /** An f64. */
    public static Value f64(double v) {
        return f64Bits(Double.doubleToRawLongBits(v));
    }

    /** An f64 given by its raw bits. */
    public static Value f64Bits(long bits) {
        return new Value(NumType.F64, bits, null);
    }

    /** A v128 given by its low and high 64 bits (byte 0 is the low byte of {@code low}). */
    public static Value v128(long low, long high) {
        return new Value(NumType.V128, low, high);
    }

    /** The high 64 bits of a v128. */
    public long v128High() {
        return (Long) ref;
    }

    /** The value of type {@code type} in the operand slots starting at {@code slot} (v128: two). */
    public static Value fromSlots(ValType type, long[] slots, Object[] refs, int slot) {
        return type == NumType.V128 ? v128(slots[slot], slots[slot + 1]) : fromSlot(type, slots[slot], refs[slot]);
    }

    /** Stores this value in the operand slots starting at {@code slot} (v128: two). */
    public void toSlots(long[] slots, Object[] refs, int slot) {
        if (type == NumType.V128) {
            slots[slot] = bits;
            slots[slot + 1] = v128High();
            refs[slot] = null;
            refs[slot + 1] = null;
        } else {
            slots[slot] = bits;
            refs[slot] = ref;
        }
    }

    /** A reference value ({@code ref} null for the null reference). */
    public static Value ref(RefType type, Object ref) {
        return new Value(type, 0, ref);
    }

    /** An externref holding a host object (or null). */
    public static Value externRef(Object ref) {
        return ref(RefType.EXTERNREF, ref);
    }

    /** A funcref (or the null funcref). */
    public static Value funcRef(WasmFunction f) {
        return ref(RefType.FUNCREF, f);
    }

    /**
     * The value of type {@code type} stored as {@code bits}/{@code ref} in an operand slot,
     * normalised as described above. Used by the runtime when values leave Wasm.
     */
    public static Value fromSlot(ValType type, long bits, Object ref) {
        if (type instanceof RefType rt) {
            return ref(rt, ref);
        }
        return switch ((NumType) type) {
            case I32 -> i32((int) bits);
            case F32 -> f32Bits((int) bits);
            case I64, F64 -> new Value(type, bits, null);
            case V128 -> v128(bits, ref instanceof Long hi ? hi : 0L);
        };
    }

    /** The default (zero or null) value of a type. */
    public static Value zero(ValType type) {
        return fromSlot(type, 0, null);
    }

    public int asInt() {
        return (int) bits;
    }

    public long asLong() {
        return bits;
    }

    public float asFloat() {
        return Float.intBitsToFloat((int) bits);
    }

    public double asDouble() {
        return Double.longBitsToDouble(bits);
    }

    @Override
    public String toString() {
        if (type instanceof RefType) {
            return "ref(" + ref + ")";
        }
        return switch ((NumType) type) {
            case I32 -> asInt() + " : i32";
            case I64 -> bits + " : i64";
            case F32 -> asFloat() + " : f32";
            case F64 -> asDouble() + " : f64";
            case V128 -> String.format("v128 0x%016x%016x", v128High(), bits);
        };
    }
}
