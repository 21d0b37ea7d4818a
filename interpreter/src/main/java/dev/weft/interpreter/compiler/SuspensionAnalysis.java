package dev.weft.interpreter.compiler;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which functions of an instance may reach a suspension, i.e. leave Wasm frames on the stack that
 * a continuation would have to capture (compiled code lives on the Java stack and cannot be
 * captured yet). A function may suspend if it contains {@code suspend}, {@code switch} or a
 * {@code resume*}, or calls one that may. Imports: compiled functions and Wasm functions an earlier
 * analysis found safe cannot; host functions made with {@code HostFunction.nonSwitching} (WASI's,
 * the spec tests' {@code spectest}) cannot; any other host function may (it could return a
 * {@code HostControl} request, as {@code weft_fiber}'s do). Indirect calls ({@code call_indirect},
 * {@code call_ref}) may reach any function whose reference the module hands out with
 * {@code ref.func} or in segments; if references can also come from outside (imported tables or
 * reference globals, exported tables, reference-typed imports, exports or tags), they may suspend.
 */
final class SuspensionAnalysis {
    /** Interpreted Wasm functions known not to suspend, for modules that import them. */
    private static final Map<FunctionInstance, Boolean> KNOWN_SAFE = Collections.synchronizedMap(new WeakHashMap<>());

    private SuspensionAnalysis() {}

    /** For every function index (imports first): whether a call of it may suspend. */
    static boolean[] run(ValidatedModule vm, ModuleInstance inst) {
        Module m = vm.module();
        List<Import> funcImports = m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).toList();
        int imported = funcImports.size();
        int total = imported + m.functions().size();
        boolean[] may = new boolean[total];
        for (int i = 0; i < imported; i++) {
            may[i] = !importSafe(inst.function(i));
        }
        boolean[] indirect = new boolean[total];
        for (int j = 0; j < m.functions().size(); j++) {
            for (Instruction ins : m.functions().get(j).body()) {
                switch (ins.op()) {
                    case SUSPEND, SWITCH, RESUME, RESUME_THROW, RESUME_THROW_REF -> may[imported + j] = true;
                    case CALL_INDIRECT, RETURN_CALL_INDIRECT, CALL_REF, RETURN_CALL_REF -> indirect[imported + j] = true;
                    default -> { }
                }
            }
        }
        boolean[] referenced = referenced(m, total);
        boolean open = open(vm, inst);
        boolean changed = true;
        while (changed) {
            changed = false;
            boolean indirectMay = open;
            for (int i = 0; i < total && !indirectMay; i++) {
                indirectMay = referenced[i] && may[i];
            }
            for (int j = 0; j < m.functions().size(); j++) {
                int idx = imported + j;
                if (!may[idx] && (indirect[idx] && indirectMay || callsMay(m.functions().get(j), may))) {
                    may[idx] = true;
                    changed = true;
                }
            }
        }
        for (int idx = imported; idx < total; idx++) {
            if (!may[idx]) {
                KNOWN_SAFE.put(inst.function(idx), Boolean.TRUE);
            }
        }
        return may;
    }

    private static boolean callsMay(Function f, boolean[] may) {
        for (Instruction ins : f.body()) {
            if ((ins.op() == dev.weft.interpreter.ast.Op.CALL || ins.op() == dev.weft.interpreter.ast.Op.RETURN_CALL)
                    && may[((Instruction.Indexed) ins).index()]) {
                return true;
            }
        }
        return false;
    }

    /** Per function index: whether the module hands out a reference to it ({@code ref.func} anywhere). */
    static boolean[] referenced(Module m, int total) {
        boolean[] referenced = new boolean[total];
        for (Function f : m.functions()) {
            markRefs(new Expression(f.body()), referenced);
        }
        m.elements().forEach(seg -> seg.items().forEach(e -> markRefs(e, referenced)));
        m.globals().forEach(g -> markRefs(g.init(), referenced));
        m.tables().forEach(t -> markRefs(t.init(), referenced));
        return referenced;
    }

    private static void markRefs(Expression e, boolean[] referenced) {
        if (e == null) {
            return;
        }
        for (Instruction ins : e.instructions()) {
            if (ins.op() == dev.weft.interpreter.ast.Op.REF_FUNC) {
                referenced[((Instruction.Indexed) ins).index()] = true;
            }
        }
    }

    private static boolean importSafe(FunctionInstance f) {
        if (BytecodeSupport.hostOf(f) instanceof BytecodeEntry) {
            return true;
        }
        if (BytecodeSupport.isInterpreted(f)) {
            return KNOWN_SAFE.containsKey(f);
        }
        return BytecodeSupport.neverSwitches(f);
    }

    /** Whether function references may enter the module from outside (see the class comment). */
    static boolean open(ValidatedModule vm, ModuleInstance inst) {
        Module m = vm.module();
        for (Import imp : m.imports()) {
            boolean opens = switch (imp.desc()) {
                case ImportDesc.Table t -> true;
                case ImportDesc.Global g -> mayHoldFunction(g.type().type());
                case ImportDesc.Func f -> anyRef(funcType(vm, f.typeIndex()).results());
                case ImportDesc.Tag t -> anyRef(funcType(vm, t.type().typeIndex()).params());
                case ImportDesc.Memory mem -> false;
            };
            if (opens) {
                return true;
            }
        }
        for (Export e : m.exports()) {
            boolean opens = switch (e.kind()) {
                case TABLE -> true;
                case GLOBAL -> inst.global(e.index()).type().mutable() && mayHoldFunction(inst.global(e.index()).type().type());
                case FUNC -> anyRef(inst.function(e.index()).type().params());
                case TAG -> anyRef(inst.tag(e.index()).type().params());
                case MEMORY -> false;
            };
            if (opens) {
                return true;
            }
        }
        return false;
    }

    private static CompositeType.Func funcType(ValidatedModule vm, int typeIndex) {
        return (CompositeType.Func) vm.types().get(typeIndex).composite();
    }

    private static boolean anyRef(List<ValType> types) {
        return types.stream().anyMatch(SuspensionAnalysis::mayHoldFunction);
    }

    private static boolean mayHoldFunction(ValType t) {
        return t instanceof RefType rt && rt.heapType() != AbsHeapType.EXTERN && rt.heapType() != AbsHeapType.NOEXTERN;
    }
}
