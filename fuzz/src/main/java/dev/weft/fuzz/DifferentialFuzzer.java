package dev.weft.fuzz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;

/**
 * Differential execution (fuzzer b): case {@code i} of seed {@code s} feeds random bytes, derived
 * from {@code (s, i)} alone, to {@code wasm-opt -ttf} with the features of one {@link FeatureSet}
 * (the sets take turns), runs the module in binaryen's interpreter and in Weft
 * ({@link FuzzingSupport}), in each {@link Tier} asked for, and compares the outputs
 * ({@link OutputComparison}; the tiers with each other exactly). A mismatch, a raw Java exception
 * or a hang in Weft is a finding. wasm-opt runs in a persistent driver ({@link WasmOpt#open}) and
 * Weft on one long-lived worker thread, so a case costs about what its work costs.
 */
public final class DifferentialFuzzer implements AutoCloseable {
    /** Weft's time bound per module; -ttf modules carry a hang limit, so this is generous. */
    static final long CASE_MILLIS = 60_000;

    /**
     * AGREE; MISMATCH with binaryen (every tier run gave the same wrong output); TIER_MISMATCH
     * (the interpreter and the compiled tier gave different outputs); NODE_MISMATCH with Node;
     * CRASH (Weft threw a raw Java exception); HANG; TOOL_FAILED (wasm-opt failed, not compared).
     */
    public enum Verdict { AGREE, MISMATCH, TIER_MISMATCH, NODE_MISMATCH, CRASH, HANG, TOOL_FAILED }

    /**
     * How cases run: {@code denan} (wasm-opt's {@code --denan}), {@code withNode} (also compare
     * with Node 26, when installed), {@code spawn} (a wasm-opt process per run instead of the
     * persistent driver), {@code tiers} (Weft's tiers each module runs in, each compared with
     * binaryen and, when both, with each other).
     */
    public record Options(boolean denan, boolean withNode, boolean spawn, List<Tier> tiers) {
        /** NaNs removed, binaryen only, the persistent driver, both tiers. */
        public static final Options DEFAULTS = new Options(true, false, false, List.of(Tier.INTERP, Tier.COMPILED));

        public Options {
            tiers = List.copyOf(tiers);
            if (tiers.isEmpty()) {
                throw new IllegalArgumentException("no tier to run");
            }
        }
    }

    private final WasmOpt wasmOpt;
    /** Weft's side of every case: one long-lived thread with a 64 MB stack. */
    private final Bounded.Worker worker = new Bounded.Worker();
    private final List<Tier> tiers;
    private final Binaryen binaryen;
    private final NodeOracle node;
    private final Findings findings;
    private final boolean denan;
    private final Map<FeatureSet, Map<Verdict, Long>> counts = new EnumMap<>(FeatureSet.class);

    /** A fuzzer using the tools of {@code tools}; {@link #close()} ends the wasm-opt driver. */
    public DifferentialFuzzer(Toolchain tools, Findings findings, Options options) {
        try {
            this.node = options.withNode() && tools.node().isPresent() ? new NodeOracle(tools.node().get()) : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.wasmOpt = WasmOpt.open(tools, options.spawn());
        this.binaryen = new Binaryen(wasmOpt);
        this.findings = findings;
        this.denan = options.denan();
        this.tiers = options.tiers();
    }

    @Override
    public void close() {
        wasmOpt.close();
        worker.close();
    }

    /** The random bytes of case {@code index}: 1 to 16 KB, a function of the seed and index only. */
    static byte[] entropy(long seed, long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        byte[] b = new byte[1024 + r.nextInt(15 * 1024)];
        r.nextBytes(b);
        return b;
    }

    /** Runs case {@code index} of {@code seed} with {@code features}. */
    public Verdict runCase(FeatureSet features, long seed, long index) {
        Verdict v = check(features, seed, index);
        counts.computeIfAbsent(features, k -> new EnumMap<>(Verdict.class)).merge(v, 1L, Long::sum);
        return v;
    }

    private Verdict check(FeatureSet features, long seed, long index) {
        String name = "differential-" + features.label() + "-seed" + seed + "-case" + index;
        byte[] wasm;
        List<String> expected;
        try {
            wasm = binaryen.generate(entropy(seed, index), features, denan);
            expected = binaryen.fuzzExec(wasm, features);
        } catch (IOException e) {
            System.out.println("skipped " + name + ": wasm-opt failed: " + e.getMessage());
            return Verdict.TOOL_FAILED;
        }
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("module.wasm", wasm);
        files.put("binaryen.txt", expected);
        String replay = "replay: FuzzMain differential --features " + features.label() + " --seed " + seed
                + " --first " + index + " --cases 1" + (denan ? "" : " --no-denan");
        Map<Tier, List<String>> outputs = new EnumMap<>(Tier.class);
        for (Tier tier : tiers) {
            String tierReplay = replay + " --tier " + tier.label();
            try {
                outputs.put(tier, worker.run(CASE_MILLIS, () -> FuzzingSupport.run(wasm, tier)));
            } catch (Bounded.Hang h) {
                findings.record(name, "Weft (" + tier.label() + ") hung: " + h.getMessage() + "\n" + tierReplay, files);
                return Verdict.HANG;
            } catch (ExecutionException e) {
                files.put("stack.txt", stackTrace(e.getCause()));
                findings.record(name, "Weft (" + tier.label() + ") threw " + e.getCause() + "\n" + tierReplay, files);
                return Verdict.CRASH;
            }
            files.put("weft-" + tier.label() + ".txt", outputs.get(tier));
        }
        List<String> actual = outputs.get(tiers.get(0));
        if (outputs.size() == 2 && !outputs.get(Tier.INTERP).equals(outputs.get(Tier.COMPILED))) {
            findings.record(name, "the tiers differ: " + tierDifference(outputs.get(Tier.INTERP), outputs.get(Tier.COMPILED))
                    + "; " + agreement(expected, outputs) + "\n" + replay, files);
            return Verdict.TIER_MISMATCH;
        }
        Optional<String> diff = OutputComparison.firstDifference(expected, actual);
        if (diff.isPresent()) {
            String by = tiers.size() == 2 ? "both tiers" : tiers.get(0).label();
            findings.record(name, "mismatch with binaryen --fuzz-exec (" + by + "): " + diff.get() + "\n" + replay, files);
            return Verdict.MISMATCH;
        }
        if (node != null) {
            List<String> v8;
            try {
                v8 = node.run(wasm);
            } catch (IOException e) {
                System.out.println("skipped the Node comparison of " + name + ": " + e.getMessage());
                return Verdict.AGREE;
            }
            Optional<String> nodeDiff = OutputComparison.firstDifference(v8, actual, true);
            if (nodeDiff.isPresent()) {
                files.put("node.txt", v8);
                findings.record(name, "mismatch with Node: " + nodeDiff.get() + "\n" + replay + " --node", files);
                return Verdict.NODE_MISMATCH;
            }
        }
        return Verdict.AGREE;
    }

    /** The first line where the interpreter's output and the compiled tier's differ. */
    static String tierDifference(List<String> interp, List<String> compiled) {
        for (int i = 0; ; i++) {
            String a = i < interp.size() ? interp.get(i) : "<end>";
            String b = i < compiled.size() ? compiled.get(i) : "<end>";
            if (!a.equals(b)) {
                return "line " + (i + 1) + ": interp \"" + a + "\", compiled \"" + b + "\"";
            }
        }
    }

    private static String agreement(List<String> expected, Map<Tier, List<String>> outputs) {
        List<String> agreeing = new ArrayList<>();
        outputs.forEach((tier, out) -> {
            if (OutputComparison.firstDifference(expected, out).isEmpty()) {
                agreeing.add(tier.label());
            }
        });
        return agreeing.isEmpty() ? "neither agrees with binaryen" : agreeing.get(0) + " agrees with binaryen";
    }

    static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** Cases per feature set and verdict so far. */
    public Map<FeatureSet, Map<Verdict, Long>> counts() {
        return counts;
    }

    /** Runs cases {@code first}, {@code first + 1}, ... over {@code sets} in turn until the budget is spent. */
    public void run(List<FeatureSet> sets, long seed, long first, Budget budget, long progressEvery) {
        long start = System.nanoTime();
        for (long done = 0; !budget.exhausted(done, start); done++) {
            long index = first + done;
            if (runCase(sets.get((int) (index % sets.size())), seed, index) == Verdict.HANG) {
                return; // its thread is still running: stop here (FuzzMain exits 3)
            }
            if (progressEvery > 0 && (done + 1) % progressEvery == 0) {
                System.out.printf("differential: %d cases in %d s, %s%n", done + 1,
                        (System.nanoTime() - start) / 1_000_000_000L, counts);
            }
        }
    }
}
