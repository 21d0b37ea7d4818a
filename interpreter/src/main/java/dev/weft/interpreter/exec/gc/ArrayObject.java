package dev.weft.interpreter.exec.gc;

import dev.weft.interpreter.code.GcLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An array: its elements in a Java array of the element's width ({@code byte[]} for i8,
 * {@code short[]} for i16, {@code int[]} for i32/f32 bits, {@code long[]} for i64/f64 bits,
 * {@code Object[]} for references, a {@code long[]} of low/high pairs for v128), one subclass per
 * width. Indices are checked by the caller
 * ({@code exec.GcOps}); the methods here only move values. Numeric reads return the value as an
 * operand slot holds it: packed elements sign-extended ({@link #get}) or zero-extended
 * ({@link #getU}).
 */
public abstract sealed class ArrayObject extends GcObject {
    ArrayObject(int typeId) {
        super(typeId);
    }

    /** A new array of {@code n} zero (or null) elements of storage kind {@code kind} ({@link GcLayout}). */
    public static ArrayObject create(int typeId, int kind, int n) {
        return switch (kind) {
            case GcLayout.I8 -> new I8(typeId, new byte[n]);
            case GcLayout.I16 -> new I16(typeId, new short[n]);
            case GcLayout.I32 -> new I32(typeId, new int[n]);
            case GcLayout.I64 -> new I64(typeId, new long[n]);
            case GcLayout.REF -> new Refs(typeId, new Object[n]);
            case GcLayout.V128 -> new Vectors(typeId, new long[2 * n]);
            default -> throw new IllegalStateException("internal: array of storage kind " + kind);
        };
    }

    /** The number of elements. */
    public abstract int length();

    /** The element's storage kind ({@link GcLayout}). */
    public abstract int kind();

    /** Element {@code i} as a slot (packed: sign-extended). */
    public long get(int i) {
        throw new IllegalStateException("internal: numeric access to a reference array");
    }

    /** Element {@code i} zero-extended (the same as {@link #get} unless packed). */
    public long getU(int i) {
        return get(i);
    }

    public void set(int i, long v) {
        throw new IllegalStateException("internal: numeric access to a reference array");
    }

    public Object getRef(int i) {
        throw new IllegalStateException("internal: reference access to a numeric array");
    }

    public void setRef(int i, Object r) {
        throw new IllegalStateException("internal: reference access to a numeric array");
    }

    /** Sets elements {@code [off, off + n)} to the number {@code v} or the reference {@code r} (not for v128). */
    public abstract void fill(int off, long v, Object r, int n);

    /** Copies {@code src[srcOff, srcOff + n)} (an array of the same class) to {@code [dst, dst + n)}; overlap is fine. */
    public abstract void copy(int dst, ArrayObject src, int srcOff, int n);

    /** Reads {@code n} elements, little-endian, from {@code data} at byte {@code dataOff} into {@code [off, off + n)}. */
    public void loadData(int off, byte[] data, int dataOff, int n) {
        throw new IllegalStateException("internal: data segment into a reference array");
    }

    /** Copies {@code items[from, from + n)} into {@code [off, off + n)}. */
    public void loadRefs(int off, Object[] items, int from, int n) {
        throw new IllegalStateException("internal: element segment into a numeric array");
    }

    private static ByteBuffer littleEndian(byte[] data, int off, int len) {
        return ByteBuffer.wrap(data, off, len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "array[" + length() + "]";
    }

    /** An array of i8. */
    static final class I8 extends ArrayObject {
        final byte[] a;

        @Override public int kind() { return GcLayout.I8; }

        I8(int typeId, byte[] a) {
            super(typeId);
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public long get(int i) { return a[i]; }
        @Override public long getU(int i) { return a[i] & 0xFF; }
        @Override public void set(int i, long v) { a[i] = (byte) v; }
        @Override public void fill(int off, long v, Object r, int n) { Arrays.fill(a, off, off + n, (byte) v); }
        @Override public void copy(int dst, ArrayObject src, int srcOff, int n) { System.arraycopy(((I8) src).a, srcOff, a, dst, n); }
        @Override public void loadData(int off, byte[] data, int dataOff, int n) { System.arraycopy(data, dataOff, a, off, n); }
    }

    /** An array of i16. */
    static final class I16 extends ArrayObject {
        final short[] a;

        @Override public int kind() { return GcLayout.I16; }

        I16(int typeId, short[] a) {
            super(typeId);
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public long get(int i) { return a[i]; }
        @Override public long getU(int i) { return a[i] & 0xFFFF; }
        @Override public void set(int i, long v) { a[i] = (short) v; }
        @Override public void fill(int off, long v, Object r, int n) { Arrays.fill(a, off, off + n, (short) v); }
        @Override public void copy(int dst, ArrayObject src, int srcOff, int n) { System.arraycopy(((I16) src).a, srcOff, a, dst, n); }
        @Override public void loadData(int off, byte[] data, int dataOff, int n) {
            littleEndian(data, dataOff, 2 * n).asShortBuffer().get(a, off, n);
        }
    }

    /** An array of i32 or f32 (its bits). */
    static final class I32 extends ArrayObject {
        final int[] a;

        @Override public int kind() { return GcLayout.I32; }

        I32(int typeId, int[] a) {
            super(typeId);
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public long get(int i) { return a[i]; }
        @Override public void set(int i, long v) { a[i] = (int) v; }
        @Override public void fill(int off, long v, Object r, int n) { Arrays.fill(a, off, off + n, (int) v); }
        @Override public void copy(int dst, ArrayObject src, int srcOff, int n) { System.arraycopy(((I32) src).a, srcOff, a, dst, n); }
        @Override public void loadData(int off, byte[] data, int dataOff, int n) {
            littleEndian(data, dataOff, 4 * n).asIntBuffer().get(a, off, n);
        }
    }

    /** An array of i64 or f64 (its bits). */
    static final class I64 extends ArrayObject {
        final long[] a;

        @Override public int kind() { return GcLayout.I64; }

        I64(int typeId, long[] a) {
            super(typeId);
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public long get(int i) { return a[i]; }
        @Override public void set(int i, long v) { a[i] = v; }
        @Override public void fill(int off, long v, Object r, int n) { Arrays.fill(a, off, off + n, v); }
        @Override public void copy(int dst, ArrayObject src, int srcOff, int n) { System.arraycopy(((I64) src).a, srcOff, a, dst, n); }
        @Override public void loadData(int off, byte[] data, int dataOff, int n) {
            littleEndian(data, dataOff, 8 * n).asLongBuffer().get(a, off, n);
        }
    }

    /** An array of references. */
    static final class Refs extends ArrayObject {
        final Object[] a;

        @Override public int kind() { return GcLayout.REF; }

        Refs(int typeId, Object[] a) {
            super(typeId);
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public Object getRef(int i) { return a[i]; }
        @Override public void setRef(int i, Object r) { a[i] = r; }
        @Override public void fill(int off, long v, Object r, int n) { Arrays.fill(a, off, off + n, r); }
        @Override public void copy(int dst, ArrayObject src, int srcOff, int n) { System.arraycopy(((Refs) src).a, srcOff, a, dst, n); }
        @Override public void loadRefs(int off, Object[] items, int from, int n) { System.arraycopy(items, from, a, off, n); }
    }

    /**
     * An array of v128: element {@code i}'s low 64 bits at {@code a[2i]}, its high 64 bits at
     * {@code a[2i + 1]}, as two operand slots hold it (so a data segment's 16 little-endian
     * bytes per element are two little-endian longs, low first).
     */
    public static final class Vectors extends ArrayObject {
        final long[] a;

        @Override public int kind() { return GcLayout.V128; }

        Vectors(int typeId, long[] a) {
            super(typeId);
            this.a = a;
        }

        @Override public int length() { return a.length >> 1; }

        public long lo(int i) { return a[2 * i]; }

        public long hi(int i) { return a[2 * i + 1]; }

        public void set(int i, long lo, long hi) {
            a[2 * i] = lo;
            a[2 * i + 1] = hi;
        }

        /** Sets elements {@code [off, off + n)} to the v128 {@code (lo, hi)}. */
        public void fill(int off, long lo, long hi, int n) {
            for (int i = off; i < off + n; i++) {
                set(i, lo, hi);
            }
        }

        @Override public void fill(int off, long v, Object r, int n) {
            throw new IllegalStateException("internal: scalar fill of a v128 array");
        }

        @Override public void copy(int dst, ArrayObject src, int srcOff, int n) {
            System.arraycopy(((Vectors) src).a, 2 * srcOff, a, 2 * dst, 2 * n);
        }

        @Override public void loadData(int off, byte[] data, int dataOff, int n) {
            littleEndian(data, dataOff, 16 * n).asLongBuffer().get(a, 2 * off, 2 * n);
        }
    }
}
