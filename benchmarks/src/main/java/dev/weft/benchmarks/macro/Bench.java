package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** One run of the macro runner: measures the selected sections and writes the report after each. */
final class Bench {
    static final String POOLED = "pooled (default)";
    static final String UNPOOLED = "unpooled";
    static final String POOL_PROPERTY = "weft.stackPool";

    private final BenchConfig config;
    private final Tools tools;
    private final ProcessRunner runner;
    private final PrintStream err;
    private final List<Engine> engines = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final Path scratch;

    Bench(BenchConfig config, Tools tools, ProcessRunner runner, PrintStream err) {
        this.config = config;
        this.tools = tools;
        this.runner = runner;
        this.err = err;
        this.scratch = config.out().resolve("tmp");
        for (Engine e : config.engines()) {
            tools.missing(e).ifPresentOrElse(skipped::add, () -> engines.add(e));
        }
    }

    /** The engines that will run, and the skip messages of those that will not. */
    List<Engine> engines() {
        return engines;
    }

    List<String> skipped() {
        return skipped;
    }

    /** Cold-start runs are cheap and noisy: at least 5 timed runs whatever --repeats says. */
    int coldRepeats() {
        return Math.max(5, config.repeats());
    }

    /** The process runs and in-process steps the selected sections will take. */
    int plannedSteps(Runs runs) {
        int steps = 0;
        for (Part part : config.parts()) {
            steps += switch (part) {
                case SIZE -> 0;
                case COLDSTART -> engines.size() * runs.steps(coldRepeats());
                case LIFECYCLE -> engines.contains(Engine.WEFT) ? Lifecycle.STEPS : 0;
                case WALL -> {
                    int n = 0;
                    for (Program p : config.programs()) {
                        for (Backend b : config.backends()) {
                            n += (int) engines.stream().filter(e -> e.runs(b)).count();
                        }
                    }
                    yield n * runs.steps(config.repeats());
                }
                case POOL -> engines.contains(Engine.WEFT) ? config.backends().size() * 2 * runs.steps(config.repeats()) : 0;
                case HTTP -> 0; // timed by duration, not by runs; reports its own progress lines
                case KERNELS -> KernelSection.kernels(config.mode()).size()
                        * (int) engines.stream().filter(e -> KernelSection.ENGINES.contains(e) && e != Engine.NODE).count()
                        + (engines.contains(Engine.NODE) ? 1 : 0);
            };
        }
        return steps;
    }

    Report run() throws IOException, InterruptedException {
        skipped.forEach(s -> err.println("weft bench: " + s));
        String started = now();
        Map<String, String> machine = MachineInfo.machine();
        Map<String, String> versions = MachineInfo.versions(tools, runner);
        Progress progress = new Progress(err, System::nanoTime, 0);
        Runs runs = new Runs(runner, tools, progress, config);
        progress.skip(-plannedSteps(runs));
        Files.createDirectories(scratch);
        Report report = null;
        for (Part part : config.parts()) {
            sections.add(switch (part) {
                case SIZE -> sizes();
                case COLDSTART -> coldStart(runs);
                case LIFECYCLE -> lifecycle(progress);
                case WALL -> wall(runs);
                case POOL -> pool(runs);
                case HTTP -> http();
                case KERNELS -> new KernelSection(tools, runner, progress, config.mode(), config.repeats()).run(engines);
            });
            report = report(started, "", machine, versions);
            ReportFiles.write(report, config.out());
        }
        machine.put("load average at end", MachineInfo.loadAverage());
        report = report(started, now(), machine, versions);
        ReportFiles.write(report, config.out());
        deleteScratch();
        err.println("weft bench: done in " + progress.elapsed() + "; wrote " + config.out().resolve("latest.md")
                + ", latest.json and the charts");
        return report;
    }

    private Report report(String started, String finished, Map<String, String> machine, Map<String, String> versions) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", config.mode().id());
        settings.put("timed runs per measurement", config.repeats() + ", after " + config.warmups() + " warm-up run"
                + (config.warmups() == 1 ? "" : "s") + " (cold start: " + coldRepeats() + ")");
        settings.put("timeout per run", config.timeout().toSeconds() + " s");
        settings.put("engines", Named.ids(config.engines()));
        settings.put("programs", Named.ids(config.programs()));
        settings.put("backends", Named.ids(config.backends()));
        settings.put("sections", Named.ids(config.parts()));
        // sections run cheapest first, but read in the order of their titles, (a) to (e)
        List<Section> ordered = sections.stream().sorted(Comparator.comparing(Section::title)).toList();
        return new Report(config.invocation(), config.mode().id(), settings, started, finished,
                new LinkedHashMap<>(machine), versions, List.copyOf(skipped), ordered);
    }

    /** Sections (f) and (g); (f) is returned, (g) added directly. */
    private Section http() throws IOException, InterruptedException {
        Path node = engines.contains(Engine.NODE) ? tools.node() : null;
        try {
            List<Section> http = new HttpSections(config.mode(), config.backends(), node, scratch, err).measure();
            sections.add(http.get(1));
            return http.get(0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("http section: " + e.getMessage(), e);
        }
    }

    private Section sizes() throws IOException {
        Section s = new Section("size", "(d) Binary size of each guest per backend", "bytes", "");
        for (Program p : config.programs()) {
            for (Backend b : config.backends()) {
                Path wasm = config.root().resolve(p.wasm(b));
                s.add(Files.isRegularFile(wasm)
                        ? Measurement.ok(p.id(), "", b.id(), List.of((double) Files.size(wasm)))
                        : Measurement.failed(p.id(), "", b.id(), "not built: run guests/build.sh"));
            }
        }
        s.note("The committed `guests/build/<program>-<backend>.wasm` (clang-14 -O2, then wasm-opt -O2 --strip-debug; "
                + "see guests/README.md). Most of each binary is wasi-libc's printf; the native backend has no "
                + "switching code of its own (it imports `weft_fiber`), wasmfx adds a small WAT module, Asyncify "
                + "instruments every function that may unwind.");
        return s;
    }

    private Section coldStart(Runs runs) throws IOException, InterruptedException {
        Section s = new Section("coldstart", "(e) Process cold start: a do-nothing WASI module", "ms", "weft");
        byte[] bytes = Lifecycle.resourceWasm("nothing.wat");
        Path wasm = scratch.resolve("nothing.wasm");
        Files.write(wasm, bytes);
        String subject = "nothing.wasm (" + bytes.length + " bytes)";
        List<Runs.Job> jobs = new ArrayList<>();
        for (Engine e : engines) {
            List<String> command = tools.command(e, wasm, List.of(), List.of());
            jobs.add(new Runs.Job(subject, "", e.id(), command, tools.display(command), ""));
        }
        addInEngineOrder(s, runs.interleave(s, jobs, coldRepeats(), 1000), subject, "", e -> true);
        s.note("Wall time of one process from start to exit, milliseconds: start the engine, load the module "
                + "(benchmarks/src/main/resources/macro/nothing.wat, encoded by Weft's own text parser and encoder), "
                + "instantiate with WASI, call the empty `_start`, exit. Weft and Chicory pay for a JVM start "
                + "(no class-data archive of their own); Node runs through guests/run-node.mjs, which starts a worker thread.");
        return s;
    }

    private Section lifecycle(Progress progress) {
        if (!engines.contains(Engine.WEFT)) {
            return new Section("lifecycle", "(b) Instance lifecycle, in process", "us", "weft")
                    .note("Not measured: weft is not among the engines that run.");
        }
        long warmup = config.mode() == Mode.QUICK ? 1_000_000_000L : 3_000_000_000L;
        return new Lifecycle(progress, Math.max(10, config.repeats()), warmup).run(config.root());
    }

    private Section wall(Runs runs) throws InterruptedException {
        Section s = new Section("wall", "(a) Guest programs: wall time per run", "s", Engine.WEFT.id());
        for (Program p : config.programs()) {
            for (Backend b : config.backends()) {
                List<Runs.Job> jobs = engines.stream().filter(e -> e.runs(b))
                        .map(e -> runs.guest(p, b, e, List.of(), e.id())).toList();
                addInEngineOrder(s, runs.interleave(s, jobs, config.repeats(), 1), p.invocation(config.mode()), b.id(),
                        e -> e.runs(b));
            }
        }
        s.note("Seconds per run, process start included (a JVM start for Weft and Chicory: see section (e)), "
                + "median (min–max) of " + config.repeats() + " timed runs after " + config.warmups() + " warm-up; "
                + "the engines of a row take turns run by run, so that changes in the machine's load hit them alike. Scale: `" + config.mode().id() + "` (`weft bench --help` lists each mode's arguments). "
                + "Every run's last line of output was checked against the value computed from the arguments; "
                + "a run that crashed, timed out or printed a wrong result is a failure, and none of its runs is timed.");
        s.note("Chicory has no stack switching and no `weft_fiber`, so it runs the Asyncify builds only (— in the table). "
                + "Node runs the native builds through guests/check/weft-fiber-jspi.mjs, a JSPI stand-in for `weft_fiber` "
                + "that is slow by construction (every switch goes through promises): it is no baseline for anything. "
                + "Weft runs them with its own `weft_fiber` host module (fibers/), which `weft run` links.");
        return s;
    }

    private Section pool(Runs runs) throws InterruptedException {
        Section s = new Section("pool", "(c) Stack pool versus no pool: c10m on Weft", "s", POOLED);
        if (!engines.contains(Engine.WEFT)) {
            return s.note("Not measured: weft is not among the engines that run.");
        }
        for (Backend b : config.backends()) {
            runs.interleave(s, List.of(runs.guest(Program.C10M, b, Engine.WEFT, List.of(), POOLED),
                            runs.guest(Program.C10M, b, Engine.WEFT, List.of("-D" + POOL_PROPERTY + "=unpooled"), UNPOOLED)),
                    config.repeats(), 1).forEach(s::add);
        }
        boolean known = Tools.jarMentions(tools.weftJar(), POOL_PROPERTY);
        s.note("`weft run` of c10m with the default stack pool and with `-D" + POOL_PROPERTY + "=unpooled` (a fresh "
                + "stack per continuation), seconds per run as in (a), the two taking turns run by run; the ratio is unpooled / pooled, so above 1× the pool helps. "
                + "The Asyncify build switches fibers inside linear memory and takes no stacks from the pool: its row is "
                + "a control that shows the noise between two identical configurations.");
        s.note(known
                ? "This weft.jar reads the `" + POOL_PROPERTY + "` property."
                : "**This weft.jar does not read `" + POOL_PROPERTY + "` yet** (no class in it mentions the name): both "
                + "columns ran the same configuration, so the ratios show only noise.");
        return s;
    }

    /**
     * Adds the measurements of one row in the order of the selected engines: the measured ones
     * and, for engines that are not installed, a skipped one (only where {@code applies}: the
     * engine can run the row's builds at all).
     */
    private void addInEngineOrder(Section s, List<Measurement> measured, String subject, String variant,
                                  Predicate<Engine> applies) {
        for (Engine e : config.engines()) {
            if (!applies.test(e)) {
                continue;
            }
            Measurement m = measured.stream().filter(x -> x.series().equals(e.id())).findFirst()
                    .orElseGet(() -> Measurement.skipped(subject, variant, e.id(), tools.missing(e).orElseThrow()));
            s.add(m);
        }
    }

    private void deleteScratch() throws IOException {
        if (!Files.isDirectory(scratch)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }
}
