package dev.weft.interpreter.exec.memory;

import dev.weft.interpreter.Memory;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.stackpool.MemoryPool;
import dev.weft.stackpool.MemorySlot;
import dev.weft.stackpool.PoolExhaustedException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory in one of two representations, chosen when it is created (system property
 * {@code weft.memory}: {@code heap}, the default, or {@code mapped}):
 *
 * <ul>
 *   <li><b>heap</b>: a {@code byte[]} accessed with little-endian VarHandles. A Java array holds
 *       less than 2 GiB, so such a memory (32- or 64-bit) has at most {@link #MAX_PAGES} pages
 *       (2 GiB - 64 KiB); {@code memory.grow} beyond it returns -1, as the spec allows.
 *   <li><b>mapped</b>: a slot of a {@code stackpool} {@link dev.weft.stackpool.MemoryPool} (see
 *       {@link MappedMemories}): the memory's maximum (4 GiB for wasm32 without one, up to
 *       {@link #RESERVE64} for memory64) is reserved up front, pages are committed on grow and
 *       read through a native {@link MemorySegment}. A wasm32 memory reaches 65,536 pages.
 * </ul>
 *
 * <p>Both check every access explicitly against the size, computed as a {@code long}, and trap
 * the same way. The accessors test a final mode flag rather than dispatch through an interface,
 * so the interpreter's and compiled code's call sites stay monomorphic and inlinable.
 */
public final class MemoryInstance implements Memory {
    /** The largest number of pages a heap (byte[]-backed) memory can hold. */
    public static final long MAX_PAGES = 32767;
    /** Address space reserved for a memory64 memory without a smaller maximum (16 GiB). */
    public static final long RESERVE64 = 16L << 30;
    /** True when new memories are mapped ({@code -Dweft.memory=mapped}). */
    static final boolean MAPPED_DEFAULT = mode();
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final VarHandle I16 = view(short[].class);
    private static final VarHandle I32 = view(int[].class);
    private static final VarHandle I64 = view(long[].class);
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final boolean is64;
    /** The declared limits (the minimum is the initial size). */
    private final Limits declared;
    private final long maxPages;
    /** True for a mapped memory: {@link #seg} holds the bytes, {@link #bytes} is null. */
    final boolean mapped;
    /**
     * Heap mode: the backing array; its length is the capacity, which may exceed {@link #size}
     * so that growing page by page does not copy the whole memory each time. Bytes at and above
     * {@code size} are never written (every access is checked against {@code size}), so they
     * are still zero when a grow makes them part of the memory.
     */
    byte[] bytes;
    /** Mapped mode: the committed part of the slot, {@link #size} bytes. */
    MemorySegment seg;
    /** The memory's size in bytes (a multiple of the page size). */
    long size;
    /** Mapped mode: the pool slot, and the action that returns it (on close, or by the Cleaner). */
    private MemorySlot slot;
    private Cleaner.Cleanable giveBack;
    /** Heap mode, made by {@link #onArray}: where the array goes on release; else null. */
    private ArrayRecycler recycle;

    /** A memory of the declared minimum without storage yet: the factories below give it some. */
    private MemoryInstance(Limits declared, long maxPages, boolean mapped) {
        this.size = declared.min() * PAGE_SIZE;
        this.declared = declared;
        this.maxPages = maxPages;
        this.is64 = declared.is64();
        this.mapped = mapped;
    }

    /**
     * Gives this memory storage of its own: a new array, or a slot of the process-wide pools that
     * goes back when the memory is released or found unreachable.
     */
    private void allocate() {
        if (mapped) {
            MemoryPool pool = MappedMemories.poolFor(reservation(declared, maxPages));
            MemorySlot s = MappedMemories.acquire(pool, size);
            slot = s;
            seg = s.segment();
            giveBack = MappedMemories.track(this, () -> pool.release(s));
        } else {
            bytes = new byte[Math.toIntExact(size)];
        }
    }

    /** The address space a mapped memory reserves: its maximum (capped as the class comment says), rounded up. */
    private static long reservation(Limits declared, long maxPages) {
        long capPages = (declared.is64() ? RESERVE64 : 1L << 32) / PAGE_SIZE;
        return MappedMemories.reservation(Math.max(declared.min(), Math.min(maxPages, capPages)) * PAGE_SIZE);
    }

    /**
     * The bytes a mapped memory of {@code type} reserves in an instance limited to
     * {@code limitPages} per memory (negative: no limit): the slot size of a pool made for it.
     */
    public static long reservation(MemoryType type, long limitPages) {
        return reservation(type.limits(), checkedMax(type.limits(), limitPages, true));
    }

    /** True when new memories are mapped unless asked otherwise ({@code -Dweft.memory=mapped}). */
    public static boolean mappedByDefault() {
        return MAPPED_DEFAULT;
    }

    private static boolean mode() {
        String m = System.getProperty("weft.memory", "heap");
        return switch (m) {
            case "heap" -> false;
            case "mapped" -> true;
            default -> throw new IllegalArgumentException("weft.memory must be heap or mapped, not " + m);
        };
    }

    private static VarHandle view(Class<?> arrayType) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A zero-filled memory of the type's minimum size.
     *
     * @throws Trap "resource exhausted" when the minimum exceeds the representation's cap or
     *              the heap or address space cannot hold it
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
        return create(type, limitPages, MAPPED_DEFAULT);
    }

    /** {@link #create(MemoryType, long)} in the given representation ({@code mapped} or heap). */
    public static MemoryInstance create(MemoryType type, long limitPages, boolean mapped) {
        Limits l = type.limits();
        MemoryInstance m = new MemoryInstance(l, checkedMax(l, limitPages, mapped), mapped);
        try {
            m.allocate();
        } catch (OutOfMemoryError | PoolExhaustedException | IllegalArgumentException e) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + l.min() + " pages: " + e.getMessage());
        }
        return m;
    }

    /**
     * {@link #create(MemoryType, long, boolean)}, mapped, in {@code slot}: a slot of a pool of the
     * caller's (an {@code InstancePool}'s, of {@link #reservation(MemoryType, long)} bytes) that
     * holds the type's minimum, zeroed. {@code giveBack} runs once, when the memory is released
     * or found unreachable, and gets the slot back to its owner.
     */
    public static MemoryInstance inSlot(MemoryType type, long limitPages, MemorySlot slot, Runnable giveBack) {
        Limits l = type.limits();
        MemoryInstance m = new MemoryInstance(l, checkedMax(l, limitPages, true), true);
        if (slot.byteSize() != m.size) {
            throw new IllegalArgumentException("a slot of " + slot.byteSize() + " bytes is not a memory of " + l.min()
                    + " pages");
        }
        m.slot = slot;
        m.seg = slot.segment();
        m.giveBack = MappedMemories.track(m, giveBack);
        return m;
    }

    /**
     * {@link #create(MemoryType, long, boolean)} on the heap, on {@code zeroed}: an array of at
     * least the type's minimum size that reads as zero throughout (null: a new one). On release
     * {@code recycle} gets the array then backing the memory (a larger one if the memory grew)
     * and how many bytes of it may have been written: the rest is still zero.
     */
    public static MemoryInstance onArray(MemoryType type, long limitPages, byte[] zeroed, ArrayRecycler recycle) {
        MemoryInstance m = zeroed == null ? create(type, limitPages, false)
                : new MemoryInstance(type.limits(), checkedMax(type.limits(), limitPages, false), false);
        if (zeroed != null) {
            if (zeroed.length < m.size) {
                throw new IllegalArgumentException("an array of " + zeroed.length + " bytes cannot hold "
                        + type.limits().min() + " pages");
            }
            m.bytes = zeroed;
        }
        m.recycle = recycle;
        return m;
    }

    /** Where a heap memory made by {@link #onArray} leaves its array when it is released. */
    @FunctionalInterface
    public interface ArrayRecycler {
        /** Takes back {@code array}, of which bytes {@code [0, written)} may be non-zero. */
        void recycle(byte[] array, long written);
    }

    /** The memory's maximum in pages under {@code limitPages}, or a trap if its minimum does not fit. */
    private static long checkedMax(Limits l, long limitPages, boolean mapped) {
        long cap = mapped ? (l.is64() ? RESERVE64 : 1L << 32) / PAGE_SIZE : MAX_PAGES;
        if (Limits.above(l.min(), cap)) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + Long.toUnsignedString(l.min()) + " pages");
        }
        if (limitPages >= 0 && Limits.above(l.min(), limitPages)) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + Long.toUnsignedString(l.min())
                    + " pages exceeds the instance's limit of " + limitPages + " pages");
        }
        long specMax = l.is64() ? 1L << 48 : 65536;
        long max = l.hasMax() && !Limits.above(l.max(), specMax) ? l.max() : specMax;
        return limitPages >= 0 ? Math.min(max, limitPages) : max;
    }

    /** True for a memory64 memory (i64 addresses). */
    public boolean is64() {
        return is64;
    }

    /** True if the memory lives in a mapped slot rather than a {@code byte[]}. */
    public boolean isMapped() {
        return mapped;
    }

    /** The size in bytes. */
    public long byteSize() {
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
        if (delta < 0 || delta > maxPages - old) {
            return -1;
        }
        if (delta > 0) {
            long newSize = (old + delta) * PAGE_SIZE;
            if (mapped) {
                if (slot == null || newSize > slot.maxBytes()) {
                    return -1;
                }
                try {
                    seg = slot.grow(newSize);
                } catch (PoolExhaustedException e) {
                    return -1;
                }
            } else if (old + delta > MAX_PAGES || newSize > bytes.length && !reserve((int) newSize)) {
                return -1;
            }
            size = newSize;
        }
        return old;
    }

    /**
     * Drops the contents ({@link dev.weft.interpreter.exec.ModuleInstance#close}): the memory is then empty, 0 pages; a
     * mapped memory's slot goes back to its pool, reset to zeroes; the array of one made by
     * {@link #onArray} goes to its recycler. Releasing again does nothing more.
     */
    public void release() {
        long written = size;
        size = 0;
        if (mapped) {
            seg = MemorySegment.NULL;
            slot = null;
            if (giveBack != null) {
                Cleaner.Cleanable back = giveBack;
                giveBack = null;
                back.clean();
            }
        } else {
            byte[] old = bytes;
            bytes = new byte[0];
            if (recycle != null) {
                ArrayRecycler back = recycle;
                recycle = null;
                back.recycle(old, written);
            }
        }
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
    long ea32(int addr, int offset, int n) {
        long ea = (addr & MASK32) + (offset & MASK32);
        if (ea > size - n) {
            throw oob();
        }
        return ea;
    }

    /** The effective address for an unsigned address and offset of any width, or a trap. */
    public long ea(long addr, long offset, long n) {
        if (addr < 0 || offset < 0 || offset > Long.MAX_VALUE - addr) {
            throw oob();
        }
        long ea = addr + offset;
        if (ea > size - n) {
            throw oob();
        }
        return ea;
    }

    /** Checks that {@code [addr, addr + len)} is inside the memory; returns addr. */
    long range(long addr, long len) {
        if (addr < 0 || len < 0 || addr > size - len) {
            throw oob();
        }
        return addr;
    }

    static Trap oob() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    // ---- hot accessors (32-bit address + offset) -------------------------------------------

    public int loadI32(int addr, int offset) {
        return getI32(ea32(addr, offset, 4));
    }

    public long loadI64(int addr, int offset) {
        return getI64(ea32(addr, offset, 8));
    }

    public int load8(int addr, int offset) {
        return getI8(ea32(addr, offset, 1));
    }

    public int load16(int addr, int offset) {
        return getI16(ea32(addr, offset, 2));
    }

    public void storeI32(int addr, int offset, int v) {
        putI32(ea32(addr, offset, 4), v);
    }

    public void storeI64(int addr, int offset, long v) {
        putI64(ea32(addr, offset, 8), v);
    }

    public void store8(int addr, int offset, int v) {
        putI8(ea32(addr, offset, 1), v);
    }

    public void store16(int addr, int offset, int v) {
        putI16(ea32(addr, offset, 2), v);
    }

    // ---- accessors at a checked effective address ----------------------------------------

    public int getI32(long ea) {
        return mapped ? seg.get(LE32, ea) : (int) I32.get(bytes, (int) ea);
    }

    public long getI64(long ea) {
        return mapped ? seg.get(LE64, ea) : (long) I64.get(bytes, (int) ea);
    }

    public int getI16(long ea) {
        return mapped ? seg.get(LE16, ea) : (short) I16.get(bytes, (int) ea);
    }

    public int getI8(long ea) {
        return mapped ? seg.get(ValueLayout.JAVA_BYTE, ea) : bytes[(int) ea];
    }

    public void putI32(long ea, int v) {
        if (mapped) {
            seg.set(LE32, ea, v);
        } else {
            I32.set(bytes, (int) ea, v);
        }
    }

    public void putI64(long ea, long v) {
        if (mapped) {
            seg.set(LE64, ea, v);
        } else {
            I64.set(bytes, (int) ea, v);
        }
    }

    public void putI16(long ea, int v) {
        if (mapped) {
            seg.set(LE16, ea, (short) v);
        } else {
            I16.set(bytes, (int) ea, (short) v);
        }
    }

    public void putI8(long ea, int v) {
        if (mapped) {
            seg.set(ValueLayout.JAVA_BYTE, ea, (byte) v);
        } else {
            bytes[(int) ea] = (byte) v;
        }
    }

    // ---- embedder API ----------------------------------------------------------------------

    /** The memory's bytes as a segment: the mapped slot itself, or a view of the array. */
    @Override
    public MemorySegment segment() {
        return mapped ? seg : MemorySegment.ofArray(bytes).asSlice(0, size);
    }

    @Override
    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        read(address, out, 0, length);
        return out;
    }

    @Override
    public void write(long address, byte[] data) {
        java.util.Objects.requireNonNull(data, "data");
        write(address, data, 0, data.length);
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        long a = range(address, length);
        if (mapped) {
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, a, dst, offset, length);
        } else {
            System.arraycopy(bytes, (int) a, dst, offset, length);
        }
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        long a = range(address, length);
        if (mapped) {
            MemorySegment.copy(src, offset, seg, ValueLayout.JAVA_BYTE, a, length);
        } else {
            System.arraycopy(src, offset, bytes, (int) a, length);
        }
    }

    @Override
    public int readInt(long address) {
        return getI32(range(address, 4));
    }

    @Override
    public void writeInt(long address, int value) {
        putI32(range(address, 4), value);
    }

    @Override
    public long readLong(long address) {
        return getI64(range(address, 8));
    }

    @Override
    public void writeLong(long address, long value) {
        putI64(range(address, 8), value);
    }

    // ---- bulk operations -------------------------------------------------------------------

    public void fill(long dst, int value, long len) {
        long d = range(dst, len);
        if (mapped) {
            seg.asSlice(d, len).fill((byte) value);
        } else {
            Arrays.fill(bytes, (int) d, (int) (d + len), (byte) value);
        }
    }

    public static void copy(MemoryInstance dstMem, long dst, MemoryInstance srcMem, long src, long len) {
        long s = srcMem.range(src, len);
        long d = dstMem.range(dst, len);
        if (srcMem.mapped || dstMem.mapped) {
            MemorySegment.copy(srcMem.segment(), s, dstMem.segment(), d, len);
        } else {
            System.arraycopy(srcMem.bytes, (int) s, dstMem.bytes, (int) d, (int) len);
        }
    }

    public void init(long dst, byte[] data, long src, long len) {
        if (src < 0 || len < 0 || src > data.length - len) {
            throw oob();
        }
        write(dst, data, (int) src, (int) len);
    }
}
