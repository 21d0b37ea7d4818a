package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_Long;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the JVM method of one Wasm function from its validated instructions: Wasm locals are JVM
 * locals, the operand stack is the JVM operand stack (typed as {@link JvmTypes} says), blocks and
 * loops are labels, {@code br_table} a {@code tableswitch}, calls to functions compiled into the
 * same class {@code invokestatic}. Anything not supported throws {@link NotCompilable}, which
 * leaves the function to the interpreter. The numeric, memory, table and global operations call
 * {@code exec.BytecodeSupport}, the interpreter's own helpers, so both tiers trap and round alike.
 */
final class FunctionEmitter {
    private static final ClassDesc SUPPORT = ClassDesc.of("dev.weft.interpreter.exec.BytecodeSupport");
    static final ClassDesc MEMORY = ClassDesc.of("dev.weft.interpreter.exec.memory.MemoryInstance");
    static final ClassDesc GLOBAL = ClassDesc.of("dev.weft.interpreter.exec.GlobalInstance");
    static final ClassDesc TABLE = ClassDesc.of("dev.weft.interpreter.exec.TableInstance");
    static final ClassDesc FUNCTION = ClassDesc.of("dev.weft.interpreter.exec.FunctionInstance");
    static final ClassDesc MODULE = ClassDesc.of("dev.weft.interpreter.exec.ModuleInstance");
    static final ClassDesc TAG = ClassDesc.of("dev.weft.interpreter.exec.TagInstance");
    static final ClassDesc METER = ClassDesc.of("dev.weft.interpreter.exec.Meter");
    private static final ClassDesc CALLS = ClassDesc.of("dev.weft.interpreter.compiler.BytecodeCalls");
    private static final ClassDesc TRAP = ClassDesc.of("dev.weft.interpreter.Trap");
    private static final ClassDesc TRAP_KIND = ClassDesc.of("dev.weft.interpreter.TrapKind");
    private static final ClassDesc VALUE_ARRAY = ClassDesc.of("dev.weft.interpreter.Value").arrayType();
    private static final ClassDesc WASM_EXCEPTION = ClassDesc.of("dev.weft.interpreter.WasmException");
    private static final ClassDesc TAG_API = ClassDesc.of("dev.weft.interpreter.Tag");
    private static final ClassDesc METHOD_HANDLE = ClassDesc.of("java.lang.invoke.MethodHandle");
    private static final long MASK32 = 0xFFFF_FFFFL;

    /** A block, loop, if or the function body, as branches see it. */
    private static final class Ctl {
        final Op kind;
        final Label target;
        final Label elseLabel;
        final List<ValType> params;
        final List<ValType> results;
        final int height;
        boolean hasElse;
        /** try_table: its clauses, where its body starts, and the locals saving the stack below it. */
        Instruction.TryTable tryTable;
        Label bodyStart;
        int[] saved;
        List<ValType> savedTypes;
        /** In a helper of an outlined block: a label outside it, left by returning this code; else -1. */
        int exitCode = -1;
        /** A loop whose back-edges tick a JVM local (see {@link FunctionEmitter#localTicks}). */
        boolean localTicks;
        /** A loop: where its head's tick code starts (before {@link #target} in a {@link #localTicks} loop). */
        Label tickStart;

        Ctl(Op kind, Label target, Label elseLabel, List<ValType> params, List<ValType> results, int height) {
            this.kind = kind;
            this.target = target;
            this.elseLabel = elseLabel;
            this.params = params;
            this.results = results;
            this.height = height;
        }

        List<ValType> labelTypes() {
            return kind == Op.LOOP ? params : results;
        }
    }

    private final ModuleCompiler module;
    private MemoryEmitter memory;
    private final Function function;
    private final CompositeType.Func type;
    /** This function's index. */
    private final int self;
    private CodeBuilder cb;
    private final List<ValType> stack = new ArrayList<>();
    private final List<Ctl> ctl = new ArrayList<>();
    private int[] localSlot;
    private ValType[] localType;
    private boolean unreachable;
    /** Set while emitting a comparison that the next instruction branches on (see {@link #bool}). */
    private boolean fuseTest;
    /** The JVM branch of a fused comparison, left for the {@code if} or {@code br_if} after it; else null. */
    private Opcode pendingTest;
    /** The start of the body, after the locals are zeroed: where a self tail call jumps. */
    private Label start;
    private int deadDepth;
    /** The index of the instruction being emitted. */
    private int at;
    /**
     * While inside a loop that {@link #localTicks} chose: the JVM local holding the meter's units
     * left, and the loop's index in {@link #ctl}; else -1.
     */
    private int tickLocal = -1;
    private int tickLevel = -1;
    /** Scratch locals by kind (int, long, reference), reused instruction after instruction. */
    private final List<List<Integer>> scratch = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    private final int[] scratchUsed = new int[3];
    /** Which blocks are outlined, and the helpers requested so far. */
    private final SplitPlan plan;
    private final OutlinedBlocks outlines;
    /** The frame arrays (see {@link OutlinedBlocks}) when the function is split, else -1. */
    private int nums = -1;
    private int refs = -1;
    /** In a helper: its block, whether a try_table encloses it, the exit code local and the epilogue. */
    private SplitPlan.Region region;
    private boolean insideTry;
    private int exitCodeSlot;
    private Label epilogue;

    FunctionEmitter(ModuleCompiler module, int self, Function function, CompositeType.Func type, SplitPlan plan,
            OutlinedBlocks outlines) {
        this.module = module;
        this.self = self;
        this.function = function;
        this.type = type;
        this.plan = plan;
        this.outlines = outlines;
    }

    /** Scans the body for what this emitter cannot compile yet, without emitting anything. */
    static void checkSupported(Function f) {
        for (Instruction ins : f.body()) {
            if (!supported(ins.op())) {
                throw new NotCompilable("unsupported instruction " + ins.op().text());
            }
        }
        for (ValType t : f.locals()) {
            JvmTypes.kind(t);
        }
    }

    private static boolean supported(Op op) {
        return switch (op) {
            case CONT_NEW, CONT_BIND, SUSPEND,
                 RESUME, RESUME_THROW, RESUME_THROW_REF, SWITCH -> false;
            case BR_ON_CAST, BR_ON_CAST_FAIL, REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL,
                 ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, REF_I31, I31_GET_S, I31_GET_U -> true;
            default -> GcEmitter.handles(op) || VectorEmitter.handles(op) || op.prefix() != 0xFB;
        };
    }

    void emit(CodeBuilder code) {
        this.cb = code;
        this.memory = new MemoryEmitter(this, module, code);
        List<ValType> params = type.params();
        int n = params.size() + function.locals().size();
        localSlot = new int[n];
        localType = new ValType[n];
        int slot = 0;
        int[] paramSlot = new int[params.size()];
        for (int i = 0; i < params.size(); i++) {
            localType[i] = params.get(i);
            localSlot[i] = slot;
            paramSlot[i] = slot;
            slot += JvmTypes.kind(params.get(i)).slotSize();
        }
        for (int i = 0; i < params.size(); i++) {
            if (localKind(i) != JvmTypes.kind(localType[i])) {
                // a float parameter arrives as bits: its local is a JVM float/double from here
                localSlot[i] = cb.allocateLocal(localKind(i));
                cb.loadLocal(JvmTypes.kind(localType[i]), paramSlot[i]);
                storeLocalBits(i);
            }
        }
        for (int i = params.size(); i < n; i++) {
            ValType t = function.locals().get(i - params.size());
            localType[i] = t;
            localSlot[i] = cb.allocateLocal(localKind(i));
            zero(t);
            storeLocalBits(i);
        }
        if (plan.splits()) {
            int size = n + plan.transferSize();
            nums = cb.allocateLocal(TypeKind.REFERENCE);
            refs = cb.allocateLocal(TypeKind.REFERENCE);
            cb.ldc(size);
            cb.newarray(TypeKind.LONG);
            cb.astore(nums);
            cb.ldc(size);
            cb.anewarray(CD_Object);
            cb.astore(refs);
        }
        start = cb.newBoundLabel();
        cb.ldc(module.constant(ModuleCompiler.Space.METER, 0));
        support("callEntry", CD_void, METER); // reads only, unless fuel, a deadline or a stop needs the count
        ctl.add(new Ctl(Op.END, null, null, List.of(), type.results(), 0));
        instructions(0, function.body().size() - 1);
    }

    /** Emits instructions {@code from} to {@code to}, calling the helpers of outlined blocks. */
    private void instructions(int from, int to) {
        List<Instruction> body = function.body();
        for (int i = from; i <= to; i++) {
            Instruction ins = body.get(i);
            at = i;
            if (function.offsets() != null && !unreachable) {
                // for backtraces (CompiledFrames): line = instruction + 1; never on unreachable
                // code, which emits nothing (a line past the method's last byte is invalid)
                cb.lineNumber(i < 0xFFFF ? i + 1 : 0);
            }
            scratchUsed[0] = scratchUsed[1] = scratchUsed[2] = 0;
            SplitPlan.Region r = unreachable ? null : plan.outlinedAt(i, region);
            if (r != null) {
                callOutlined(r);
                i = r.end;
            } else if (unreachable) {
                skip(ins);
            } else {
                fuseTest = i < to && testFollowedByBranch(ins.op(), body.get(i + 1).op())
                        && plan.outlinedAt(i + 1, region) == null;
                instruction(ins);
                fuseTest = false;
            }
        }
    }

    /**
     * Whether comparison {@code op} (one that ends with {@link #bool}) is consumed by {@code next},
     * an {@code if} or {@code br_if}: the comparison then jumps itself instead of pushing 0 or 1.
     */
    private static boolean testFollowedByBranch(Op op, Op next) {
        boolean test = switch (op) {
            case I32_EQZ, I32_EQ, I32_NE, I32_LT_S, I32_GT_S, I32_LE_S, I32_GE_S, I32_LT_U, I32_GT_U, I32_LE_U,
                 I32_GE_U, I64_EQZ, I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S, I64_LT_U, I64_GT_U,
                 I64_LE_U, I64_GE_U -> true;
            default -> false;
        };
        return test && (next == Op.IF || next == Op.BR_IF);
    }

    // ---- outlined blocks (SplitPlan, OutlinedBlocks) -----------------------------------------

    /**
     * Emits the helper of outlined block {@code b}: loads the locals it uses and its entry
     * values from the frame arrays, runs the block with the labels around it as exits, and
     * leaves through one epilogue that stores the locals it writes and returns the exit code.
     */
    void emitOutlined(CodeBuilder code, OutlinedBlocks.Block b) {
        this.cb = code;
        this.memory = new MemoryEmitter(this, module, code);
        region = b.region();
        insideTry = b.insideTry();
        nums = 0;
        refs = 1;
        int n = type.params().size() + function.locals().size();
        localSlot = new int[n];
        localType = new ValType[n];
        for (int i = 0; i < n; i++) {
            localType[i] = i < type.params().size() ? type.params().get(i) : function.locals().get(i - type.params().size());
        }
        for (int i = region.used.nextSetBit(0); i >= 0; i = region.used.nextSetBit(i + 1)) {
            localSlot[i] = cb.allocateLocal(localKind(i));
            frameLoad(localType[i], i);
            storeLocalBits(i);
        }
        exitCodeSlot = cb.allocateLocal(TypeKind.INT);
        epilogue = cb.newLabel();
        for (int i = 0; i < b.labels().size(); i++) {
            Ctl exit = new Ctl(Op.END, null, null, List.of(), b.labels().get(i), 0);
            exit.exitCode = b.labels().size() - i;
            ctl.add(exit);
        }
        List<ValType> entry = entryTypes(region);
        for (int i = 0; i < entry.size(); i++) {
            frameLoad(entry.get(i), n + i);
            push(entry.get(i));
        }
        Label bodyStart = cb.newBoundLabel();
        instructions(region.start, region.end);
        if (!unreachable) {
            leave(List.copyOf(stack), 0, 0);
        }
        Label bodyEnd = cb.newBoundLabel();
        cb.labelBinding(epilogue);
        storeWritten(region);
        cb.iload(exitCodeSlot);
        cb.ireturn();
        if (insideTry && !region.written.isEmpty()) {
            Label handler = cb.newBoundLabel();
            storeWritten(region);
            cb.athrow();
            cb.exceptionCatch(bodyStart, bodyEnd, handler, WASM_EXCEPTION);
        }
    }

    /** The values an outlined block takes from the stack: its parameters, and an if's condition (a run: none). */
    private List<ValType> entryTypes(SplitPlan.Region r) {
        if (r.run) {
            return List.of();
        }
        Instruction open = function.body().get(r.start);
        List<ValType> entry = new ArrayList<>(blockParams(blockTypeOf(open)));
        if (open.op() == Op.IF) {
            entry.add(NumType.I32);
        }
        return entry;
    }

    private static BlockType blockTypeOf(Instruction open) {
        return open instanceof Instruction.Block b ? b.type() : ((Instruction.TryTable) open).type();
    }

    /**
     * Calls the helper of outlined block {@code r} in place of its instructions: its entry
     * values and the locals it uses go to the frame arrays, the locals it writes come back, and
     * its exit code continues after the block (0) or branches out with the values it left.
     */
    private void callOutlined(SplitPlan.Region r) {
        int base = localType.length;
        List<ValType> entry = entryTypes(r);
        int[] values = spillTop(entry);
        for (int i = 0; i < entry.size(); i++) {
            pop();
            frameStore(entry.get(i), base + i, values[i]);
        }
        for (int i = r.used.nextSetBit(0); i >= 0; i = r.used.nextSetBit(i + 1)) {
            frameStoreLocal(i);
        }
        boolean inTry = insideTry || ctl.stream().anyMatch(c -> c.kind == Op.TRY_TABLE);
        outlines.request(new OutlinedBlocks.Block(r, ctl.stream().map(Ctl::labelTypes).toList(), inTry));
        Label callStart = cb.newBoundLabel();
        cb.aload(nums);
        cb.aload(refs);
        cb.invokestatic(module.owner(), OutlinedBlocks.methodName(self, r), OutlinedBlocks.DESC);
        Label callEnd = cb.newBoundLabel();
        if (inTry && !r.written.isEmpty()) {
            Label normal = cb.newLabel();
            cb.goto_(normal);
            Label handler = cb.newBoundLabel();
            reloadWritten(r);
            cb.athrow();
            cb.exceptionCatch(callStart, callEnd, handler, WASM_EXCEPTION);
            cb.labelBinding(normal);
        }
        reloadWritten(r);
        if (r.exits.isEmpty()) {
            cb.pop();
        } else {
            Label fallthrough = cb.newLabel();
            List<SwitchCase> cases = new ArrayList<>();
            List<Label> stubs = new ArrayList<>();
            for (int c : r.exits) {
                Label l = cb.newLabel();
                stubs.add(l);
                cases.add(SwitchCase.of(c, l));
            }
            cb.lookupswitch(fallthrough, cases);
            int i = 0;
            for (int c : r.exits) {
                cb.labelBinding(stubs.get(i++));
                scratchUsed[0] = scratchUsed[1] = scratchUsed[2] = 0;
                List<ValType> carried = ctl.get(ctl.size() - c).labelTypes();
                for (int j = 0; j < carried.size(); j++) {
                    frameLoad(carried.get(j), base + j);
                    push(carried.get(j));
                }
                branch(c - 1);
                for (int j = 0; j < carried.size(); j++) {
                    pop();
                }
            }
            cb.labelBinding(fallthrough);
        }
        List<ValType> results = r.run ? List.of() : blockResults(blockTypeOf(function.body().get(r.start)));
        for (int j = 0; j < results.size(); j++) {
            frameLoad(results.get(j), base + j);
            push(results.get(j));
        }
    }

    /**
     * Leaves a helper with exit code {@code code}: the top {@code carried} values go to the
     * frame arrays, the {@code extras} below them are dropped.
     */
    private void leave(List<ValType> carried, int extras, int code) {
        int[] slots = spillTop(carried);
        for (int i = 0; i < extras; i++) {
            popJvm(stack.get(stack.size() - carried.size() - 1 - i));
        }
        for (int j = 0; j < carried.size(); j++) {
            frameStore(carried.get(j), localType.length + j, slots[j]);
        }
        cb.ldc(code);
        cb.istore(exitCodeSlot);
        cb.goto_(epilogue);
    }

    /** A branch to {@code t}, the function's label (a return) or a label outside this helper. */
    private void branchOut(Ctl t, int extras) {
        if (t.exitCode >= 0) {
            leave(t.labelTypes(), extras, t.exitCode);
        } else {
            emitReturn();
        }
    }

    private void storeWritten(SplitPlan.Region r) {
        for (int i = r.written.nextSetBit(0); i >= 0; i = r.written.nextSetBit(i + 1)) {
            frameStoreLocal(i);
        }
    }

    private void reloadWritten(SplitPlan.Region r) {
        for (int i = r.written.nextSetBit(0); i >= 0; i = r.written.nextSetBit(i + 1)) {
            frameLoad(localType[i], i);
            storeLocalBits(i);
        }
    }

    /** Stores JVM local {@code slot} (of Wasm type {@code t}) into frame entry {@code pos}. */
    private void frameStore(ValType t, int pos, int slot) {
        frameStore(t, pos, () -> cb.loadLocal(JvmTypes.kind(t), slot));
    }

    /** Stores Wasm local {@code i} into its frame entry (entry {@code i}), as bits. */
    private void frameStoreLocal(int i) {
        frameStore(localType[i], i, () -> loadLocalBits(i));
    }

    /** Stores the value {@code push} leaves (of Wasm type {@code t}, as bits) into frame entry {@code pos}. */
    private void frameStore(ValType t, int pos, Runnable push) {
        TypeKind k = JvmTypes.kind(t);
        cb.aload(k == TypeKind.REFERENCE ? refs : nums);
        cb.ldc(pos);
        push.run();
        JvmTypes.storeSlot(cb, k);
    }

    /**
     * The JVM type of Wasm local {@code i}'s variable: f32 and f64 locals are JVM {@code float}
     * and {@code double} variables, although f32 and f64 values are bits everywhere else
     * ({@link JvmTypes}). Reading one gives its bits ({@code floatToRawIntBits}), writing one
     * takes bits ({@code intBitsToFloat}): HotSpot removes such a pair between an arithmetic
     * result and the variable, so a float carried around a loop stays in a floating-point
     * register instead of crossing to an integer one and back on every iteration. The moves are
     * exact on HotSpot (no NaN is touched); the suite's NaN payload tests run through locals.
     */
    private TypeKind localKind(int i) {
        ValType t = localType[i];
        return t == NumType.F64 ? TypeKind.DOUBLE : t == NumType.F32 ? TypeKind.FLOAT : JvmTypes.kind(t);
    }

    /** Pushes Wasm local {@code i} as the compiled tier's value (a float as its bits). */
    private void loadLocalBits(int i) {
        cb.loadLocal(localKind(i), localSlot[i]);
        switch (localKind(i)) {
            case DOUBLE -> cb.invokestatic(ConstantDescs.CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(CD_long, ConstantDescs.CD_double));
            case FLOAT -> cb.invokestatic(ConstantDescs.CD_Float, "floatToRawIntBits", MethodTypeDesc.of(CD_int, ConstantDescs.CD_float));
            default -> { }
        }
    }

    /** Pops a value (a float as its bits) into Wasm local {@code i}. */
    private void storeLocalBits(int i) {
        switch (localKind(i)) {
            case DOUBLE -> cb.invokestatic(ConstantDescs.CD_Double, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, CD_long));
            case FLOAT -> cb.invokestatic(ConstantDescs.CD_Float, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, CD_int));
            default -> { }
        }
        cb.storeLocal(localKind(i), localSlot[i]);
    }

    /** Pushes frame entry {@code pos} as a value of Wasm type {@code t}. */
    private void frameLoad(ValType t, int pos) {
        TypeKind k = JvmTypes.kind(t);
        cb.aload(k == TypeKind.REFERENCE ? refs : nums);
        cb.ldc(pos);
        JvmTypes.loadSlot(cb, k);
    }

    // ---- control ----------------------------------------------------------------------------

    private void skip(Instruction ins) {
        switch (ins.op()) {
            case BLOCK, LOOP, IF, TRY_TABLE -> deadDepth++;
            case ELSE -> {
                if (deadDepth == 0) {
                    elseArm();
                }
            }
            case END -> {
                if (deadDepth > 0) {
                    deadDepth--;
                } else {
                    end();
                }
            }
            default -> { }
        }
    }

    private List<ValType> blockParams(BlockType bt) {
        return bt instanceof BlockType.Indexed ix ? module.funcTypeAt(ix.typeIndex()).params() : List.of();
    }

    private List<ValType> blockResults(BlockType bt) {
        return switch (bt) {
            case BlockType.Empty e -> List.of();
            case BlockType.Single s -> List.of(s.type());
            case BlockType.Indexed ix -> module.funcTypeAt(ix.typeIndex()).results();
        };
    }

    /** Ticks the instance's meter (fuel, deadline, interruption): at loop heads. */
    private void tick() {
        // the meter itself is the constant, not the instance: one field load less per tick
        cb.ldc(module.constant(ModuleCompiler.Space.METER, 0));
        support("tick", CD_void, METER);
    }

    /**
     * A loop's head: binds and returns the label its back-edges jump to, with the tick there.
     * In a {@link #localTicks} loop the refill sits before the head, reached by a backward
     * branch and falling into the head again, so it is a second, cold back-edge of the loop
     * rather than a call on the path of every iteration, so HotSpot can optimise the hot
     * back-edge as a loop of its own (sieve(10M): 49-53 ms before, 22-24 after, quiet machine).
     * {@code tickStart} gets the
     * label where that code starts, for the handler that gives the units back.
     */
    private Label loopHead(Label[] tickStart) {
        if (tickLocal < 0) {
            Label head = cb.newBoundLabel();
            tickStart[0] = head;
            tick();
            return head;
        }
        Label head = cb.newLabel();
        cb.goto_(head);
        tickStart[0] = cb.newBoundLabel();
        cb.iconst_0();
        cb.istore(tickLocal); // what a trap of the check leaves in the meter, as Meter.refill does
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
        support("refill", CD_int, MODULE);
        cb.iconst_1(); // refill's units already pay for this back-edge; the head takes one again
        cb.iadd();
        cb.istore(tickLocal);
        cb.labelBinding(head);
        cb.iinc(tickLocal, -1);
        cb.iload(tickLocal);
        cb.iflt(tickStart[0]);
        return head;
    }

    /**
     * Whether the loop at instruction {@code loopAt} counts its back-edges in a JVM local: when
     * nothing in it can look at the meter before the loop is left (no call, throw, try_table or
     * grow; not in a try_table or a split function). The meter's field then changes only when
     * the loop is left (branch, return, end, or any exception: {@link #giveBackTicks}) and when
     * a slice runs out, so the counts and the checks are the same as with a tick per back-edge.
     */
    private boolean localTicks(int loopAt) {
        if (tickLocal >= 0 || region != null || plan.splits() || ctl.stream().anyMatch(c -> c.kind == Op.TRY_TABLE)) {
            return false;
        }
        List<Instruction> body = function.body();
        int depth = 0;
        for (int i = loopAt; i < body.size(); i++) {
            switch (body.get(i).op()) {
                case BLOCK, LOOP, IF, TRY_TABLE -> depth++;
                case END -> depth--;
                default -> { }
            }
            switch (body.get(i).op()) {
                case CALL, CALL_INDIRECT, CALL_REF, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF,
                     THROW, THROW_REF, TRY_TABLE, MEMORY_GROW, TABLE_GROW -> {
                    return false;
                }
                default -> { }
            }
            if (depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** Stores the units a {@link #localTicks} loop has left back into the meter. */
    private void giveBackTicks() {
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
        cb.iload(tickLocal);
        support("setTicks", CD_void, MODULE, CD_int);
    }

    /** Whether a branch to {@code ctl} entry {@code level} leaves the {@link #localTicks} loop. */
    private boolean leavesTickLoop(int level) {
        return tickLocal >= 0 && level < tickLevel;
    }

    /**
     * The end of a {@link #localTicks} loop: gives the units back when falling out of it, and
     * around its code a handler that gives them back before any exception leaves it.
     */
    private void endTickLoop(Ctl loop) {
        if (!unreachable) {
            giveBackTicks();
        }
        Label rangeEnd = cb.newBoundLabel();
        Label after = cb.newLabel();
        if (!unreachable) {
            cb.goto_(after);
        }
        Label handler = cb.newBoundLabel();
        giveBackTicks();
        cb.athrow();
        cb.exceptionCatchAll(loop.tickStart, rangeEnd, handler);
        cb.labelBinding(after);
        tickLocal = -1;
        tickLevel = -1;
    }

    private void block(Instruction.Block b) {
        List<ValType> params = blockParams(b.type());
        List<ValType> results = blockResults(b.type());
        for (ValType t : params) {
            JvmTypes.kind(t);
        }
        for (ValType t : results) {
            JvmTypes.kind(t);
        }
        switch (b.op()) {
            case BLOCK -> ctl.add(new Ctl(Op.BLOCK, cb.newLabel(), null, params, results, stack.size() - params.size()));
            case LOOP -> {
                boolean local = localTicks(at);
                if (local) {
                    cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
                    support("ticks", CD_int, MODULE);
                    tickLocal = cb.allocateLocal(TypeKind.INT);
                    cb.istore(tickLocal);
                    tickLevel = ctl.size();
                }
                Label[] tickStart = new Label[1];
                Label head = loopHead(tickStart);
                Ctl loop = new Ctl(Op.LOOP, head, null, params, results, stack.size() - params.size());
                loop.localTicks = local;
                loop.tickStart = tickStart[0];
                ctl.add(loop);
            }
            default -> {
                pop();
                Label otherwise = cb.newLabel();
                jumpIf(false, otherwise);
                ctl.add(new Ctl(Op.IF, cb.newLabel(), otherwise, params, results, stack.size() - params.size()));
            }
        }
    }

    /**
     * {@code try_table}: a JVM exception handler covers the body. A handler starts with an empty
     * JVM stack, so the values below the block are also kept in locals, from which a catch
     * clause restores the part its label keeps.
     */
    private void tryTable(Instruction.TryTable tt) {
        List<ValType> params = blockParams(tt.type());
        List<ValType> results = blockResults(tt.type());
        int height = stack.size() - params.size();
        int[] top = spillTop(params);
        List<ValType> below = List.copyOf(stack.subList(0, height));
        int[] saved = new int[height];
        for (int i = height - 1; i >= 0; i--) {
            TypeKind k = JvmTypes.kind(below.get(i));
            saved[i] = cb.allocateLocal(k);
            cb.storeLocal(k, saved[i]);
        }
        reload(below, saved);
        reload(params, top);
        Ctl c = new Ctl(Op.TRY_TABLE, cb.newLabel(), null, params, results, height);
        c.tryTable = tt;
        c.saved = saved;
        c.savedTypes = below;
        c.bodyStart = cb.newBoundLabel();
        ctl.add(c);
    }

    /** The end of a try_table's body ({@code c} already popped): its handler, then its end label. */
    private void endTry(Ctl c) {
        if (!unreachable) {
            cb.goto_(c.target);
        }
        Label bodyEnd = cb.newBoundLabel();
        cb.exceptionCatch(c.bodyStart, bodyEnd, bodyEnd, WASM_EXCEPTION);
        int exn = cb.allocateLocal(TypeKind.REFERENCE);
        cb.astore(exn);
        for (Instruction.Catch clause : c.tryTable.catches()) {
            scratchUsed[0] = scratchUsed[1] = scratchUsed[2] = 0;
            Label next = cb.newLabel();
            List<ValType> payload = List.of();
            if (clause.kind().hasTag()) {
                payload = module.tag(clause.tag()).type().params();
                cb.aload(exn);
                cb.invokevirtual(WASM_EXCEPTION, "tag", MethodTypeDesc.of(TAG_API));
                cb.ldc(module.constant(ModuleCompiler.Space.TAG, clause.tag()));
                cb.if_acmpne(next);
            }
            Ctl t = ctl.get(ctl.size() - 1 - clause.label());
            if (t.kind != Op.END) {
                for (int i = 0; i < t.height; i++) {
                    cb.loadLocal(JvmTypes.kind(c.savedTypes.get(i)), c.saved[i]);
                }
            }
            if (!payload.isEmpty()) {
                cb.aload(exn);
                cb.invokevirtual(WASM_EXCEPTION, "payload", MethodTypeDesc.of(VALUE_ARRAY));
                int values = scratch(TypeKind.REFERENCE);
                cb.astore(values);
                for (int i = 0; i < payload.size(); i++) {
                    cb.aload(values);
                    cb.ldc(i);
                    resultAt(payload.get(i));
                }
            }
            if (clause.kind() == Instruction.CatchKind.CATCH_REF || clause.kind() == Instruction.CatchKind.CATCH_ALL_REF) {
                cb.aload(exn);
            }
            if (t.kind == Op.END) {
                branchOut(t, 0);
            } else {
                cb.goto_(t.target);
            }
            cb.labelBinding(next);
        }
        cb.aload(exn);
        cb.athrow();
    }

    /** Stack: Value[], index: the value there in the compiled representation. */
    private void resultAt(ValType t) {
        if (t == NumType.V128) {
            cb.invokestatic(CALLS, "resultV128", MethodTypeDesc.of(CD_Object, VALUE_ARRAY, CD_int));
            return;
        }
        switch (JvmTypes.kind(t)) {
            case INT -> cb.invokestatic(CALLS, "resultInt", MethodTypeDesc.of(CD_int, VALUE_ARRAY, CD_int));
            case LONG -> cb.invokestatic(CALLS, "resultLong", MethodTypeDesc.of(CD_long, VALUE_ARRAY, CD_int));
            default -> cb.invokestatic(CALLS, "resultRef", MethodTypeDesc.of(CD_Object, VALUE_ARRAY, CD_int));
        }
    }

    private void elseArm() {
        Ctl c = ctl.getLast();
        if (!unreachable) {
            cb.goto_(c.target);
        }
        cb.labelBinding(c.elseLabel);
        c.hasElse = true;
        resetStack(c.height, c.params);
        unreachable = false;
    }

    private void end() {
        Ctl c = ctl.removeLast();
        if (c.kind == Op.END) {
            if (!unreachable) {
                emitReturn();
            }
            return;
        }
        if (c.kind == Op.IF && !c.hasElse) {
            cb.labelBinding(c.elseLabel);
        }
        if (c.kind == Op.TRY_TABLE) {
            endTry(c);
        }
        if (c.localTicks) {
            endTickLoop(c);
        }
        if (c.kind != Op.LOOP) {
            cb.labelBinding(c.target);
        }
        resetStack(c.height, c.results);
        unreachable = false;
    }

    private void resetStack(int height, List<ValType> top) {
        while (stack.size() > height) {
            stack.removeLast();
        }
        stack.addAll(top);
    }

    private void emitReturn() {
        List<ValType> results = type.results();
        if (tickLocal >= 0) {
            giveBackTicks();
        }
        if (region != null) {
            leave(results, stack.size() - results.size(), ctl.getFirst().exitCode);
            return;
        }
        if (results.isEmpty()) {
            cb.return_();
        } else if (results.size() == 1) {
            cb.return_(JvmTypes.kind(results.getFirst()));
        } else {
            int[] slots = spillTop(results);
            cb.ldc(results.size());
            cb.anewarray(CD_Object);
            for (int i = 0; i < slots.length; i++) {
                cb.dup();
                cb.ldc(i);
                TypeKind k = JvmTypes.kind(results.get(i));
                cb.loadLocal(k, slots[i]);
                switch (k) {
                    case INT -> cb.invokestatic(CD_Integer, "valueOf", MethodTypeDesc.of(CD_Integer, CD_int));
                    case LONG -> cb.invokestatic(CD_Long, "valueOf", MethodTypeDesc.of(CD_Long, CD_long));
                    default -> { }
                }
                cb.aastore();
            }
            cb.areturn();
        }
    }

    /** After a call of a compiled method with several results: replaces its Object[] by the values. */
    private void unpackResults(List<ValType> results) {
        if (results.size() < 2) {
            return;
        }
        int array = scratch(TypeKind.REFERENCE);
        cb.astore(array);
        for (int i = 0; i < results.size(); i++) {
            cb.aload(array);
            cb.ldc(i);
            cb.aaload();
            switch (JvmTypes.kind(results.get(i))) {
                case INT -> {
                    cb.checkcast(CD_Integer);
                    cb.invokevirtual(CD_Integer, "intValue", MethodTypeDesc.of(CD_int));
                }
                case LONG -> {
                    cb.checkcast(CD_Long);
                    cb.invokevirtual(CD_Long, "longValue", MethodTypeDesc.of(CD_long));
                }
                default -> { }
            }
        }
    }

    /** Emits a branch to label {@code depth} with the values on top; the type stack is left alone. */
    private void branch(int depth) {
        Ctl t = ctl.get(ctl.size() - 1 - depth);
        if (t.kind == Op.END) {
            branchOut(t, stack.size() - t.labelTypes().size());
            return;
        }
        if (leavesTickLoop(ctl.size() - 1 - depth)) {
            giveBackTicks();
        }
        List<ValType> carried = t.labelTypes();
        int extra = stack.size() - carried.size() - t.height;
        if (extra > 0) {
            int[] slots = spillTop(carried);
            for (int i = 0; i < extra; i++) {
                popJvm(stack.get(t.height + extra - 1 - i));
            }
            reload(carried, slots);
        }
        cb.goto_(t.target);
    }

    private boolean plainBranch(int depth) {
        Ctl t = ctl.get(ctl.size() - 1 - depth);
        return t.kind != Op.END && stack.size() - t.labelTypes().size() == t.height
                && !leavesTickLoop(ctl.size() - 1 - depth);
    }

    private void brIf(int depth) {
        pop();
        if (plainBranch(depth)) {
            jumpIf(true, ctl.get(ctl.size() - 1 - depth).target);
            return;
        }
        Label skip = cb.newLabel();
        jumpIf(false, skip);
        branch(depth);
        cb.labelBinding(skip);
    }

    /**
     * Jumps to {@code target} when the condition is {@code when}: the i32 on the JVM stack, or
     * the comparison left by {@link #bool} for this branch (then its operands are on the stack).
     */
    private void jumpIf(boolean when, Label target) {
        Opcode test = pendingTest;
        pendingTest = null;
        if (test == null) {
            test = Opcode.IFNE;
        }
        cb.branch(when ? test : negated(test), target);
    }

    private static Opcode negated(Opcode test) {
        return switch (test) {
            case IFEQ -> Opcode.IFNE;
            case IFNE -> Opcode.IFEQ;
            case IFLT -> Opcode.IFGE;
            case IFGE -> Opcode.IFLT;
            case IFGT -> Opcode.IFLE;
            case IFLE -> Opcode.IFGT;
            case IF_ICMPEQ -> Opcode.IF_ICMPNE;
            case IF_ICMPNE -> Opcode.IF_ICMPEQ;
            case IF_ICMPLT -> Opcode.IF_ICMPGE;
            case IF_ICMPGE -> Opcode.IF_ICMPLT;
            case IF_ICMPGT -> Opcode.IF_ICMPLE;
            case IF_ICMPLE -> Opcode.IF_ICMPGT;
            default -> throw new IllegalStateException("not a comparison branch: " + test);
        };
    }

    // ---- the operand stack ------------------------------------------------------------------

    ValType pop() {
        return stack.removeLast();
    }

    void push(ValType t) {
        stack.add(t);
    }

    private void popJvm(ValType t) {
        if (JvmTypes.kind(t) == TypeKind.LONG) {
            cb.pop2();
        } else {
            cb.pop();
        }
    }

    /** Pushes the initial value of a local of type {@code t}. */
    private void zero(ValType t) {
        if (t == NumType.V128) {
            VectorEmitter.zero(cb);
            return;
        }
        switch (JvmTypes.kind(t)) {
            case INT -> cb.iconst_0();
            case LONG -> cb.lconst_0();
            default -> cb.aconst_null();
        }
    }

    int scratch(TypeKind k) {
        int i = k == TypeKind.INT ? 0 : k == TypeKind.LONG ? 1 : 2;
        List<Integer> pool = scratch.get(i);
        if (scratchUsed[i] == pool.size()) {
            pool.add(cb.allocateLocal(k));
        }
        return pool.get(scratchUsed[i]++);
    }

    /** Stores the top {@code types.size()} JVM values (last type on top) into scratch locals. */
    private int[] spillTop(List<ValType> types) {
        int[] slots = new int[types.size()];
        for (int i = types.size() - 1; i >= 0; i--) {
            TypeKind k = JvmTypes.kind(types.get(i));
            slots[i] = scratch(k);
            cb.storeLocal(k, slots[i]);
        }
        return slots;
    }

    private void reload(List<ValType> types, int[] slots) {
        for (int i = 0; i < slots.length; i++) {
            cb.loadLocal(JvmTypes.kind(types.get(i)), slots[i]);
        }
    }

    /** Pops {@code n} values off both stacks into scratch locals; returns their types. */
    List<ValType> spillOperands(int n, int[] slotsOut) {
        List<ValType> types = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        int[] slots = spillTop(types);
        System.arraycopy(slots, 0, slotsOut, 0, n);
        for (int i = 0; i < n; i++) {
            pop();
        }
        return types;
    }

    /** Loads a spilled i32/i64 operand as a long: i32 sign-extended or, if {@code zeroExtend}, zero-extended. */
    void loadWide(ValType t, int slot, boolean zeroExtend) {
        if (JvmTypes.kind(t) == TypeKind.LONG) {
            cb.lload(slot);
            return;
        }
        cb.iload(slot);
        cb.i2l();
        if (zeroExtend) {
            cb.ldc(MASK32);
            cb.land();
        }
    }

    // ---- instructions -----------------------------------------------------------------------

    private void instruction(Instruction ins) {
        Op op = ins.op();
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                trap("UNREACHABLE");
                unreachable = true;
            }
            case BLOCK, LOOP, IF -> block((Instruction.Block) ins);
            case TRY_TABLE -> tryTable((Instruction.TryTable) ins);
            case ELSE -> elseArm();
            case END -> end();
            case BR -> {
                branch(((Instruction.Indexed) ins).index());
                unreachable = true;
            }
            case BR_IF -> brIf(((Instruction.Indexed) ins).index());
            case BR_TABLE -> brTableSwitch((Instruction.BranchTable) ins);
            case RETURN -> {
                emitReturn();
                unreachable = true;
            }
            case CALL -> call(((Instruction.Indexed) ins).index());
            case RETURN_CALL -> tailCall(((Instruction.Indexed) ins).index());
            case RETURN_CALL_INDIRECT -> {
                notInTry();
                callIndirect((Instruction.Indexed2) ins);
                emitReturn();
                unreachable = true;
            }
            case RETURN_CALL_REF -> {
                notInTry();
                callRef(module.funcTypeAt(((Instruction.Indexed) ins).index()));
                emitReturn();
                unreachable = true;
            }
            case CALL_INDIRECT -> callIndirect((Instruction.Indexed2) ins);
            case CALL_REF -> callRef(module.funcTypeAt(((Instruction.Indexed) ins).index()));
            case DROP -> popJvm(pop());
            case SELECT, SELECT_TYPED -> select();
            case LOCAL_GET -> {
                int i = ((Instruction.Indexed) ins).index();
                loadLocalBits(i);
                push(localType[i]);
            }
            case LOCAL_SET -> {
                int i = ((Instruction.Indexed) ins).index();
                pop();
                storeLocalBits(i);
            }
            case LOCAL_TEE -> {
                int i = ((Instruction.Indexed) ins).index();
                if (JvmTypes.kind(localType[i]) == TypeKind.LONG) {
                    cb.dup2();
                } else {
                    cb.dup();
                }
                storeLocalBits(i);
            }
            case GLOBAL_GET -> globalGet(((Instruction.Indexed) ins).index());
            case GLOBAL_SET -> globalSet(((Instruction.Indexed) ins).index());
            case I32_CONST -> {
                cb.ldc((int) ((Instruction.Const) ins).bits());
                push(NumType.I32);
            }
            case F32_CONST -> {
                cb.ldc((int) ((Instruction.Const) ins).bits());
                push(NumType.F32);
            }
            case I64_CONST -> {
                cb.ldc(((Instruction.Const) ins).bits());
                push(NumType.I64);
            }
            case F64_CONST -> {
                cb.ldc(((Instruction.Const) ins).bits());
                push(NumType.F64);
            }
            case REF_NULL -> {
                cb.aconst_null();
                push(RefType.FUNCREF);
            }
            case REF_IS_NULL -> {
                pop();
                bool(Opcode.IFNULL);
                push(NumType.I32);
            }
            case REF_FUNC -> {
                cb.ldc(module.constant(ModuleCompiler.Space.FUNCTION, ((Instruction.Indexed) ins).index()));
                push(RefType.FUNCREF);
            }
            case REF_EQ -> {
                pop();
                pop();
                support("refEq", CD_int, CD_Object, CD_Object);
                push(NumType.I32);
            }
            case REF_TEST, REF_TEST_NULL -> {
                pop();
                castTarget(((Instruction.HeapTypeImm) ins).heapType(), op == Op.REF_TEST_NULL);
                support("refTest", CD_int, CD_Object, CD_int, CD_int);
                push(NumType.I32);
            }
            case REF_CAST, REF_CAST_NULL -> {
                ValType t = pop();
                castTarget(((Instruction.HeapTypeImm) ins).heapType(), op == Op.REF_CAST_NULL);
                support("refCast", CD_Object, CD_Object, CD_int, CD_int);
                push(t);
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> brOnCast((Instruction.BrOnCast) ins);
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { } // the identity on Weft's references
            case REF_I31 -> {
                pop();
                support("refI31", CD_Object, CD_int);
                push(RefType.ANYREF);
            }
            case I31_GET_S, I31_GET_U -> {
                pop();
                cb.ldc(op == Op.I31_GET_S ? 1 : 0);
                support("i31Get", CD_int, CD_Object, CD_int);
                push(NumType.I32);
            }
            case REF_AS_NON_NULL -> nonNull("NULL_REFERENCE");
            case BR_ON_NULL -> brOnNull(((Instruction.Indexed) ins).index());
            case BR_ON_NON_NULL -> brOnNonNull(((Instruction.Indexed) ins).index());
            case THROW -> throwTag(((Instruction.Indexed) ins).index());
            case THROW_REF -> {
                pop();
                nonNullJvm("NULL_EXCEPTION_REFERENCE");
                cb.checkcast(WASM_EXCEPTION);
                cb.athrow();
                unreachable = true;
            }
            case MEMORY_SIZE -> memory.memorySize(((Instruction.Indexed) ins).index());
            case MEMORY_GROW -> memory.memoryGrow(((Instruction.Indexed) ins).index());
            case MEMORY_FILL -> memory.memoryFill(((Instruction.Indexed) ins).index());
            case MEMORY_COPY -> memory.memoryCopy((Instruction.Indexed2) ins);
            case MEMORY_INIT -> memory.memoryInit((Instruction.Indexed2) ins);
            case DATA_DROP -> {
                cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
                cb.ldc(((Instruction.Indexed) ins).index());
                support("dataDrop", CD_void, MODULE, CD_int);
            }
            case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL -> memory.tableOp(op, ((Instruction.Indexed) ins).index());
            case TABLE_COPY -> memory.tableCopy((Instruction.Indexed2) ins);
            case TABLE_INIT -> memory.tableInit((Instruction.Indexed2) ins);
            case ELEM_DROP -> {
                cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0));
                cb.ldc(((Instruction.Indexed) ins).index());
                support("elemDrop", CD_void, MODULE, CD_int);
            }
            default -> {
                if (VectorEmitter.handles(op)) {
                    new VectorEmitter(this, module).emit(ins);
                } else if (ins instanceof Instruction.MemAccess m) {
                    memory.access(m);
                } else if (GcEmitter.handles(op)) {
                    new GcEmitter(this, module).emit(ins);
                } else if (!NumericEmitter.emit(this, op)) {
                    throw new NotCompilable("unsupported instruction " + op.text());
                }
            }
        }
    }

    private void brTableSwitch(Instruction.BranchTable bt) {
        pop();
        int[] labels = bt.labels();
        List<Integer> depths = new ArrayList<>();
        List<Label> stubs = new ArrayList<>();
        Label dflt = stubFor(bt.defaultLabel(), depths, stubs);
        List<SwitchCase> cases = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            cases.add(SwitchCase.of(i, stubFor(labels[i], depths, stubs)));
        }
        if (labels.length == 0) {
            cb.pop();
            cb.goto_(dflt);
        } else {
            cb.tableswitch(0, labels.length - 1, dflt, cases);
        }
        for (int i = 0; i < depths.size(); i++) {
            cb.labelBinding(stubs.get(i));
            scratchUsed[0] = scratchUsed[1] = scratchUsed[2] = 0;
            branch(depths.get(i));
        }
        unreachable = true;
    }

    private Label stubFor(int depth, List<Integer> depths, List<Label> stubs) {
        int at = depths.indexOf(depth);
        if (at >= 0) {
            return stubs.get(at);
        }
        Label l = cb.newLabel();
        depths.add(depth);
        stubs.add(l);
        return l;
    }

    private void select() {
        pop();
        ValType t = pop();
        pop();
        TypeKind k = JvmTypes.kind(t);
        int c = scratch(TypeKind.INT);
        cb.istore(c);
        int b = scratch(k);
        cb.storeLocal(k, b);
        int a = scratch(k);
        cb.storeLocal(k, a);
        Label useB = cb.newLabel();
        Label done = cb.newLabel();
        cb.iload(c);
        cb.ifeq(useB);
        cb.loadLocal(k, a);
        cb.goto_(done);
        cb.labelBinding(useB);
        cb.loadLocal(k, b);
        cb.labelBinding(done);
        push(t);
    }

    /** Replaces the consumed operands by 1 if branch {@code op} is taken, else 0. */
    void bool(Opcode op) {
        if (fuseTest) {
            pendingTest = op;
            fuseTest = false;
            return;
        }
        Label yes = cb.newLabel();
        Label done = cb.newLabel();
        cb.branch(op, yes);
        cb.iconst_0();
        cb.goto_(done);
        cb.labelBinding(yes);
        cb.iconst_1();
        cb.labelBinding(done);
    }

    private void trap(String kind) {
        cb.getstatic(TRAP_KIND, kind, TRAP_KIND);
        support("trap", TRAP, TRAP_KIND);
        cb.athrow();
    }

    /** Traps with {@code kind} if the reference on top of the JVM stack is null (it stays). */
    private void nonNullJvm(String kind) {
        Label ok = cb.newLabel();
        cb.dup();
        cb.ifnonnull(ok);
        trap(kind);
        cb.labelBinding(ok);
    }

    private void nonNull(String kind) {
        nonNullJvm(kind);
        ValType t = pop();
        push(t instanceof RefType rt ? new RefType(false, rt.heapType()) : t);
    }

    /** Pushes the encoded cast target of {@code h} and the nullable flag. */
    private void castTarget(HeapType h, boolean nullable) {
        cb.ldc(module.castTarget(h));
        cb.ldc(nullable ? 1 : 0);
    }

    /** {@code br_on_cast} branches with the reference when it matches, {@code br_on_cast_fail} when not. */
    private void brOnCast(Instruction.BrOnCast b) {
        cb.dup();
        castTarget(b.to().heapType(), b.to().nullable());
        support("refTest", CD_int, CD_Object, CD_int, CD_int);
        Label skip = cb.newLabel();
        if (b.op() == Op.BR_ON_CAST) {
            cb.ifeq(skip);
        } else {
            cb.ifne(skip);
        }
        branch(b.label());
        cb.labelBinding(skip);
    }

    private void brOnNull(int depth) {
        Label notNull = cb.newLabel();
        cb.dup();
        cb.ifnonnull(notNull);
        cb.pop();
        ValType t = pop();
        branch(depth);
        cb.labelBinding(notNull);
        push(t instanceof RefType rt ? new RefType(false, rt.heapType()) : t);
    }

    private void brOnNonNull(int depth) {
        Label isNull = cb.newLabel();
        cb.dup();
        cb.ifnull(isNull);
        branch(depth);
        cb.labelBinding(isNull);
        cb.pop();
        pop();
    }

    void support(String name, ClassDesc ret, ClassDesc... params) {
        cb.invokestatic(SUPPORT, name, MethodTypeDesc.of(ret, params));
    }

    CodeBuilder code() {
        return cb;
    }

    ValType popType() {
        return pop();
    }

    void pushType(ValType t) {
        push(t);
    }

    // ---- globals ----------------------------------------------------------------------------

    private void globalGet(int index) {
        ValType t = module.globalType(index);
        if (t == NumType.V128) {
            new VectorEmitter(this, module).globalGet(index);
            return;
        }
        cb.ldc(module.constant(ModuleCompiler.Space.GLOBAL, index));
        switch (JvmTypes.kind(t)) {
            case INT -> support("globalI32", CD_int, GLOBAL);
            case LONG -> support("globalI64", CD_long, GLOBAL);
            default -> support("globalRef", CD_Object, GLOBAL);
        }
        push(t);
    }

    private void globalSet(int index) {
        if (module.globalType(index) == NumType.V128) {
            new VectorEmitter(this, module).globalSet(index);
            return;
        }
        ValType t = pop();
        cb.ldc(module.constant(ModuleCompiler.Space.GLOBAL, index));
        switch (JvmTypes.kind(t)) {
            case INT -> support("setGlobalI32", CD_void, CD_int, GLOBAL);
            case LONG -> support("setGlobalI64", CD_void, CD_long, GLOBAL);
            default -> support("setGlobalRef", CD_void, CD_Object, GLOBAL);
        }
    }

    // ---- calls and exceptions ---------------------------------------------------------------

    private void call(int index) {
        CompositeType.Func t = module.funcType(index);
        if (module.isDirect(index)) {
            for (int i = 0; i < t.params().size(); i++) {
                pop();
            }
            cb.invokestatic(module.owner(), ModuleCompiler.methodName(index), JvmTypes.methodDesc(t));
            unpackResults(t.results());
            t.results().forEach(this::push);
            return;
        }
        int[] args = new int[t.params().size()];
        List<ValType> types = spillOperands(args.length, args);
        cb.ldc(module.constant(ModuleCompiler.Space.FUNCTION, index));
        int f = scratch(TypeKind.REFERENCE);
        cb.astore(f);
        dynamicCall(f, t, types, args);
    }

    /**
     * {@code return_call}: to the function itself, a jump back to its start with the arguments as
     * new parameters and the locals zeroed (constant stack). To another function, a call and a
     * return: {@link TailCalls} admits that only where no chain of tail calls leads back here, so
     * the Java stack stays bounded.
     */
    private void tailCall(int index) {
        if (index != self) {
            notInTry();
            call(index);
            emitReturn();
            unreachable = true;
            return;
        }
        if (region != null) {
            throw new NotCompilable("return_call to itself in an outlined block");
        }
        int n = type.params().size();
        int[] args = new int[n];
        spillOperands(n, args);
        for (int i = 0; i < n; i++) {
            cb.loadLocal(JvmTypes.kind(localType[i]), args[i]);
            storeLocalBits(i);
        }
        for (int i = n; i < localType.length; i++) {
            zero(localType[i]);
            storeLocalBits(i);
        }
        cb.goto_(start);
        unreachable = true;
    }

    /** A tail call done as call and return must not run under this function's handlers. */
    private void notInTry() {
        if (insideTry || ctl.stream().anyMatch(c -> c.kind == Op.TRY_TABLE)) {
            throw new NotCompilable("tail call to another function inside try_table");
        }
    }

    private void callIndirect(Instruction.Indexed2 ins) {
        CompositeType.Func t = module.funcTypeAt(ins.first());
        int table = ins.second();
        ValType indexType = pop();
        if (JvmTypes.kind(indexType) == TypeKind.INT) {
            cb.i2l();
        }
        int index = scratch(TypeKind.LONG);
        cb.lstore(index);
        int[] args = new int[t.params().size()];
        List<ValType> types = spillOperands(args.length, args);
        cb.lload(index);
        cb.ldc(module.constant(ModuleCompiler.Space.TABLE, table));
        cb.ldc(module.canonicalTypeId(ins.first()));
        support("indirect", FUNCTION, CD_long, TABLE, CD_int);
        int f = scratch(TypeKind.REFERENCE);
        cb.astore(f);
        dynamicCall(f, t, types, args);
    }

    private void callRef(CompositeType.Func t) {
        pop();
        int ref = scratch(TypeKind.REFERENCE);
        cb.astore(ref);
        int[] args = new int[t.params().size()];
        List<ValType> types = spillOperands(args.length, args);
        cb.aload(ref);
        support("callee", FUNCTION, CD_Object);
        int f = scratch(TypeKind.REFERENCE);
        cb.astore(f);
        dynamicCall(f, t, types, args);
    }

    /**
     * Calls the function in local {@code f} with the arguments in {@code args}: through its
     * compiled method if it has one, else through its boxed entry.
     */
    private void dynamicCall(int f, CompositeType.Func t, List<ValType> types, int[] args) {
        Label done = cb.newLabel();
        Label slow = cb.newLabel();
        int mh = scratch(TypeKind.REFERENCE);
        cb.aload(f);
        cb.invokestatic(CALLS, "direct", MethodTypeDesc.of(METHOD_HANDLE, FUNCTION));
        cb.dup();
        cb.astore(mh);
        cb.ifnull(slow);
        cb.aload(mh);
        reload(types, args);
        cb.invokevirtual(METHOD_HANDLE, "invokeExact", JvmTypes.methodDesc(t));
        unpackResults(t.results());
        cb.goto_(done);
        cb.labelBinding(slow);
        cb.ldc(module.constant(ModuleCompiler.Space.INSTANCE, 0)); // the caller a host function sees
        cb.aload(f);
        slots(types, args);
        cb.invokestatic(CALLS, "invoke", MethodTypeDesc.of(VALUE_ARRAY, MODULE, FUNCTION, CD_long.arrayType(),
                CD_Object.arrayType()));
        List<ValType> results = t.results();
        if (results.isEmpty()) {
            cb.pop();
        } else {
            int values = scratch(TypeKind.REFERENCE);
            cb.astore(values);
            for (int i = 0; i < results.size(); i++) {
                cb.aload(values);
                cb.ldc(i);
                resultAt(results.get(i));
            }
        }
        cb.labelBinding(done);
        results.forEach(this::push);
    }

    /** Pushes a long[] and an Object[] holding the values in {@code slots} (numbers, references). */
    private void slots(List<ValType> types, int[] slots) {
        int n = types.size();
        cb.ldc(n);
        cb.newarray(TypeKind.LONG);
        for (int i = 0; i < n; i++) {
            TypeKind k = JvmTypes.kind(types.get(i));
            if (k != TypeKind.REFERENCE) {
                cb.dup();
                cb.ldc(i);
                cb.loadLocal(k, slots[i]);
                if (k == TypeKind.INT) {
                    cb.i2l();
                }
                cb.lastore();
            }
        }
        cb.ldc(n);
        cb.anewarray(CD_Object);
        for (int i = 0; i < n; i++) {
            if (JvmTypes.kind(types.get(i)) == TypeKind.REFERENCE) {
                cb.dup();
                cb.ldc(i);
                cb.aload(slots[i]);
                cb.aastore();
            }
        }
    }

    private void throwTag(int tag) {
        List<ValType> params = module.tag(tag).type().params();
        int[] s = new int[params.size()];
        List<ValType> types = spillOperands(s.length, s);
        cb.ldc(module.constant(ModuleCompiler.Space.TAG, tag));
        slots(types, s);
        cb.invokestatic(CALLS, "exception", MethodTypeDesc.of(WASM_EXCEPTION, TAG, CD_long.arrayType(),
                CD_Object.arrayType()));
        cb.athrow();
        unreachable = true;
    }
}
