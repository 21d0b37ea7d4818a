package dev.weft.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a {@link MemorySegment}-backed operand stack (a pooled native stack slot) would cost the
 * dispatch loop compared with the {@code long[]} it reads today: the same small switch-dispatched
 * interpreter (local.get/set/tee, const, add, lt_s, br_if over an {@code int[]} of code, with pc,
 * sp and fp in locals) running one counting loop of 13 instructions per iteration over a
 * {@code long[]}, a heap segment and a native segment. Score: ns per Wasm-level iteration
 * ({@value #ITERATIONS} per invocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OperandStackBenchmark {
    static final int ITERATIONS = 10_000;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

    private final long[] array = new long[1024];
    private MemorySegment heap;
    private MemorySegment nativeSegment;
    private Arena arena;

    @Setup
    public void setUp() {
        heap = MemorySegment.ofArray(new long[1024]);
        arena = Arena.ofConfined();
        nativeSegment = arena.allocate(1024 * 8L, 8);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    private static final int LGET = 0;
    private static final int LSET = 1;
    private static final int ADD = 2;
    private static final int CONST = 3;
    private static final int LT = 4;
    private static final int BRIF = 5;
    private static final int HALT = 6;
    private static final int LTEE = 7;

    /** acc += i; i++; loop while i < n: locals 0 = acc, 1 = i, 2 = n. */
    private static final int[] CODE = {
        LGET, 0, LGET, 1, ADD, LSET, 0,
        LGET, 1, CONST, 1, ADD, LTEE, 1,
        LGET, 2, LT, BRIF, 0, HALT};

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long longArray() {
        long[] s = array;
        int[] code = CODE;
        int fp = 16;
        s[fp] = 0;
        s[fp + 1] = 0;
        s[fp + 2] = ITERATIONS;
        int sp = fp + 3;
        int pc = 0;
        while (true) {
            switch (code[pc++]) {
                case LGET -> s[sp++] = s[fp + code[pc++]];
                case LSET -> s[fp + code[pc++]] = s[--sp];
                case LTEE -> s[fp + code[pc++]] = s[sp - 1];
                case ADD -> s[sp - 2] = s[sp - 2] + s[--sp];
                case CONST -> s[sp++] = code[pc++];
                case LT -> s[sp - 2] = s[sp - 2] < s[--sp] ? 1 : 0;
                case BRIF -> pc = s[--sp] != 0 ? code[pc] : pc + 1;
                default -> {
                    return s[fp];
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long heapSegment() {
        return segment(heap);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long nativeSegment() {
        return segment(nativeSegment);
    }

    private static long segment(MemorySegment s) {
        int[] code = CODE;
        long fp = 16;
        s.setAtIndex(LONG, fp, 0);
        s.setAtIndex(LONG, fp + 1, 0);
        s.setAtIndex(LONG, fp + 2, ITERATIONS);
        long sp = fp + 3;
        int pc = 0;
        while (true) {
            switch (code[pc++]) {
                case LGET -> s.setAtIndex(LONG, sp++, s.getAtIndex(LONG, fp + code[pc++]));
                case LSET -> s.setAtIndex(LONG, fp + code[pc++], s.getAtIndex(LONG, --sp));
                case LTEE -> s.setAtIndex(LONG, fp + code[pc++], s.getAtIndex(LONG, sp - 1));
                case ADD -> {
                    long b = s.getAtIndex(LONG, --sp);
                    s.setAtIndex(LONG, sp - 1, s.getAtIndex(LONG, sp - 1) + b);
                }
                case CONST -> s.setAtIndex(LONG, sp++, code[pc++]);
                case LT -> {
                    long b = s.getAtIndex(LONG, --sp);
                    s.setAtIndex(LONG, sp - 1, s.getAtIndex(LONG, sp - 1) < b ? 1 : 0);
                }
                case BRIF -> pc = s.getAtIndex(LONG, --sp) != 0 ? code[pc] : pc + 1;
                default -> {
                    return s.getAtIndex(LONG, fp);
                }
            }
        }
    }
}
