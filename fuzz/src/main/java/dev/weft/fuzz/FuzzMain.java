package dev.weft.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The long-run entry point: {@code FuzzMain FUZZER [--seed N] [--cases N] [--seconds N]
 * [--first N] [--findings DIR] [--features mvp,eh,mem64] [--no-denan] [--node] [--spawn]
 * [--tier interp|compiled|both] [--max-nesting N] [--progress N]}, where
 * FUZZER is {@code mutation}, {@code differential} or {@code stack-switching}. Prints progress and
 * a summary; exits 0 when nothing was found, 2 when something was, 1 on a usage error, and 3
 * after a hang (the hung case's thread cannot be stopped, so the run ends there).
 */
public final class FuzzMain {
    private FuzzMain() {}

    public static void main(String[] argv) {
        try {
            System.exit(run(argv));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("weft fuzz: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] argv) {
        if (argv.length == 0) {
            throw new IllegalArgumentException("usage: weft fuzz mutation|differential|stack-switching [--seed N] "
                    + "[--cases N] [--seconds N] [--first N] [--findings DIR] [--features mvp,eh,mem64] "
                    + "[--no-denan] [--node] [--spawn] [--tier interp|compiled|both] [--max-nesting N] [--progress N]");
        }
        String fuzzer = argv[0];
        long seed = 1;
        long cases = 0;
        long seconds = 0;
        long first = 0;
        long progress = 100;
        Path findingsDir = null;
        boolean denan = true;
        boolean withNode = false;
        boolean spawn = false;
        List<Tier> tiers = DifferentialFuzzer.Options.DEFAULTS.tiers();
        int maxNesting = 64;
        List<FeatureSet> sets = new ArrayList<>(List.of(FeatureSet.values()));
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "--no-denan" -> denan = false;
                case "--node" -> withNode = true;
                case "--spawn" -> spawn = true;
                case "--seed", "--cases", "--seconds", "--first", "--findings", "--features", "--progress",
                        "--max-nesting", "--tier" -> {
                    if (i + 1 >= argv.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = argv[++i];
                    switch (a) {
                        case "--seed" -> seed = number(a, v);
                        case "--cases" -> cases = number(a, v);
                        case "--seconds" -> seconds = number(a, v);
                        case "--first" -> first = number(a, v);
                        case "--progress" -> progress = number(a, v);
                        case "--max-nesting" -> maxNesting = (int) number(a, v);
                        case "--findings" -> findingsDir = Path.of(v);
                        case "--tier" -> tiers = Tier.byLabel(v);
                        default -> sets = Arrays.stream(v.split(",")).map(FeatureSet::byLabel).toList();
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (cases == 0 && seconds == 0) {
            throw new IllegalArgumentException("give a budget: --cases N and/or --seconds N");
        }
        Budget budget = new Budget(cases, seconds);
        Findings findings = new Findings(findingsDir);
        long start = System.nanoTime();
        String summary;
        boolean hung;
        switch (fuzzer) {
            case "differential" -> {
                Toolchain tools = Toolchain.locate().filter(t -> t.wasmOpt().isPresent()).orElseThrow(
                        () -> new IllegalStateException("wasm-opt not found: " + Toolchain.INSTALL_HINT));
                try (DifferentialFuzzer f = new DifferentialFuzzer(tools, findings,
                        new DifferentialFuzzer.Options(denan, withNode, spawn, tiers))) {
                    f.run(sets, seed, first, budget, progress);
                    summary = "differential: " + f.counts() + "; compiled tier: "
                            + dev.weft.interpreter.compiler.TierStats.summary();
                    hung = f.counts().values().stream().anyMatch(m -> m.containsKey(DifferentialFuzzer.Verdict.HANG));
                }
            }
            case "mutation" -> {
                MutationFuzzer f = new MutationFuzzer(findings, maxNesting);
                f.run(seed, first, budget, progress);
                summary = "mutation: " + f.counts();
                hung = f.hung();
            }
            case "stack-switching" -> {
                StackSwitchingFuzzer f = new StackSwitchingFuzzer(findings);
                f.run(seed, first, budget, progress);
                summary = "stack-switching: " + f.counts();
                hung = f.hung();
            }
            default -> throw new IllegalArgumentException("unknown fuzzer \"" + fuzzer
                    + "\" (mutation, differential, stack-switching)");
        }
        System.out.printf("%s; %d findings in %d s (seed %d)%n", summary, findings.count(),
                (System.nanoTime() - start) / 1_000_000_000L, seed);
        return hung ? 3 : findings.count() > 0 ? 2 : 0;
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got \"" + v + "\"");
        }
    }
}
