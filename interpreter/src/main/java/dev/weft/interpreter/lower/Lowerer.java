package dev.weft.interpreter.lower;

import static dev.weft.interpreter.code.Opcodes.*;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Global;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.code.GcLayout;
import dev.weft.interpreter.valid.FunctionInfo;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers validated function bodies to internal code (see {@link dev.weft.interpreter.code.Instr}). Structured control
 * emits nothing: a branch becomes a jump to a resolved pc, plus, only when the operand stack has
 * extra values below the carried ones, the carried slot count and the height (relative to fp) to
 * move them to. Unreachable code (height -1 from the validator) is skipped. A few pairs are
 * fused: a comparison or {@code i32.eqz} with the following {@code br_if}/{@code if},
 * {@code i32.const}+{@code i32.add}, and two numeric {@code local.get}s.
 *
 * <p>The opcodes and their immediates are the table {@link dev.weft.interpreter.code.Instr}. A
 * {@code try_table} emits no code but adds handler entries ({@link CompiledFunction#HANDLER_ENTRY}), innermost
 * first.
 */
public final class Lowerer {
    private final ValidatedModule vm;
    private final List<ValType> globalTypes = new ArrayList<>();
    private final List<MemoryType> memoryTypes = new ArrayList<>();
    private final List<Integer> tagTypes = new ArrayList<>();
    /** Resume instructions lowered so far in this function (their handler-table cache index). */
    private int resumeSites;
    private final CodeBuffer out;
    private final List<Label> labels = new ArrayList<>();
    private final InstructionLowering instructions;
    private ValType[] localTypes;
    private int[] localSlots;
    private int numLocals;
    private int[] heights;
    private byte[] kinds;
    /** Handler entries whose target pcs are resolved at the end: (try label, clause index). */
    private final List<Label> handlerTries = new ArrayList<>();
    private final IntList handlerClauses = new IntList();
    private final IntList handlerEnds = new IntList();

    private Lowerer(ValidatedModule vm, boolean fuse) {
        this.vm = vm;
        this.out = new CodeBuffer(fuse);
        this.instructions = new InstructionLowering(this, out);
        Module m = vm.module();
        for (Import i : m.imports()) {
            if (i.desc() instanceof ImportDesc.Global g) {
                globalTypes.add(g.type().type());
            } else if (i.desc() instanceof ImportDesc.Memory mem) {
                memoryTypes.add(mem.type());
            } else if (i.desc() instanceof ImportDesc.Tag t) {
                tagTypes.add(t.type().typeIndex());
            }
        }
        for (Global g : m.globals()) {
            globalTypes.add(g.type().type());
        }
        memoryTypes.addAll(m.memories());
        m.tags().forEach(t -> tagTypes.add(t.typeIndex()));
    }

    /** Lowers every defined function of a validated module. */
    public static CompiledFunction[] lowerAll(ValidatedModule vm) {
        return lowerAll(vm, true);
    }

    /** As {@link #lowerAll(ValidatedModule)}; {@code fuse} false emits no fused forms (tests compare both). */
    public static CompiledFunction[] lowerAll(ValidatedModule vm, boolean fuse) {
        ConstExprCheck.checkSupported(vm);
        int n = vm.module().functions().size();
        CompiledFunction[] result = new CompiledFunction[n];
        for (int i = 0; i < n; i++) {
            result[i] = new Lowerer(vm, fuse).lower(i);
        }
        return result;
    }

    CompositeType.Func funcType(int typeIndex) {
        return (CompositeType.Func) vm.types().get(typeIndex).composite();
    }

    private CompiledFunction lower(int index) {
        Function f = vm.module().functions().get(index);
        FunctionInfo info = vm.functions().get(index);
        CompositeType.Func type = funcType(f.typeIndex());
        layoutLocals(type, f);
        heights = info.heightBefore();
        kinds = info.operandKind();
        int numParams = ValType.slots(type.params());
        int numResults = ValType.slots(type.results());
        labels.add(Label.block(0, numResults));
        List<Instruction> body = f.body();
        int[] pcs = f.offsets() == null ? null : new int[body.size()];
        for (int i = 0; i < body.size(); i++) {
            if (pcs != null) {
                pcs[i] = out.length();
                out.markRewrites();
            }
            lowerOne(body.get(i), i);
            if (pcs != null && out.rewrittenFrom() < pcs[i]) {
                // fused with the code before it: the fused form counts as this instruction's
                for (int j = i, from = out.rewrittenFrom(); j >= 0 && pcs[j] >= from; j--) {
                    pcs[j] = from;
                }
            }
        }
        CompiledFunction compiled = new CompiledFunction(numParams, numLocals, info.maxStackHeight(), numResults,
                out.toArray(), handlerTable());
        compiled.resumeSites = resumeSites;
        if (pcs != null) {
            compiled.source(pcs, f.offsets());
        }
        return compiled;
    }

    private void layoutLocals(CompositeType.Func type, Function f) {
        List<ValType> all = new ArrayList<>(type.params());
        all.addAll(f.locals());
        localTypes = all.toArray(ValType[]::new);
        localSlots = new int[localTypes.length];
        int slot = 0;
        for (int i = 0; i < localTypes.length; i++) {
            localSlots[i] = slot;
            slot += localTypes[i].slots();
        }
        numLocals = slot;
    }


    private int blockParams(BlockType bt) {
        return bt instanceof BlockType.Indexed ix ? ValType.slots(funcType(ix.typeIndex()).params()) : 0;
    }

    private int blockResults(BlockType bt) {
        return switch (bt) {
            case BlockType.Empty e -> 0;
            case BlockType.Single s -> s.type().slots();
            case BlockType.Indexed ix -> ValType.slots(funcType(ix.typeIndex()).results());
        };
    }

    private Label top() {
        return labels.getLast();
    }

    private void lowerOne(Instruction ins, int i) {
        int h = heights[i];
        switch (ins.op()) {
            case BLOCK, LOOP, IF -> enterBlock((Instruction.Block) ins, h);
            case TRY_TABLE -> enterTryTable((Instruction.TryTable) ins, h);
            case ELSE -> enterElse();
            case END -> exitBlock();
            default -> {
                if (h >= 0 && !top().dead) {
                    instructions.lower(ins, i, h);
                }
            }
        }
    }

    private void enterBlock(Instruction.Block b, int h) {
        if (h < 0 || top().dead) {
            labels.add(Label.deadLabel());
            return;
        }
        int params = blockParams(b.type());
        int results = blockResults(b.type());
        switch (b.op()) {
            case LOOP -> {
                out.barrier();
                labels.add(Label.loop(h - params, params, out.length()));
            }
            case IF -> {
                Label l = Label.block(h - 1 - params, results);
                labels.add(l);
                l.elseFixup = out.jumpUnless();
            }
            default -> labels.add(Label.block(h - params, results));
        }
    }

    /**
     * A try_table is a block whose body range gets handler entries when it ends. Catch labels
     * are relative to the try_table's enclosing block, so they are looked up before it is pushed.
     */
    private void enterTryTable(Instruction.TryTable t, int h) {
        if (h < 0 || top().dead) {
            labels.add(Label.deadLabel());
            return;
        }
        List<Label> targets = new ArrayList<>();
        for (Instruction.Catch c : t.catches()) {
            targets.add(labels.get(labels.size() - 1 - c.label()));
        }
        out.barrier();
        Label l = Label.block(h - blockParams(t.type()), blockResults(t.type()));
        l.tryStart = out.length();
        l.catches = t.catches();
        l.catchTargets = targets;
        labels.add(l);
    }

    /** Records the handler entries of try_table {@code l}, whose body ends here. */
    private void closeTry(Label l) {
        for (int k = 0; k < l.catches.size(); k++) {
            handlerTries.add(l);
            handlerClauses.add(k);
            handlerEnds.add(out.length());
        }
    }

    /** The handler table ({@link CompiledFunction#HANDLER_ENTRY}), innermost try_table first. */
    private int[] handlerTable() {
        int n = handlerTries.size();
        int[] clauses = handlerClauses.toArray();
        int[] ends = handlerEnds.toArray();
        int[] table = new int[n * CompiledFunction.HANDLER_ENTRY];
        for (int e = 0; e < n; e++) {
            Label l = handlerTries.get(e);
            Instruction.Catch c = l.catches.get(clauses[e]);
            Label target = l.catchTargets.get(clauses[e]);
            int at = e * CompiledFunction.HANDLER_ENTRY;
            table[at] = l.tryStart;
            table[at + 1] = ends[e];
            table[at + 2] = c.kind().hasTag() ? c.tag() : CompiledFunction.ANY_TAG;
            table[at + 3] = c.kind().ordinal();
            table[at + 4] = target.endPc;
            table[at + 5] = numLocals + target.height;
        }
        return table;
    }

    private void enterElse() {
        Label l = top();
        if (l.dead) {
            return;
        }
        out.op(BR);
        l.fixups.add(out.length());
        out.emit(-1);
        out.patch(l.elseFixup, out.length());
        l.elseFixup = -1;
        out.barrier();
    }

    private void exitBlock() {
        Label l = labels.removeLast();
        if (l.dead) {
            return;
        }
        out.barrier();
        if (l.tryStart >= 0) {
            closeTry(l);
        }
        if (!l.loop) {
            l.endPc = out.length(); // a loop's branches land on its start, before and after it ends
        }
        if (l.elseFixup >= 0) {
            out.patch(l.elseFixup, out.length());
        }
        for (int pos : l.fixups.toArray()) {
            out.patch(pos, out.length());
        }
        if (labels.isEmpty()) {
            emitReturn(l.arity);
        }
    }

    void emitReturn(int arity) {
        if (arity == 0) {
            out.op(RETURN_VOID);
        } else if (arity == 1) {
            out.op(RETURN_1);
        } else {
            out.op(RETURN);
            out.emit(arity);
        }
    }

    /** The function's result slots (the outermost label's arity). */
    int functionResults() {
        return labels.getFirst().arity;
    }

    /**
     * Emits a branch to label {@code depth} taken with {@code height} operand slots on the stack:
     * {@code simple} when nothing must move, else {@code copy} with arity and target height.
     */
    void branch(int depth, int height, int simple, int copy) {
        Label l = labels.get(labels.size() - 1 - depth);
        if (height - l.arity == l.height) {
            out.op(simple);
            target(l);
        } else {
            out.op(copy);
            target(l);
            out.emit(l.arity);
            out.emit(numLocals + l.height);
        }
    }

    /**
     * Emits {@code br} to label {@code depth}. A back edge to a loop whose first instruction is
     * a self-contained exit test ({@code br_if $out (cmp local local|const)}) is rotated: the
     * test is repeated here inverted, jumping straight to the loop body, followed by the exit
     * jump, so each iteration dispatches one branch instead of two.
     */
    void br(int depth, int height) {
        Label l = labels.get(labels.size() - 1 - depth);
        if (l.loop && isSimpleBranch(depth, height) && rotateLoop(l)) {
            return;
        }
        branch(depth, height, BR, BR_COPY);
    }

    private boolean rotateLoop(Label loop) {
        int start = loop.start;
        if (start + 4 > out.length() || BranchFusion.inverted(out.at(start)) < 0) {
            return false;
        }
        Label exit = null;
        for (Label candidate : labels) {
            if (candidate.hasFixup(start + 3)) {
                exit = candidate;
            }
        }
        int exitPc = out.at(start + 3);
        if (exit == null && exitPc < 0) {
            return false;
        }
        out.op(BranchFusion.inverted(out.at(start)));
        out.emit(out.at(start + 1));
        out.emit(out.at(start + 2));
        out.emit(start + 4);
        out.op(BR);
        if (exit != null) {
            target(exit);
        } else {
            out.emit(exitPc);
        }
        return true;
    }

    /** Whether a branch to label {@code depth} at {@code height} needs no value movement. */
    boolean isSimpleBranch(int depth, int height) {
        Label l = labels.get(labels.size() - 1 - depth);
        return height - l.arity == l.height;
    }

    /** Emits the target pc (or a fixup) of label {@code depth}. */
    void targetOf(int depth) {
        target(labels.get(labels.size() - 1 - depth));
    }

    /** Emits one br_table entry: target, arity, target height. */
    void tableEntry(int depth) {
        Label l = labels.get(labels.size() - 1 - depth);
        target(l);
        out.emit(l.arity);
        out.emit(numLocals + l.height);
    }

    /** Emits the target pc of a branch to {@code l}, or records a fixup for a forward one. */
    void target(Label l) {
        if (l.loop) {
            out.emit(l.start);
        } else {
            l.fixups.add(out.length());
            out.emit(-1);
        }
    }

    int localSlot(int index) {
        return localSlots[index];
    }

    boolean localIsRef(int index) {
        return localTypes[index].isRef();
    }

    boolean localIsV128(int index) {
        return localTypes[index] == NumType.V128;
    }

    boolean globalIsV128(int index) {
        return globalTypes.get(index) == NumType.V128;
    }

    boolean globalIsRef(int index) {
        return globalTypes.get(index).isRef();
    }

    boolean memoryIs64(int index) {
        return memoryTypes.get(index).limits().is64();
    }

    byte operandKind(int i) {
        return kinds[i];
    }

    /** Slots of the parameters of the function type under continuation type {@code contType}. */
    int contParamSlots(int contType) {
        return ValType.slots(contFunc(contType).params());
    }

    CompositeType.Func contFunc(int contType) {
        CompositeType.Cont c = (CompositeType.Cont) vm.types().get(contType).composite();
        return funcType(c.funcTypeIndex());
    }

    /** Slots of tag {@code tag}'s parameters (its payload). */
    int tagParamSlots(int tag) {
        return ValType.slots(funcType(tagTypes.get(tag)).params());
    }

    /** A new index for a resume instruction's handler table in this function. */
    int nextResumeSite() {
        return resumeSites++;
    }

    int canonicalTypeId(int typeIndex) {
        return vm.canonicalTypeIds()[typeIndex];
    }

    /** The field layout of struct or array type {@code typeIndex}. */
    GcLayout gcLayout(int typeIndex) {
        return GcLayout.of(vm.types().get(typeIndex).composite());
    }
}
