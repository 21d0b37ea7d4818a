package dev.weft.waeio;

import dev.weft.interpreter.Instance;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.wasi.Wasi;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module rewritten to count what it executes, in exported mutable i64 globals: every
 * instruction of the original code ({@link #INSTRUCTIONS}), and each call of a
 * {@code wasi_snapshot_preview1} import ({@code "wasi:" + name}). Straight-line runs end at
 * every control or call instruction; each run starts by adding its length to the counter, so a
 * run is counted once each time it starts (a trap or an exception in the middle of a run would
 * over-count the rest of it; the server guests do neither while serving).
 */
final class CountingModule {
    /** The export name of the instruction counter. */
    static final String INSTRUCTIONS = "count:instructions";
    private static final String WASI_PREFIX = "count:wasi:";

    /** Instructions after which a new straight-line run starts. */
    private static final Set<Op> ENDS_RUN = EnumSet.of(Op.UNREACHABLE, Op.BLOCK, Op.LOOP, Op.IF, Op.ELSE,
            Op.END, Op.BR, Op.BR_IF, Op.BR_TABLE, Op.RETURN, Op.TRY_TABLE, Op.THROW, Op.THROW_REF,
            Op.BR_ON_NULL, Op.BR_ON_NON_NULL, Op.BR_ON_CAST, Op.BR_ON_CAST_FAIL, Op.SUSPEND, Op.RESUME,
            Op.RESUME_THROW, Op.RESUME_THROW_REF, Op.SWITCH);

    private CountingModule() {}

    /** {@code module} with the counters added (function and global indices stay as they were). */
    static Module of(Module module) {
        int importedGlobals = module.imports(ExternKind.GLOBAL).size();
        int counter = importedGlobals + module.globals().size();
        List<Global> globals = new ArrayList<>(module.globals());
        List<Export> exports = new ArrayList<>(module.exports());
        globals.add(zero());
        exports.add(new Export(INSTRUCTIONS, ExternKind.GLOBAL, counter));
        Map<Integer, Integer> wasiCounters = new LinkedHashMap<>(); // function index -> global index
        int function = 0;
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof ImportDesc.Func) {
                if (imp.module().equals(Wasi.MODULE)) {
                    int g = importedGlobals + globals.size();
                    globals.add(zero());
                    exports.add(new Export(WASI_PREFIX + imp.name(), ExternKind.GLOBAL, g));
                    wasiCounters.put(function, g);
                }
                function++;
            }
        }
        List<Function> functions = new ArrayList<>();
        for (Function f : module.functions()) {
            functions.add(new Function(f.typeIndex(), f.locals(), counted(f.body(), counter, wasiCounters)));
        }
        return new Module(module.recTypes(), module.imports(), functions, module.tables(), module.memories(),
                globals, module.tags(), exports, module.start(), module.elements(), module.data(),
                module.dataCount(), module.customs());
    }

    /** The instructions executed so far by {@code instance} of a counting module. */
    static long instructions(Instance instance) {
        return instance.global(INSTRUCTIONS).get().bits();
    }

    /** The WASI calls made so far by {@code instance}, by function name (only those called). */
    static Map<String, Long> wasiCalls(Instance instance) {
        Map<String, Long> calls = new LinkedHashMap<>();
        instance.exports().forEach((name, e) -> {
            if (name.startsWith(WASI_PREFIX)) {
                long n = instance.global(name).get().bits();
                if (n != 0) {
                    calls.put(name.substring(WASI_PREFIX.length()), n);
                }
            }
        });
        return calls;
    }

    private static List<Instruction> counted(List<Instruction> body, int counter, Map<Integer, Integer> wasiCounters) {
        List<Instruction> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.size(); i++) {
            Instruction in = body.get(i);
            if (i == body.size() - 1 || endsRun(in.op())) {
                add(out, counter, i + 1 - start);
                for (int j = start; j <= i; j++) {
                    Instruction x = body.get(j);
                    if (x.op() == Op.CALL && x instanceof Instruction.Indexed call
                            && wasiCounters.containsKey(call.index())) {
                        add(out, wasiCounters.get(call.index()), 1);
                    }
                    out.add(x);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean endsRun(Op op) {
        return ENDS_RUN.contains(op) || op.name().startsWith("CALL") || op.name().startsWith("RETURN_CALL");
    }

    /** {@code global[g] += n}: stack-neutral, so it fits anywhere in a body. */
    private static void add(List<Instruction> out, int g, long n) {
        out.add(new Instruction.Indexed(Op.GLOBAL_GET, g));
        out.add(new Instruction.Const(Op.I64_CONST, n));
        out.add(new Instruction.Plain(Op.I64_ADD));
        out.add(new Instruction.Indexed(Op.GLOBAL_SET, g));
    }

    private static Global zero() {
        return new Global(new GlobalType(NumType.I64, true), Expression.of(new Instruction.Const(Op.I64_CONST, 0)));
    }
}
