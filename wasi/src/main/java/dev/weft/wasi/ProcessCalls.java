package dev.weft.wasi;

import static dev.weft.wasi.GuestMemory.unsigned;

import dev.weft.interpreter.Value;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Arguments, environment, clocks, randomness and the process: {@code args_*}, {@code environ_*},
 * {@code clock_*}, {@code random_get}, {@code sched_yield} and {@code proc_exit}.
 */
final class ProcessCalls {
    static final int REALTIME = 0;
    static final int MONOTONIC = 1;
    static final int PROCESS_CPUTIME = 2;
    static final int THREAD_CPUTIME = 3;

    /** Largest {@code random_get} request served at once. */
    private static final long MAX_RANDOM = 1 << 24;

    private final Wasi wasi;

    ProcessCalls(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        List<String> args = wasi.config().args();
        List<String> env = wasi.config().env();
        f.add("args_sizes_get", "ii", a -> sizes(args, ptr(a, 0), ptr(a, 1)));
        f.add("args_get", "ii", a -> strings(args, ptr(a, 0), ptr(a, 1)));
        f.add("environ_sizes_get", "ii", a -> sizes(env, ptr(a, 0), ptr(a, 1)));
        f.add("environ_get", "ii", a -> strings(env, ptr(a, 0), ptr(a, 1)));
        f.add("clock_res_get", "ii", a -> clockRes(a[0].asInt(), ptr(a, 1)));
        f.add("clock_time_get", "iIi", a -> clockTime(a[0].asInt(), ptr(a, 2)));
        f.add("random_get", "ii", a -> random(ptr(a, 0), ptr(a, 1)));
        f.add("sched_yield", "", a -> {
            Thread.yield();
            return WasiErrno.SUCCESS;
        });
        f.addVoid("proc_exit", "i", a -> {
            throw new WasiExit(a[0].asInt());
        });
    }

    static long ptr(Value[] args, int i) {
        return unsigned(args[i].asInt());
    }

    private int sizes(List<String> strings, long countPtr, long sizePtr) {
        GuestMemory mem = wasi.memory();
        mem.check(countPtr, 4);
        mem.check(sizePtr, 4);
        int size = 0;
        for (String s : strings) {
            size += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        mem.writeInt(countPtr, strings.size());
        mem.writeInt(sizePtr, size);
        return WasiErrno.SUCCESS;
    }

    /** Writes each string NUL-terminated into {@code buf} and its address into {@code ptrs}. */
    private int strings(List<String> strings, long ptrs, long buf) {
        GuestMemory mem = wasi.memory();
        mem.check(ptrs, 4L * strings.size());
        long at = buf;
        for (String s : strings) {
            byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
            mem.check(at, bytes.length);
            at += bytes.length;
        }
        at = buf;
        for (int i = 0; i < strings.size(); i++) {
            byte[] bytes = (strings.get(i) + "\0").getBytes(StandardCharsets.UTF_8);
            mem.writeInt(ptrs + 4L * i, (int) at);
            mem.write(at, bytes);
            at += bytes.length;
        }
        return WasiErrno.SUCCESS;
    }

    private int clockRes(int id, long resultPtr) {
        long resolution = switch (id) {
            case REALTIME -> 1_000;
            case MONOTONIC, PROCESS_CPUTIME, THREAD_CPUTIME -> 1;
            default -> throw new WasiError(WasiErrno.INVAL);
        };
        wasi.memory().writeLong(resultPtr, resolution);
        return WasiErrno.SUCCESS;
    }

    private int clockTime(int id, long resultPtr) {
        wasi.memory().check(resultPtr, 8);
        wasi.memory().writeLong(resultPtr, now(wasi.config(), id));
        return WasiErrno.SUCCESS;
    }

    /** The current time of clock {@code id} in nanoseconds; {@code EINVAL} for an unknown clock. */
    static long now(WasiConfig config, int id) {
        return switch (id) {
            case REALTIME -> config.realtimeNanos().getAsLong();
            case MONOTONIC -> config.monotonicNanos().getAsLong();
            case PROCESS_CPUTIME -> ProcessHandle.current().info().totalCpuDuration()
                    .map(Duration::toNanos)
                    .orElseGet(ProcessCalls::threadCpuTime);
            case THREAD_CPUTIME -> threadCpuTime();
            default -> throw new WasiError(WasiErrno.INVAL);
        };
    }

    private static long threadCpuTime() {
        long t = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        if (t < 0) {
            throw new WasiError(WasiErrno.NOTSUP);
        }
        return t;
    }

    private int random(long buf, long len) {
        wasi.memory().check(buf, len);
        if (len > MAX_RANDOM) {
            throw new WasiError(WasiErrno.INVAL);
        }
        byte[] bytes = new byte[(int) len];
        wasi.config().random().nextBytes(bytes);
        wasi.memory().write(buf, bytes);
        return WasiErrno.SUCCESS;
    }
}
