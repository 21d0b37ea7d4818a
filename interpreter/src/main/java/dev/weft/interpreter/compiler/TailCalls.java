package dev.weft.interpreter.compiler;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * When compiled code may do a tail call as an ordinary call and return. A {@code return_call} to
 * the function itself is a jump; to another function it adds Java frames, which stay bounded
 * unless tail calls can lead back: so it compiles only if no chain of tail calls from the callee
 * reaches the caller or leaves for another module's Wasm code. An indirect tail call
 * ({@code return_call_indirect}, {@code return_call_ref}) may go to any function the module
 * hands out by reference, or anywhere when references can come in from outside. Interpreted code does every tail call in constant space.
 */
final class TailCalls {
    /** Per function index: direct tail-call targets other than itself; null for an import. */
    private final List<List<Integer>> targets = new ArrayList<>();
    /** Per function index: whether its tail calls may go anywhere (indirect, or out of the module's reach). */
    private final boolean[] open;

    TailCalls(ValidatedModule vm, ModuleInstance inst, int imported) {
        Module m = vm.module();
        int total = imported + m.functions().size();
        open = new boolean[total];
        boolean[] referenced = SuspensionAnalysis.referenced(m, total);
        boolean refsFromOutside = SuspensionAnalysis.open(vm, inst);
        for (int i = 0; i < imported; i++) {
            FunctionInstance f = inst.function(i);
            // a host function returns; imported Wasm code might tail-call back through its module
            open[i] = BytecodeSupport.isInterpreted(f) || BytecodeSupport.hostOf(f) instanceof BytecodeEntry;
            targets.add(List.of());
        }
        for (int j = 0; j < m.functions().size(); j++) {
            List<Integer> t = new ArrayList<>();
            for (Instruction ins : m.functions().get(j).body()) {
                if (ins.op() == Op.RETURN_CALL && ((Instruction.Indexed) ins).index() != imported + j) {
                    t.add(((Instruction.Indexed) ins).index());
                } else if (ins.op() == Op.RETURN_CALL_INDIRECT || ins.op() == Op.RETURN_CALL_REF) {
                    // any function the module hands out, or anything at all if references come in
                    open[imported + j] |= refsFromOutside;
                    for (int f = 0; f < total; f++) {
                        if (referenced[f]) {
                            t.add(f);
                        }
                    }
                }
            }
            targets.add(t);
        }
    }

    /** Whether every tail call of function {@code index} to another function keeps the Java stack bounded. */
    boolean bounded(int index) {
        if (open[index]) {
            return false;
        }
        boolean[] seen = new boolean[open.length];
        Deque<Integer> work = new ArrayDeque<>(targets.get(index));
        while (!work.isEmpty()) {
            int f = work.pop();
            if (f == index || open[f]) {
                return false;
            }
            if (!seen[f]) {
                seen[f] = true;
                work.addAll(targets.get(f));
            }
        }
        return true;
    }
}
