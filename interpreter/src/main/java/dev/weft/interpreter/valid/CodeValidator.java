package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's validation algorithm for one instruction sequence: an operand stack of value types
 * ({@code null} is the unknown type of unreachable code) and a control stack of {@link Frame}s.
 * Instruction families are checked by helper classes that call back into the stack operations
 * here; this class handles blocks, {@code else} and {@code end}, and records heights.
 *
 * <p>One instance validates many functions of one module in turn; its arrays are reused.
 */
final class CodeValidator {
    /** One-element result arrays for {@code (result numtype)} blocks, shared to avoid allocation. */
    private static final ValType[][] SINGLE_NUM = new ValType[NumType.values().length][];

    static {
        for (NumType n : NumType.values()) {
            SINGLE_NUM[n.ordinal()] = new ValType[] {n};
        }
    }

    final ModuleContext ctx;
    final ModuleTypes types;

    private ValType[] stack = new ValType[64];
    private int sp;
    private int slots;
    private int maxSlots;
    private Frame[] frames = new Frame[16];
    private int depth;

    ValType[] locals;
    private boolean[] initialized;
    private int[] initLog = new int[16];
    private int initLogSize;

    int[] heights;
    byte[] kinds;
    int pc;

    /** Globals visible to a constant expression (all of them in function bodies). */
    int globalLimit;
    boolean constant;

    private final ControlInstructions control = new ControlInstructions(this);
    private final NumericInstructions numeric = new NumericInstructions(this);
    private final VariableInstructions variable = new VariableInstructions(this);
    private final MemoryInstructions memory = new MemoryInstructions(this);
    private final TableInstructions table = new TableInstructions(this);
    private final GcInstructions gc = new GcInstructions(this);
    private final ContInstructions cont = new ContInstructions(this);
    private final VectorInstructions vector = new VectorInstructions(this, memory);

    CodeValidator(ModuleContext ctx) {
        this.ctx = ctx;
        this.types = ctx.types;
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new Frame();
        }
    }

    /** Validates a defined function body and returns what execution needs. */
    FunctionInfo validateFunction(Function f) throws InvalidModuleException {
        ValType[] params = types.params(f.typeIndex());
        ValType[] results = types.results(f.typeIndex());
        locals = new ValType[params.length + f.locals().size()];
        initialized = new boolean[locals.length];
        System.arraycopy(params, 0, locals, 0, params.length);
        Arrays.fill(initialized, 0, params.length, true);
        for (int i = 0; i < f.locals().size(); i++) {
            ValType t = f.locals().get(i);
            types.checkValType(t);
            locals[params.length + i] = t;
            initialized[params.length + i] = ModuleTypes.isDefaultable(t);
        }
        globalLimit = ctx.globals.length;
        constant = false;
        List<Instruction> body = f.body();
        int n = body.size();
        heights = new int[n];
        kinds = new byte[n];
        start(results);
        run(body, n);
        if (depth != 0) {
            throw new InvalidModuleException("type mismatch: function body is not terminated by end");
        }
        return new FunctionInfo(maxSlots, heights, kinds);
    }

    /**
     * Validates a constant expression producing {@code expected}; only globals below
     * {@code visibleGlobals} may be read.
     */
    void validateConstant(Expression e, ValType expected, int visibleGlobals)
            throws InvalidModuleException {
        locals = ModuleTypes.NONE;
        initialized = new boolean[0];
        globalLimit = visibleGlobals;
        constant = true;
        List<Instruction> code = e.instructions();
        int n = code.size();
        heights = new int[n + 1];
        kinds = new byte[n + 1];
        start(new ValType[] {expected});
        run(code, n);
        if (depth != 1) {
            throw new InvalidModuleException("constant expression required");
        }
        pc = n;
        end(Op.END);
    }

    private void start(ValType[] results) {
        sp = 0;
        slots = 0;
        maxSlots = 0;
        depth = 0;
        initLogSize = 0;
        pushFrame(Op.BLOCK, ModuleTypes.NONE, results);
    }

    private void run(List<Instruction> code, int n) throws InvalidModuleException {
        for (pc = 0; pc < n; pc++) {
            if (depth == 0) {
                throw new InvalidModuleException("type mismatch: instructions after the final end");
            }
            Instruction ins = code.get(pc);
            heights[pc] = frames[depth - 1].isLive() ? slots : -1;
            if (constant) {
                ConstantRules.check(ins);
            }
            dispatch(ins);
        }
    }

    private void dispatch(Instruction ins) throws InvalidModuleException {
        switch (OpFamily.of(ins.op())) {
            case OpFamily.STRUCTURE -> structure(ins);
            case OpFamily.CONTROL -> control.validate(ins);
            case OpFamily.NUMERIC -> numeric.validate(ins);
            case OpFamily.VARIABLE -> variable.validate(ins);
            case OpFamily.MEMORY -> memory.validate(ins);
            case OpFamily.TABLE -> table.validate(ins);
            case OpFamily.GC -> gc.validate(ins);
            case OpFamily.CONT -> cont.validate(ins);
            case OpFamily.VECTOR -> vector.validate(ins);
            default -> throw new InvalidModuleException("unknown operator " + ins.op());
        }
    }

    private void structure(Instruction ins) throws InvalidModuleException {
        Op op = ins.op();
        switch (op) {
            case BLOCK, LOOP -> enter(op, ((Instruction.Block) ins).type());
            case IF -> {
                BlockType bt = ((Instruction.Block) ins).type();
                ValType[] results = blockResults(bt);
                popExpect(NumType.I32);
                enter(op, blockParams(bt), results);
            }
            case ELSE -> elseBranch();
            case END -> end(op);
            default -> throw new IllegalStateException("internal: not a structure op " + op);
        }
    }

    /** Pops a block's parameters and opens its frame. */
    void enter(Op kind, BlockType bt) throws InvalidModuleException {
        enter(kind, blockParams(bt), blockResults(bt));
    }

    private void enter(Op kind, ValType[] params, ValType[] results) throws InvalidModuleException {
        popExpect(params);
        pushFrame(kind, params, results);
        pushAll(params);
    }

    ValType[] blockParams(BlockType bt) throws InvalidModuleException {
        if (bt instanceof BlockType.Indexed x) {
            return types.params(x.typeIndex());
        }
        return ModuleTypes.NONE;
    }

    ValType[] blockResults(BlockType bt) throws InvalidModuleException {
        return switch (bt) {
            case BlockType.Empty e -> ModuleTypes.NONE;
            case BlockType.Single s -> {
                if (s.type() instanceof NumType n) {
                    yield SINGLE_NUM[n.ordinal()];
                }
                types.checkValType(s.type());
                yield new ValType[] {s.type()};
            }
            case BlockType.Indexed x -> types.results(x.typeIndex());
        };
    }

    private void elseBranch() throws InvalidModuleException {
        Frame f = frames[depth - 1];
        if (f.kind != Op.IF) {
            throw new InvalidModuleException("type mismatch: else without if");
        }
        if (!f.isLive()) {
            heights[pc] = -1;
        }
        boolean targeted = f.targeted;
        ValType[] params = f.params;
        ValType[] results = f.results;
        popFrame();
        pushFrame(Op.ELSE, params, results);
        frames[depth - 1].targeted = targeted;
        pushAll(params);
    }

    private void end(Op op) throws InvalidModuleException {
        Frame f = frames[depth - 1];
        // Reached by falling through, by a branch to the label (not for loops, whose label is
        // the start), or, for an if without else, by the implicit else.
        boolean reached = !f.unreachable || (f.targeted && f.kind != Op.LOOP) || f.kind == Op.IF;
        heights[pc] = !f.dead && reached ? f.slotBase + slotsOf(f.results) : -1;
        popFrame();
        if (f.kind == Op.IF && !sameTypes(f.params, f.results)) {
            throw new InvalidModuleException("type mismatch: if without else");
        }
        if (depth > 0) {
            pushAll(f.results);
        }
    }

    private boolean sameTypes(ValType[] params, ValType[] results) {
        if (params.length != results.length) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (!types.isSubtype(params[i], results[i])) {
                return false;
            }
        }
        return true;
    }

    // ---- operand stack ----

    void push(ValType t) {
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = t;
        slots += t == null ? 1 : t.slots();
        if (slots > maxSlots && frames[depth - 1].isLive()) {
            maxSlots = slots;
        }
    }

    void pushAll(ValType[] ts) {
        for (ValType t : ts) {
            push(t);
        }
    }

    /** Pops any value; {@code null} when the unknown type of unreachable code is popped. */
    ValType pop() throws InvalidModuleException {
        Frame f = frames[depth - 1];
        if (sp == f.height) {
            if (f.unreachable) {
                return null;
            }
            throw new InvalidModuleException("type mismatch: operand stack is empty");
        }
        ValType t = stack[--sp];
        slots -= t == null ? 1 : t.slots();
        return t;
    }

    /** Pops a value that must match {@code expected}; returns the actual type (or null). */
    ValType popExpect(ValType expected) throws InvalidModuleException {
        Frame f = frames[depth - 1];
        if (sp == f.height && !f.unreachable) {
            throw new InvalidModuleException(
                    "type mismatch: instruction requires [" + expected + "] but stack has []");
        }
        ValType t = pop();
        if (!types.isSubtype(t, expected)) {
            throw mismatch(expected, t);
        }
        return t;
    }

    /** Pops values matching {@code expected} (last one on top). */
    void popExpect(ValType[] expected) throws InvalidModuleException {
        for (int i = expected.length - 1; i >= 0; i--) {
            popExpect(expected[i]);
        }
    }

    /** Pops a reference of any type; null for the unknown type. */
    RefType popRef() throws InvalidModuleException {
        ValType t = pop();
        if (t == null) {
            return null;
        }
        if (t instanceof RefType r) {
            return r;
        }
        throw new InvalidModuleException("type mismatch: instruction requires a reference but stack has " + t);
    }

    /** Checks that the top values match {@code expected} without popping them. */
    void checkTop(ValType[] expected) throws InvalidModuleException {
        Frame f = frames[depth - 1];
        int n = expected.length;
        for (int i = 0; i < n; i++) {
            int at = sp - n + i;
            if (at < f.height) {
                if (!f.unreachable) {
                    throw new InvalidModuleException("type mismatch: operand stack is too short");
                }
                continue;
            }
            if (!types.isSubtype(stack[at], expected[i])) {
                throw mismatch(expected[i], stack[at]);
            }
        }
    }

    static InvalidModuleException mismatch(ValType expected, ValType actual) {
        return new InvalidModuleException(
                "type mismatch: instruction requires [" + expected + "] but stack has [" + actual + "]");
    }

    static int slotsOf(ValType[] ts) {
        int n = 0;
        for (ValType t : ts) {
            n += t.slots();
        }
        return n;
    }

    /** Marks the rest of the current block unreachable, dropping its operands. */
    void unreachable() {
        Frame f = frames[depth - 1];
        sp = f.height;
        slots = f.slotBase;
        f.unreachable = true;
    }

    // ---- control stack ----

    private void pushFrame(Op kind, ValType[] params, ValType[] results) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
            for (int i = depth; i < frames.length; i++) {
                frames[i] = new Frame();
            }
        }
        boolean dead = depth > 0 && !frames[depth - 1].isLive();
        frames[depth++].reset(kind, params, results, sp, slots, initLogSize, dead);
    }

    private void popFrame() throws InvalidModuleException {
        Frame f = frames[depth - 1];
        popExpect(f.results);
        if (sp != f.height) {
            throw new InvalidModuleException("type mismatch: values remaining on stack at end of block");
        }
        for (int i = f.initMark; i < initLogSize; i++) {
            initialized[initLog[i]] = false;
        }
        initLogSize = f.initMark;
        depth--;
    }

    /** The frame a branch to relative {@code label} targets, marking it targeted if the branch can run. */
    Frame label(int label) throws InvalidModuleException {
        if (label < 0 || label >= depth) {
            throw new InvalidModuleException("unknown label " + label);
        }
        Frame f = frames[depth - 1 - label];
        if (frames[depth - 1].isLive()) {
            f.targeted = true;
        }
        return f;
    }

    /** The function's own frame (the target of {@code return}). */
    Frame functionFrame() {
        return frames[0];
    }

    // ---- locals ----

    ValType local(int index) throws InvalidModuleException {
        if (index < 0 || index >= locals.length) {
            throw new InvalidModuleException("unknown local " + index);
        }
        return locals[index];
    }

    void checkInitialized(int index) throws InvalidModuleException {
        if (!initialized[index]) {
            throw new InvalidModuleException("uninitialized local " + index);
        }
    }

    void markInitialized(int index) {
        if (!initialized[index]) {
            initialized[index] = true;
            if (initLogSize == initLog.length) {
                initLog = Arrays.copyOf(initLog, initLogSize * 2);
            }
            initLog[initLogSize++] = index;
        }
    }

    void setKind(byte kind) {
        kinds[pc] = kind;
    }
}
