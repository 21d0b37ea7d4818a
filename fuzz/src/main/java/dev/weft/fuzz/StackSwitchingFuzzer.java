package dev.weft.fuzz;

import dev.weft.continuations.ContinuationStats;
import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Continuation;
import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.text.WatParser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

/**
 * Stack-switching programs (fuzzer c): case {@code i} of seed {@code s} generates a
 * {@link SwitchingProgram}, runs its WAT on Weft (always on the same worker thread) and checks it
 * against {@link SwitchingModel}: the log must be the model's, {@code pingpong(n)} (a
 * {@code switch} ping-pong) must return {@code n + 1}, Weft's own counters must balance (as many
 * continuations created as the model executed {@code cont.new}, each of them completed or
 * abandoned; the stack pool's in-use count unchanged by a second run), and the generators driven
 * from Java through {@link Continuation} must produce the model's per-slot events.
 */
public final class StackSwitchingFuzzer {
    static final long CASE_MILLIS = 20_000;

    public enum Outcome { AGREE, MISMATCH, CRASH, HANG }

    private final Findings findings;
    private final Bounded.Worker worker = new Bounded.Worker();
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);

    public StackSwitchingFuzzer(Findings findings) {
        this.findings = findings;
    }

    public Map<Outcome, Long> counts() {
        return counts;
    }

    public boolean hung() {
        return counts.containsKey(Outcome.HANG);
    }

    public void run(long seed, long first, Budget budget, long progressEvery) {
        budget.runCases("stack-switching", first, progressEvery * 10, Outcome.HANG, i -> runCase(seed, i), this::counts);
    }

    public Outcome runCase(long seed, long index) {
        SwitchingProgram program = SwitchingProgram.random(new Random(seed * 0x9E3779B97F4A7C15L + index));
        return check(program, "stack-switching-seed" + seed + "-case" + index,
                "replay: FuzzMain stack-switching --seed " + seed + " --first " + index + " --cases 1");
    }

    /** Checks one given program. */
    Outcome runProgram(SwitchingProgram program) {
        return check(program, "stack-switching-program", "");
    }

    private Outcome check(SwitchingProgram program, String name, String replay) {
        String wat = program.wat();
        SwitchingModel.Expected expected = SwitchingModel.run(program);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("module.wat", wat);
        files.put("expected-log.txt", expected.log());
        Outcome o;
        try {
            String problem = worker.run(CASE_MILLIS, () -> check(wat, program, expected));
            if (problem == null) {
                o = Outcome.AGREE;
            } else {
                findings.record(name, problem + "\n" + replay, files);
                o = Outcome.MISMATCH;
            }
        } catch (Bounded.Hang h) {
            findings.record(name, "hang: " + h.getMessage() + "\n" + replay, files);
            o = Outcome.HANG;
        } catch (ExecutionException e) {
            files.put("stack.txt", DifferentialFuzzer.stackTrace(e.getCause()));
            findings.record(name, "threw " + e.getCause() + "\n" + replay, files);
            o = Outcome.CRASH;
        }
        counts.merge(o, 1L, Long::sum);
        return o;
    }

    /**
     * Null when Weft agrees with the model, else what differs. The program runs twice, each time
     * in a new instance on the worker thread: the first run may grow the thread's stack cache,
     * the second must not leave the pool's in-use count above where the first left it (a stack
     * that a finished continuation did not give back would show up here).
     */
    private static String check(String wat, SwitchingProgram program, SwitchingModel.Expected expected) throws Exception {
        CompiledModule compiled = CompiledModule.compile(WatParser.parseModule(wat));
        String problem = runOnce(compiled, program, expected);
        if (problem != null) {
            return problem;
        }
        int inUse = Continuation.stats().pool().inUse();
        problem = runOnce(compiled, program, expected);
        if (problem != null) {
            return "second run: " + problem;
        }
        int again = Continuation.stats().pool().inUse();
        // a leak makes the count grow; it may fall meanwhile, when the Cleaner gives back the
        // stacks of continuations that earlier work dropped unfinished
        return again <= inUse ? null : "stack pool in use: " + inUse + " after the first run, " + again + " after the second";
    }

    private static String runOnce(CompiledModule compiled, SwitchingProgram program, SwitchingModel.Expected expected)
            throws Exception {
        List<Integer> log = new ArrayList<>();
        Linker linker = new Linker();
        linker.define("fuzz", "log", HostFunction.of(new CompositeType.Func(List.of(NumType.I32), List.of()), args -> {
            log.add(args[0].asInt());
            return new Value[0];
        }));
        Instance instance = linker.instantiate(compiled);
        ContinuationStats before = Continuation.stats();
        instance.function("run").call();
        if (program.pingPong() >= 0) {
            int r = instance.function("pingpong").call(Value.i32(program.pingPong()))[0].asInt();
            if (r != program.pingPong() + 1) {
                return "pingpong(" + program.pingPong() + ") returned " + r + ", expected " + (program.pingPong() + 1);
            }
        }
        ContinuationStats after = Continuation.stats();
        if (!log.equals(expected.log())) {
            return "log differs from the model:\n weft  " + log + "\n model " + expected.log();
        }
        long created = after.created() - before.created();
        long finished = after.completed() - before.completed() + after.abandoned() - before.abandoned();
        if (created != expected.created()) {
            return "continuations created: weft " + created + ", model " + expected.created();
        }
        if (finished != created) {
            return "continuations created " + created + " but completed + abandoned " + finished + " (" + after + ")";
        }
        List<Integer> hostLog = driveFromHost(instance, program);
        if (!hostLog.equals(expected.hostLog())) {
            return "driven from the host through Continuation, the log differs from the model:\n weft  " + hostLog
                    + "\n model " + expected.hostLog();
        }
        return null;
    }

    /**
     * Each slot's generator driven to completion from Java: {@code Continuation.of} with both
     * tags, answering as the scheduler does; questions from nested generators pass through their
     * drain's Wasm handler to the host. A two-parameter generator gets its bound value as first
     * argument, as {@code cont.bind} gives it.
     */
    private static List<Integer> driveFromHost(Instance instance, SwitchingProgram program) {
        List<Integer> log = new ArrayList<>();
        Tag yield = (Tag) instance.export("yield");
        Tag outer = (Tag) instance.export("outer");
        for (int i = 0; i < program.slots().size(); i++) {
            SwitchingProgram.Slot slot = program.slots().get(i);
            SwitchingProgram.Generator g = program.generators().get(slot.generator());
            Continuation k = Continuation.of(instance.function("g" + slot.generator()), yield, outer);
            Continuation.Step step = g.twoParams() ? k.resume(Value.i32(g.bound()), Value.i32(slot.arg()))
                    : k.resume(Value.i32(slot.arg()));
            int base = 1000 * (i + 1);
            while (step instanceof Continuation.Step.Suspended s) {
                int v = s.payload()[0].asInt();
                boolean isYield = s.tag() == yield;
                log.add(base + (isYield ? 1 : 2));
                log.add(v);
                step = s.next().resume(Value.i32(isYield ? v + i : v * 2));
            }
            log.add(base);
            log.add(((Continuation.Step.Returned) step).values()[0].asInt());
        }
        return log;
    }
}
