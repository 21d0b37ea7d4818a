package dev.weft.interpreter.compiler;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counts of the compiled tier: functions compiled to bytecode, and functions left
 * to the interpreter by reason ("may suspend", "unsupported instruction try_table", ...), and
 * instances the auto tier compiled when they got hot. Only instances compiled count: under the
 * auto tier an instance that never got hot counts nowhere.
 */
public final class TierStats {
    private static final LongAdder COMPILED = new LongAdder();
    private static final LongAdder SPLIT = new LongAdder();
    private static final LongAdder HELPERS = new LongAdder();
    private static final LongAdder TIER_UPS = new LongAdder();
    private static final Map<String, LongAdder> LEFT = new ConcurrentHashMap<>();

    private TierStats() {}

    /**
     * What compiling one instance did: functions compiled, how many of them were split and into
     * how many helper methods, and why the others stay interpreted.
     */
    record Outcome(int compiled, int split, int helpers, Map<String, Integer> left) {}

    static void record(Outcome o) {
        COMPILED.add(o.compiled());
        SPLIT.add(o.split());
        HELPERS.add(o.helpers());
        o.left().forEach((reason, n) -> LEFT.computeIfAbsent(reason, r -> new LongAdder()).add(n));
    }

    /** An instance of the auto tier that was found hot and compiled (or tried to). */
    static void recordTierUp() {
        TIER_UPS.increment();
    }

    /** Instances the auto tier compiled when hot since start (or the last {@link #reset}). */
    public static long tierUps() {
        return TIER_UPS.sum();
    }

    /** An instance whose compilation failed as a whole ({@code reason}); its functions stay interpreted. */
    static void recordFailure(String reason) {
        LEFT.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Functions compiled since start (or the last {@link #reset}). */
    public static long compiled() {
        return COMPILED.sum();
    }

    /** Compiled functions split into several methods since start (or the last {@link #reset}). */
    public static long split() {
        return SPLIT.sum();
    }

    /** Helper methods of split functions since start (or the last {@link #reset}). */
    public static long helpers() {
        return HELPERS.sum();
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
        return "compiled " + compiled() + " functions (" + split() + " split, into " + helpers() + " more methods), left "
                + left + " interpreted " + interpreted() + (tierUps() == 0 ? "" : "; " + tierUps() + " instances tiered up when hot");
    }

    /** Starts counting afresh (each conformance suite run reports its own counts). */
    public static void reset() {
        TIER_UPS.reset();
        COMPILED.reset();
        SPLIT.reset();
        HELPERS.reset();
        LEFT.clear();
    }
}
