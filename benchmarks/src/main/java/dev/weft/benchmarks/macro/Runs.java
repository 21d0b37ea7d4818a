package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures commands as fresh processes: warm-up runs, then timed runs, every one checked with
 * {@link OutputCheck}. The jobs of one table row are interleaved (run 1 of each, then run 2 of
 * each, ...), so a change in the load of the shared machine hits them alike and their ratio stays
 * fair. The first run of a job that fails ends that job as failed (its other runs are not made),
 * so a failure is never timed as a success; the other jobs go on.
 */
final class Runs {
    /**
     * One command to measure.
     *
     * @param shown    the command as the report lists it (a template for the guests)
     * @param expected the last line it must print ("" for nothing)
     */
    record Job(String subject, String variant, String series, List<String> command, String shown, String expected) {
        String what(String section) {
            return section + ": " + (variant.isEmpty() ? subject : subject + " " + variant) + " on " + series;
        }
    }

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

    /** Progress steps (process runs) one job plans with {@code repeats} timed runs. */
    int steps(int repeats) {
        return config.warmups() + repeats;
    }

    /** The job that runs {@code program} built for {@code backend} on {@code engine}. */
    Job guest(Program program, Backend backend, Engine engine, List<String> jvmFlags, String series) {
        List<String> args = program.args(config.mode());
        Path wasm = config.root().resolve(program.wasm(backend));
        Path template = config.root().resolve("guests/build/<program>-" + backend.id() + ".wasm");
        return new Job(program.invocation(config.mode()), backend.id(), series,
                tools.command(engine, wasm, args, jvmFlags),
                tools.display(tools.command(engine, template, List.of("<args>"), jvmFlags)), program.expected(args));
    }

    /**
     * Runs each job {@code warmups} times, then {@code repeats} timed rounds of one run of each
     * job still going; returns a measurement per job, in job order, for the caller to add to
     * {@code section} (timed runs in {@code unitPerSecond} units: 1 for seconds, 1000 for
     * milliseconds). The jobs' commands are recorded in {@code section}.
     */
    List<Measurement> interleave(Section section, List<Job> jobs, int repeats, double unitPerSecond)
            throws InterruptedException {
        Measurement[] results = new Measurement[jobs.size()];
        List<List<Double>> samples = new ArrayList<>();
        for (Job job : jobs) {
            section.command(job.shown());
            samples.add(new ArrayList<>());
        }
        for (int j = 0; j < jobs.size(); j++) {
            for (int w = 0; w < config.warmups() && results[j] == null; w++) {
                Job job = jobs.get(j);
                progress.step(job.what(section.id()) + ", warm-up " + (w + 1));
                int left = config.warmups() - w - 1 + repeats;
                results[j] = run(job, left).map(why -> Measurement.failed(job.subject(), job.variant(), job.series(), why))
                        .orElse(null);
            }
        }
        for (int r = 0; r < repeats; r++) {
            for (int j = 0; j < jobs.size(); j++) {
                if (results[j] != null) {
                    continue;
                }
                Job job = jobs.get(j);
                progress.step(job.what(section.id()) + ", run " + (r + 1) + "/" + repeats);
                ProcessRunner.Outcome[] outcome = new ProcessRunner.Outcome[1];
                Optional<String> failure = run(job, repeats - r - 1, outcome);
                if (failure.isPresent()) {
                    results[j] = Measurement.failed(job.subject(), job.variant(), job.series(), failure.get());
                } else {
                    samples.get(j).add(outcome[0].seconds() * unitPerSecond);
                }
            }
        }
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            if (results[j] == null) {
                results[j] = Measurement.ok(job.subject(), job.variant(), job.series(), samples.get(j));
                Summary s = results[j].summary();
                progress.info(String.format("%s: median %s (%s–%s) %s", job.series(),
                        Format.number(s.median(), section.unit()), Format.number(s.min(), section.unit()),
                        Format.number(s.max(), section.unit()), section.unit()));
            }
        }
        return List.of(results);
    }

    private Optional<String> run(Job job, int stepsLeftIfFailed) throws InterruptedException {
        return run(job, stepsLeftIfFailed, new ProcessRunner.Outcome[1]);
    }

    /** One run of {@code job}: why it failed, or empty with its outcome in {@code outcome[0]}. */
    private Optional<String> run(Job job, int stepsLeftIfFailed, ProcessRunner.Outcome[] outcome)
            throws InterruptedException {
        Optional<String> failure;
        try {
            outcome[0] = runner.run(job.command(), config.timeout());
            failure = OutputCheck.failure(outcome[0], job.expected(), config.timeout().toSeconds());
        } catch (IOException e) {
            failure = Optional.of("cannot start: " + e.getMessage());
        }
        failure.ifPresent(why -> {
            progress.skip(stepsLeftIfFailed);
            progress.info(job.series() + " failed: " + why);
        });
        return failure;
    }
}
