package dev.weft.fuzz;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Externs;
import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.Spectest;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.UnhandledSuspension;
import dev.weft.interpreter.UninstantiableException;
import dev.weft.interpreter.UnlinkableException;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

/**
 * Structure-aware mutation (fuzzer a). Case {@code i} of seed {@code s} takes one of the seed
 * modules in {@code seeds/} and mutates either its decoded form ({@link ModuleMutator}, then
 * perhaps its section framing, {@link SectionMutator}) or its text ({@link TextMutator}); then
 * decodes or parses it, validates and compiles it, and if that succeeds, instantiates a
 * fuel-bounded copy ({@link FuelInstrumenter}) with stub imports and calls every exported function
 * with zero arguments. Every outcome must be one of the engine's own: malformed, invalid,
 * unlinkable, uninstantiable, a trap, a Wasm exception, an unhandled suspension, or results. Any
 * other exception or error, or a case that does not finish within {@link #CASE_MILLIS}, is a
 * finding.
 */
public final class MutationFuzzer {
    static final long CASE_MILLIS = 20_000;
    static final List<String> SEED_NAMES = List.of("core", "tables", "memory64", "exceptions", "continuations");

    public enum Outcome { MALFORMED, INVALID, UNLINKABLE, UNINSTANTIABLE, TRAPPED, THREW, RAN, SKIPPED, CRASH, HANG }

    private final Findings findings;
    private final List<String> seedTexts = new ArrayList<>();
    private final List<Module> seedModules = new ArrayList<>();
    private final List<byte[]> seedBinaries = new ArrayList<>();
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final int maxWrap;

    public MutationFuzzer(Findings findings) {
        this(findings, 64);
    }

    /** {@code maxWrap}: the deepest nesting a text mutation may add (deep nesting is issue 17 bug 3). */
    public MutationFuzzer(Findings findings, int maxWrap) {
        this.findings = findings;
        this.maxWrap = maxWrap;
        for (String name : SEED_NAMES) {
            String text = seedText(name);
            try {
                Module m = WatParser.parseModule(text);
                CompiledModule.compile(m);
                seedTexts.add(text);
                seedModules.add(m);
                seedBinaries.add(BinaryEncoder.encode(m));
            } catch (MalformedModuleException | InvalidModuleException e) {
                throw new IllegalStateException("seed " + name + " is not valid: " + e.getMessage(), e);
            }
        }
    }

    static String seedText(String name) {
        try (InputStream in = MutationFuzzer.class.getResourceAsStream("seeds/" + name + ".wat")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<Outcome, Long> counts() {
        return counts;
    }

    public boolean hung() {
        return counts.containsKey(Outcome.HANG);
    }

    public void run(long seed, long first, Budget budget, long progressEvery) {
        budget.runCases("mutation", first, progressEvery * 100, Outcome.HANG, i -> runCase(seed, i), this::counts);
    }

    /** Runs case {@code index} of {@code seed}. */
    public Outcome runCase(long seed, long index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int k = r.nextInt(seedModules.size());
        boolean text = r.nextInt(10) < 3;
        byte[] binary = null;
        String source = null;
        if (text) {
            source = new TextMutator(r, maxWrap).mutate(seedTexts.get(k));
        } else {
            try {
                binary = BinaryEncoder.encode(new ModuleMutator(r).mutate(seedModules.get(k)));
            } catch (RuntimeException e) {
                // the encoder is not an input path: a mutated tree it cannot write is skipped
                counts.merge(Outcome.SKIPPED, 1L, Long::sum);
                return Outcome.SKIPPED;
            }
            if (r.nextInt(10) < 4) {
                binary = new SectionMutator(r).mutate(binary, seedBinaries.get(r.nextInt(seedBinaries.size())));
            }
        }
        String name = "mutation-seed" + seed + "-case" + index;
        Map<String, Object> files = new LinkedHashMap<>();
        if (text) {
            files.put("module.wat", source);
        } else {
            files.put("module.wasm", binary);
        }
        String replay = "replay: FuzzMain mutation --seed " + seed + " --first " + index + " --cases 1";
        String[] stage = {"start"};
        byte[] b = binary;
        String s = source;
        Outcome o;
        try {
            o = Bounded.run(name, CASE_MILLIS, () -> load(b, s, stage));
        } catch (Bounded.Hang h) {
            findings.record(name, "hang in " + stage[0] + ": " + h.getMessage() + "\n" + replay, files);
            o = Outcome.HANG;
        } catch (ExecutionException e) {
            files.put("stack.txt", DifferentialFuzzer.stackTrace(e.getCause()));
            findings.record(name, "escaped in " + stage[0] + " as " + e.getCause() + "\n" + replay, files);
            o = Outcome.CRASH;
        }
        counts.merge(o, 1L, Long::sum);
        return o;
    }

    private static Outcome load(byte[] binary, String text, String[] stage) {
        Module m;
        try {
            stage[0] = binary != null ? "decode" : "parse";
            m = binary != null ? BinaryDecoder.decode(binary) : WatParser.parseModule(text);
            stage[0] = "validate/compile";
            CompiledModule.compile(m);
        } catch (MalformedModuleException e) {
            return Outcome.MALFORMED;
        } catch (InvalidModuleException e) {
            return Outcome.INVALID;
        }
        Instance instance;
        try {
            stage[0] = "compile (fuel-instrumented)";
            CompiledModule bounded = CompiledModule.compile(FuelInstrumenter.instrument(m, 20_000));
            stage[0] = "instantiate";
            instance = stubs(m).instantiate(bounded);
        } catch (InvalidModuleException e) {
            return Outcome.INVALID; // e.g. one global too many for the fuel
        } catch (UnlinkableException e) {
            return Outcome.UNLINKABLE;
        } catch (UninstantiableException e) {
            return Outcome.UNINSTANTIABLE;
        }
        Outcome o = Outcome.RAN;
        for (Export e : m.exports()) {
            if (e.kind() != ExternKind.FUNC) {
                continue;
            }
            stage[0] = "run " + e.name();
            WasmFunction f = (WasmFunction) instance.export(e.name());
            List<ValType> params = f.type().params();
            if (params.stream().anyMatch(p -> p instanceof RefType rt && !rt.nullable())) {
                continue;
            }
            try {
                f.call(params.stream().map(Value::zero).toArray(Value[]::new));
            } catch (Trap t) {
                o = Outcome.TRAPPED;
            } catch (WasmException | UnhandledSuspension x) {
                o = Outcome.THREW;
            }
        }
        return o;
    }

    /** spectest, plus a stub for every other function, global, small table and small memory import. */
    private static Linker stubs(Module m) {
        Linker linker = new Linker();
        Spectest.define(linker, new PrintStream(OutputStream.nullOutputStream()));
        for (Import imp : m.imports()) {
            if (linker.lookup(imp.module(), imp.name()) != null) {
                continue;
            }
            switch (imp.desc()) {
                case ImportDesc.Func f when f.typeIndex() < m.types().size()
                        && m.types().get(f.typeIndex()).composite() instanceof CompositeType.Func t ->
                        linker.define(imp.module(), imp.name(), HostFunction.of(t,
                                args -> t.results().stream().map(Value::zero).toArray(Value[]::new)));
                case ImportDesc.Global g -> linker.define(imp.module(), imp.name(),
                        Externs.global(g.type(), Value.zero(g.type().type())));
                case ImportDesc.Table t when t.type().limits().min() >= 0 && t.type().limits().min() < 10_000 ->
                        defineIfAccepted(linker, imp, () -> Externs.table(t.type(), null));
                case ImportDesc.Memory mem when mem.type().limits().min() >= 0 && mem.type().limits().min() < 64 ->
                        defineIfAccepted(linker, imp, () -> Externs.memory(mem.type()));
                default -> { }
            }
        }
        return linker;
    }

    /** Defines the stub unless Externs refuses its type (IllegalArgumentException): then the import stays unresolved. */
    private static void defineIfAccepted(Linker linker, Import imp, java.util.function.Supplier<dev.weft.interpreter.Extern> stub) {
        try {
            linker.define(imp.module(), imp.name(), stub.get());
        } catch (IllegalArgumentException e) {
            // e.g. a minimum above the maximum: the module will be unlinkable
        }
    }
}
