package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures commands as fresh processes: warm-up runs, then timed runs, every one checked with
 * {@link OutputCheck}. The first run that fails ends the measurement as failed (the rest are
 * not run), so a failure is never timed as a success.
 */
final class Runs {
    private final ProcessRunner runner;
    private final Tools tools;
    private final Progress progress;
    private final BenchConfig config;

    Runs(ProcessRunner runner, Tools tools, Progress progress, BenchConfig config) {
        this.runner = runner;
        this.tools = tools;
        this.progress = progress;
        this.config = config;
    }

    /** Progress steps (process runs) one measurement plans with {@code repeats} timed runs. */
    int steps(int repeats) {
        return config.warmups() + repeats;
    }

    /**
     * Runs {@code command} {@code warmups + repeats} times and records the timed runs in
     * {@code section} (in {@code unitPerSecond} units: 1 for seconds, 1000 for ms), and
     * {@code shown}, the command as the report lists it.
     */
    Measurement measure(Section section, String subject, String variant, String series, List<String> command,
                        String shown, String expected, int repeats, double unitPerSecond) throws InterruptedException {
        section.command(shown);
        String what = section.id() + ": " + (variant.isEmpty() ? subject : subject + " " + variant) + " on " + series;
        List<Double> samples = new ArrayList<>();
        int total = steps(repeats);
        for (int i = 0; i < total; i++) {
            boolean warm = i < config.warmups();
            progress.step(what + (warm ? ", warm-up " + (i + 1) : ", run " + (i + 1 - config.warmups()) + "/" + repeats));
            Optional<String> failure;
            ProcessRunner.Outcome o = null;
            try {
                o = runner.run(command, config.timeout());
                failure = OutputCheck.failure(o, expected, config.timeout().toSeconds());
            } catch (IOException e) {
                failure = Optional.of("cannot start: " + e.getMessage());
            }
            if (failure.isPresent()) {
                progress.skip(total - i - 1);
                progress.info("failed: " + failure.get());
                return add(section, Measurement.failed(subject, variant, series, failure.get()));
            }
            if (!warm) {
                samples.add(o.seconds() * unitPerSecond);
            }
        }
        Summary s = Summary.of(samples);
        progress.info(String.format("median %s (%s–%s) %s", Format.number(s.median(), section.unit()),
                Format.number(s.min(), section.unit()), Format.number(s.max(), section.unit()), section.unit()));
        return add(section, Measurement.ok(subject, variant, series, samples));
    }

    /** Runs {@code program} built for {@code backend} on {@code engine}. */
    Measurement guest(Section section, Program program, Backend backend, Engine engine, List<String> jvmFlags,
                      String series) throws InterruptedException {
        List<String> args = program.args(config.mode());
        Path wasm = config.root().resolve(program.wasm(backend));
        Path template = config.root().resolve("guests/build/<program>-" + backend.id() + ".wasm");
        String shown = tools.display(tools.command(engine, template, List.of("<args>"), jvmFlags));
        return measure(section, program.invocation(config.mode()), backend.id(), series,
                tools.command(engine, wasm, args, jvmFlags), shown, program.expected(args), config.repeats(), 1);
    }

    private static Measurement add(Section section, Measurement m) {
        section.add(m);
        return m;
    }
}
