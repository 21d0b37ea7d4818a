package dev.weft.benchmarks.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one run of the macro runner measures, from its command line.
 *
 * @param root       the Weft checkout (guests, jars, node)
 * @param invocation the command line as the user typed it, for the report
 */
public record BenchConfig(Mode mode, List<Engine> engines, List<Program> programs, List<Backend> backends,
                          List<Part> parts, int repeats, int warmups, Duration timeout, Path out, Path root,
                          String invocation) {

    /** A command line that cannot be run; the message says why. */
    public static final class UsageError extends Exception {
        public UsageError(String message) {
            super(message);
        }
    }

    @Command(name = "weft bench", sortOptions = false, usageHelpWidth = 100,
            description = "Runs every guest program x fiber backend x engine (Weft, Node 26, Chicory 1.7.5's"
                + " interpreter and its bytecode compiler), the Weft lifecycle figures, pool versus no pool on c10m,"
                + " binary sizes and process cold start; writes latest.md, latest.json and one SVG chart per section.",
            footer = {"", "Scales (program arguments) by mode; full mode passes none, so the programs use their defaults:",
                "@SCALES@", "",
                "Each run is a fresh process, timed from start to exit, after the warm-up runs. Its last line of output"
                + " is checked: a wrong output counts as a failure, never as a time."})
    static final class Options {
        @Option(names = "--quick", description = "small scales, 2 repeats: a smoke test within about 3 minutes")
        boolean quick;
        @Option(names = "--full", description = "the programs' full scale (takes hours on 2 cores)")
        boolean full;
        @Option(names = "--engines", split = ",", paramLabel = "LIST",
                description = "engines to run: weft,weft-compiled,weft-auto,node,chicory,chicory-compiler or all (default: all)")
        List<String> engines;
        @Option(names = "--programs", split = ",", paramLabel = "LIST",
                description = "guest programs: hello,generator,sieve,c10m,skynet or all (default: all)")
        List<String> programs;
        @Option(names = "--backends", split = ",", paramLabel = "LIST",
                description = "fiber backends: native,wasmfx,asyncify or all (default: all)")
        List<String> backends;
        @Option(names = "--sections", split = ",", paramLabel = "LIST",
                description = "report sections: size,coldstart,lifecycle,wall,pool,http,kernels or all (default: all)")
        List<String> sections;
        @Option(names = "--repeats", paramLabel = "N",
                description = "timed runs per measurement (default: 5, --quick: 2)")
        Integer repeats;
        @Option(names = "--warmups", paramLabel = "N", description = "untimed runs before them (default: 1)")
        int warmups = 1;
        @Option(names = "--timeout", paramLabel = "SECONDS",
                description = "a run still going after this fails (default: 300, --quick: 60, --full: 1800)")
        Integer timeout;
        @Option(names = "--out", paramLabel = "DIR",
                description = "where to write the report (default: benchmarks/results/local, not tracked by git)")
        Path out;
        @Option(names = "--publish",
                description = "write to benchmarks/results, the committed report the README quotes")
        boolean publish;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** Where {@code --publish} writes: the report committed with the code. */
    static final String PUBLISHED = "benchmarks/results";

    /** Where other runs write by default (in .gitignore). */
    static final String LOCAL = "benchmarks/results/local";

    /**
     * Parses {@code args}; empty when help was asked for.
     *
     * @throws UsageError for unknown options or values, or values out of range
     */
    public static Optional<BenchConfig> parse(List<String> args, Path root, String invocation) throws UsageError {
        Options o = new Options();
        CommandLine cl = new CommandLine(o);
        try {
            cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageError(e.getMessage());
        }
        if (cl.isUsageHelpRequested()) {
            return Optional.empty();
        }
        if (o.quick && o.full) {
            throw new UsageError("--quick and --full exclude each other");
        }
        Mode mode = o.quick ? Mode.QUICK : o.full ? Mode.FULL : Mode.DEFAULT;
        int repeats = o.repeats == null ? mode.repeats() : o.repeats;
        if (repeats < 1) {
            throw new UsageError("--repeats must be at least 1, got " + repeats);
        }
        if (o.warmups < 0) {
            throw new UsageError("--warmups must be 0 or more, got " + o.warmups);
        }
        Duration timeout = o.timeout == null ? mode.timeout() : Duration.ofSeconds(o.timeout);
        if (timeout.toSeconds() < 1) {
            throw new UsageError("--timeout must be at least 1 second, got " + o.timeout);
        }
        if (o.publish && o.out != null) {
            throw new UsageError("--publish and --out exclude each other");
        }
        // a smoke or ad-hoc run must not dirty git: only --publish rewrites the committed report
        Path out = o.out != null ? o.out : root.resolve(o.publish ? PUBLISHED : LOCAL);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageError("--out " + out + " is a file, not a directory");
        }
        String command = args.isEmpty() ? invocation : invocation + " " + String.join(" ", args);
        return Optional.of(new BenchConfig(mode, select(Engine.class, "engine", o.engines),
                select(Program.class, "program", o.programs), select(Backend.class, "backend", o.backends),
                select(Part.class, "section", o.sections), repeats, o.warmups, timeout, out, root, command));
    }

    /** The help text, with the scales of every program in every mode. */
    public static String usage() {
        StringBuilder scales = new StringBuilder();
        for (Program p : Program.values()) {
            scales.append(String.format("  %-10s quick: %-16s default: %-18s full: %s%n", p.id(),
                    p.invocation(Mode.QUICK), p.invocation(Mode.DEFAULT), p.invocation(Mode.FULL)));
        }
        return new CommandLine(new Options()).getUsageMessage().replace("@SCALES@", scales.toString().stripTrailing());
    }

    private static <E extends Enum<E> & Named> List<E> select(Class<E> type, String kind, List<String> names)
            throws UsageError {
        if (names == null || names.equals(List.of("all"))) {
            return List.of(type.getEnumConstants());
        }
        SequencedSet<E> chosen = new LinkedHashSet<>();
        for (String name : names) {
            try {
                chosen.add(Named.parse(type, kind, name.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
        }
        // keep the canonical order, so tables read the same whatever order the list was given in
        List<E> ordered = new ArrayList<>(Arrays.asList(type.getEnumConstants()));
        ordered.retainAll(chosen);
        return ordered;
    }
}
