package dev.weft.stackpool.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM downcalls to libc's {@code mmap}, {@code mprotect}, {@code madvise}, {@code munmap} and
 * {@code sysconf}, and the segments over what they map. This is the only class in Weft that
 * calls restricted FFM methods ({@code downcallHandle}, {@code reinterpret}).
 *
 * <p>Invariants: every method either succeeds or throws {@link IllegalStateException} naming the
 * call, its arguments and {@code errno}; nothing here touches the memory it maps. Constants are
 * those of Linux (x86_64 and aarch64 agree on all of them); {@link #isAvailable()} is false on
 * other systems, and callers then fall back to heap-backed memory.
 */
public final class NativeMmap {
    /** No access: reserved address space, or a guard page. */
    public static final int PROT_NONE = 0;
    /** Read and write access. */
    public static final int PROT_READ_WRITE = 0x1 | 0x2;

    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final int MADV_DONTNEED = 4;
    private static final int SC_PAGESIZE = 30;

    /** Set this system property to {@code true} to behave as if mmap were unavailable. */
    public static final String DISABLE_PROPERTY = "weft.stackpool.disableMmap";

    private static final Natives NATIVES = Natives.load();

    private NativeMmap() {}

    /** True when the libc calls could be linked (Linux with native access to this code). */
    public static boolean isAvailable() {
        return NATIVES.error == null;
    }

    /** Why {@link #isAvailable()} is false, or {@code null}. */
    public static String unavailableReason() {
        return NATIVES.error;
    }

    /** The OS page size in bytes. */
    public static long pageSize() {
        return NATIVES.pageSize;
    }

    /**
     * Reserves {@code bytes} of address space with no access ({@code PROT_NONE},
     * {@code MAP_NORESERVE}): nothing is committed until a range is made accessible.
     *
     * @return the raw base address of the mapping
     */
    public static long reserve(long bytes) {
        MemorySegment errno = NATIVES.errnoBuffer();
        try {
            MemorySegment p = (MemorySegment) NATIVES.mmap.invokeExact(errno, MemorySegment.NULL, bytes,
                    PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
            if (p.address() == -1L) {
                throw failure("mmap(NULL, " + bytes + ", PROT_NONE)", errno);
            }
            return p.address();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("internal: mmap downcall failed", t);
        }
    }

    /** Sets the protection of {@code [address, address + bytes)}: page aligned, inside a mapping. */
    public static void protect(long address, long bytes, int prot) {
        call(NATIVES.mprotect, "mprotect", address, bytes, prot);
    }

    /**
     * Drops the pages of {@code [address, address + bytes)} ({@code MADV_DONTNEED}): for a private
     * anonymous mapping they read as zero on the next access, without a copy.
     */
    public static void discard(long address, long bytes) {
        call(NATIVES.madvise, "madvise", address, bytes, MADV_DONTNEED);
    }

    /** Unmaps {@code [address, address + bytes)}. */
    public static void unmap(long address, long bytes) {
        MemorySegment errno = NATIVES.errnoBuffer();
        try {
            int rc = (int) NATIVES.munmap.invokeExact(errno, MemorySegment.ofAddress(address), bytes);
            if (rc != 0) {
                throw failure("munmap(0x" + Long.toHexString(address) + ", " + bytes + ")", errno);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("internal: munmap downcall failed", t);
        }
    }

    /**
     * A segment over {@code [address, address + bytes)} in the scope of {@code arena}: accesses
     * after the arena closes throw instead of touching unmapped memory.
     */
    public static MemorySegment segment(long address, long bytes, Arena arena) {
        return MemorySegment.ofAddress(address).reinterpret(bytes, arena, null);
    }

    /**
     * A segment over a whole mapping {@code [address, address + bytes)} in the scope of
     * {@code arena}, which unmaps the range when it closes.
     */
    public static MemorySegment mapping(long address, long bytes, Arena arena) {
        return MemorySegment.ofAddress(address).reinterpret(bytes, arena, ignored -> unmap(address, bytes));
    }

    private static void call(MethodHandle h, String name, long address, long bytes, int arg) {
        MemorySegment errno = NATIVES.errnoBuffer();
        try {
            int rc = (int) h.invokeExact(errno, MemorySegment.ofAddress(address), bytes, arg);
            if (rc != 0) {
                throw failure(name + "(0x" + Long.toHexString(address) + ", " + bytes + ", " + arg + ")", errno);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("internal: " + name + " downcall failed", t);
        }
    }

    private static IllegalStateException failure(String call, MemorySegment errnoBuffer) {
        int errno = (int) NATIVES.errnoHandle.get(errnoBuffer, 0L);
        String name = switch (errno) {
            case 12 -> "ENOMEM";
            case 22 -> "EINVAL";
            case 13 -> "EACCES";
            case 1 -> "EPERM";
            default -> "errno";
        };
        return new IllegalStateException(call + " failed: " + name + " (" + errno + ")");
    }

    /** The linked handles, or the reason they could not be linked. */
    private static final class Natives {
        final MethodHandle mmap;
        final MethodHandle mprotect;
        final MethodHandle madvise;
        final MethodHandle munmap;
        final VarHandle errnoHandle;
        final long errnoSize;
        final long pageSize;
        final String error;
        private final ThreadLocal<MemorySegment> errnoBuffers;

        private Natives(MethodHandle mmap, MethodHandle mprotect, MethodHandle madvise, MethodHandle munmap,
                        StructLayout state, long pageSize, String error) {
            this.mmap = mmap;
            this.mprotect = mprotect;
            this.madvise = madvise;
            this.munmap = munmap;
            this.errnoHandle = state == null ? null
                    : state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            this.errnoSize = state == null ? 0 : state.byteSize();
            this.pageSize = pageSize;
            this.error = error;
            this.errnoBuffers = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(errnoSize, 8));
        }

        MemorySegment errnoBuffer() {
            return errnoBuffers.get();
        }

        static Natives load() {
            if (Boolean.getBoolean(DISABLE_PROPERTY)) {
                return unavailable("disabled with -D" + DISABLE_PROPERTY + "=true");
            }
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                return unavailable("mmap pools need Linux, this is " + System.getProperty("os.name"));
            }
            try {
                Linker linker = Linker.nativeLinker();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                StructLayout state = Linker.Option.captureStateLayout();
                var libc = linker.defaultLookup();
                MethodHandle mmap = linker.downcallHandle(libc.findOrThrow("mmap"),
                        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
                        errno);
                FunctionDescriptor threeArgs = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
                MethodHandle mprotect = linker.downcallHandle(libc.findOrThrow("mprotect"), threeArgs, errno);
                MethodHandle madvise = linker.downcallHandle(libc.findOrThrow("madvise"), threeArgs, errno);
                MethodHandle munmap = linker.downcallHandle(libc.findOrThrow("munmap"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), errno);
                MethodHandle sysconf = linker.downcallHandle(libc.findOrThrow("sysconf"),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
                long pageSize = (long) sysconf.invokeExact(SC_PAGESIZE);
                if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
                    return unavailable("sysconf(_SC_PAGESIZE) returned " + pageSize);
                }
                return new Natives(mmap, mprotect, madvise, munmap, state, pageSize, null);
            } catch (Throwable t) {
                return unavailable("cannot link libc mmap: " + t);
            }
        }

        private static Natives unavailable(String reason) {
            return new Natives(null, null, null, null, null, 4096, reason);
        }
    }
}
