package dev.weft.interpreter.compiler;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counts of the compiled tier: functions compiled to bytecode, and functions left
 * to the interpreter by reason ("may suspend", "unsupported instruction try_table", ...).
 */
public final class TierStats {
    private static final LongAdder COMPILED = new LongAdder();
    private static final Map<String, LongAdder> LEFT = new ConcurrentHashMap<>();

    private TierStats() {}

    /** What compiling one instance did. */
    record Outcome(int compiled, Map<String, Integer> left) {}

    static void record(Outcome o) {
        COMPILED.add(o.compiled());
        o.left().forEach((reason, n) -> LEFT.computeIfAbsent(reason, r -> new LongAdder()).add(n));
    }

    /** Functions compiled since start (or the last {@link #reset}). */
    public static long compiled() {
        return COMPILED.sum();
    }

    /** Functions left interpreted, by reason, sorted by reason. */
    public static Map<String, Long> interpreted() {
        Map<String, Long> out = new TreeMap<>();
        LEFT.forEach((reason, n) -> out.put(reason, n.sum()));
        return out;
    }

    /** A one-paragraph summary for logs and reports. */
    public static String summary() {
        long left = interpreted().values().stream().mapToLong(Long::longValue).sum();
        return "compiled " + compiled() + " functions, left " + left + " interpreted " + interpreted();
    }

    public static void reset() {
        COMPILED.reset();
        LEFT.clear();
    }
}
