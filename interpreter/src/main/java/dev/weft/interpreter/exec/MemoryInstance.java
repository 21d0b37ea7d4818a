package dev.weft.interpreter.exec;

import dev.weft.interpreter.Memory;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory backed by a {@code byte[]}, accessed with little-endian VarHandles after an
 * explicit bounds check on the effective address computed as a {@code long}.
 *
 * <p>Implementation limit: a Java array holds less than 2 GiB, so a memory (32- or 64-bit) can
 * have at most {@link #MAX_PAGES} pages (2 GiB - 64 KiB); {@code memory.grow} beyond it returns
 * -1, as the spec allows. A MemorySegment-backed pooled memory can replace this class later:
 * the interpreter uses only the load/store/size methods below.
 */
public final class MemoryInstance implements Memory {
    /** The largest number of pages a byte[]-backed memory can hold. */
    public static final long MAX_PAGES = 32767;
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final VarHandle I16 = view(short[].class);
    private static final VarHandle I32 = view(int[].class);
    private static final VarHandle I64 = view(long[].class);

    private final boolean is64;
    /** The declared limits (the minimum is the initial size). */
    private final Limits declared;
    private final long maxPages;
    /**
     * The backing array; its length is the capacity, which may exceed {@link #size} so that
     * growing page by page does not copy the whole memory each time. Bytes at and above
     * {@code size} are never written (every access is checked against {@code size}), so they
     * are still zero when a grow makes them part of the memory.
     */
    byte[] bytes;
    /** The memory's size in bytes (a multiple of the page size). */
    int size;

    private MemoryInstance(Limits declared, long maxPages) {
        this.size = Math.toIntExact(declared.min() * PAGE_SIZE);
        this.bytes = new byte[size];
        this.declared = declared;
        this.maxPages = maxPages;
        this.is64 = declared.is64();
    }

    private static VarHandle view(Class<?> arrayType) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A zero-filled memory of the type's minimum size.
     *
     * @throws Trap "resource exhausted" when the minimum exceeds {@link #MAX_PAGES} or the heap
     */
    public static MemoryInstance create(MemoryType type) {
        return create(type, -1);
    }

    /**
     * {@link #create(MemoryType)} for an instance that may use at most {@code limitPages} pages
     * per memory (negative: no limit): growing past it returns -1.
     *
     * @throws Trap "resource exhausted" also when the minimum exceeds {@code limitPages}
     */
    public static MemoryInstance create(MemoryType type, long limitPages) {
        Limits l = type.limits();
        if (Limits.above(l.min(), MAX_PAGES)) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + Long.toUnsignedString(l.min()) + " pages");
        }
        if (limitPages >= 0 && Limits.above(l.min(), limitPages)) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + Long.toUnsignedString(l.min())
                    + " pages exceeds the instance's limit of " + limitPages + " pages");
        }
        long specMax = l.is64() ? 1L << 48 : 65536;
        long max = l.hasMax() && !Limits.above(l.max(), specMax) ? l.max() : specMax;
        try {
            return new MemoryInstance(l, limitPages >= 0 ? Math.min(max, limitPages) : max);
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + l.min() + " pages");
        }
    }

    /** True for a memory64 memory (i64 addresses). */
    public boolean is64() {
        return is64;
    }

    /** The size in bytes. */
    public int byteSize() {
        return size;
    }

    @Override
    public MemoryType type() {
        return new MemoryType(new Limits(pages(), declared.max(), is64, declared.shared(), declared.hasMax()));
    }

    /** The declared maximum in pages (the spec's bound when none was declared), or the instance's limit if lower. */
    long maxPages() {
        return maxPages;
    }

    @Override
    public long pages() {
        return size / PAGE_SIZE;
    }

    @Override
    public long grow(long delta) {
        long old = pages();
        if (delta < 0 || delta > maxPages - old || old + delta > MAX_PAGES) {
            return -1;
        }
        if (delta > 0) {
            int newSize = (int) ((old + delta) * PAGE_SIZE);
            if (newSize > bytes.length && !reserve(newSize)) {
                return -1;
            }
            size = newSize;
        }
        return old;
    }

    /** Drops the contents ({@link ModuleInstance#close}): the memory is then empty, 0 pages. */
    void release() {
        bytes = new byte[0];
        size = 0;
    }

    /**
     * Makes the capacity at least {@code needed} bytes, growing it geometrically (doubling, up
     * to the declared maximum and the implementation cap) so that a program growing its memory
     * a page at a time costs amortised O(1) copying per page; false if the heap cannot hold it.
     */
    private boolean reserve(int needed) {
        long cap = Math.min(Math.min(maxPages, MAX_PAGES) * PAGE_SIZE, 2L * bytes.length);
        int capacity = (int) Math.max(needed, cap);
        try {
            bytes = Arrays.copyOf(bytes, capacity);
            return true;
        } catch (OutOfMemoryError e) {
            try {
                bytes = Arrays.copyOf(bytes, needed);
                return true;
            } catch (OutOfMemoryError again) {
                return false;
            }
        }
    }

    // ---- bounds checks -------------------------------------------------------------------

    /** The effective address of a 32-bit access of {@code n} bytes, or a trap. */
    int ea32(int addr, int offset, int n) {
        long ea = (addr & MASK32) + (offset & MASK32);
        if (ea > size - n) {
            throw oob();
        }
        return (int) ea;
    }

    /** The effective address for an unsigned address and offset of any width, or a trap. */
    int ea(long addr, long offset, long n) {
        if (addr < 0 || offset < 0 || offset > Long.MAX_VALUE - addr) {
            throw oob();
        }
        long ea = addr + offset;
        if (ea > size - n) {
            throw oob();
        }
        return (int) ea;
    }

    /** Checks that {@code [addr, addr + len)} is inside the memory; returns addr as an int. */
    int range(long addr, long len) {
        if (addr < 0 || len < 0 || addr > size - len) {
            throw oob();
        }
        return (int) addr;
    }

    static Trap oob() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    // ---- hot accessors (32-bit address + offset) -------------------------------------------

    int loadI32(int addr, int offset) {
        return (int) I32.get(bytes, ea32(addr, offset, 4));
    }

    long loadI64(int addr, int offset) {
        return (long) I64.get(bytes, ea32(addr, offset, 8));
    }

    int load8(int addr, int offset) {
        return bytes[ea32(addr, offset, 1)];
    }

    int load16(int addr, int offset) {
        return (short) I16.get(bytes, ea32(addr, offset, 2));
    }

    void storeI32(int addr, int offset, int v) {
        I32.set(bytes, ea32(addr, offset, 4), v);
    }

    void storeI64(int addr, int offset, long v) {
        I64.set(bytes, ea32(addr, offset, 8), v);
    }

    void store8(int addr, int offset, int v) {
        bytes[ea32(addr, offset, 1)] = (byte) v;
    }

    void store16(int addr, int offset, int v) {
        I16.set(bytes, ea32(addr, offset, 2), (short) v);
    }

    // ---- accessors at a checked effective address ----------------------------------------

    int getI32(int ea) {
        return (int) I32.get(bytes, ea);
    }

    long getI64(int ea) {
        return (long) I64.get(bytes, ea);
    }

    int getI16(int ea) {
        return (short) I16.get(bytes, ea);
    }

    void putI16(int ea, int v) {
        I16.set(bytes, ea, (short) v);
    }

    // ---- embedder API ----------------------------------------------------------------------

    @Override
    public java.lang.foreign.MemorySegment segment() {
        return java.lang.foreign.MemorySegment.ofArray(bytes).asSlice(0, size);
    }

    @Override
    public byte[] read(long address, int length) {
        int a = range(address, length);
        return Arrays.copyOfRange(bytes, a, a + length);
    }

    @Override
    public void write(long address, byte[] data) {
        java.util.Objects.requireNonNull(data, "data");
        System.arraycopy(data, 0, bytes, range(address, data.length), data.length);
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        System.arraycopy(bytes, range(address, length), dst, offset, length);
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        System.arraycopy(src, offset, bytes, range(address, length), length);
    }

    @Override
    public int readInt(long address) {
        return getI32(range(address, 4));
    }

    @Override
    public void writeInt(long address, int value) {
        I32.set(bytes, range(address, 4), value);
    }

    @Override
    public long readLong(long address) {
        return getI64(range(address, 8));
    }

    @Override
    public void writeLong(long address, long value) {
        I64.set(bytes, range(address, 8), value);
    }

    // ---- bulk operations -------------------------------------------------------------------

    void fill(long dst, int value, long len) {
        int d = range(dst, len);
        Arrays.fill(bytes, d, d + (int) len, (byte) value);
    }

    static void copy(MemoryInstance dstMem, long dst, MemoryInstance srcMem, long src, long len) {
        int s = srcMem.range(src, len);
        int d = dstMem.range(dst, len);
        System.arraycopy(srcMem.bytes, s, dstMem.bytes, d, (int) len);
    }

    void init(long dst, byte[] data, long src, long len) {
        if (src < 0 || len < 0 || src > data.length - len) {
            throw oob();
        }
        System.arraycopy(data, (int) src, bytes, range(dst, len), (int) len);
    }
}
