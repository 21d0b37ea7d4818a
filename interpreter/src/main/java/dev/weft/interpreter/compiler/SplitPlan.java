package dev.weft.interpreter.compiler;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Function;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Which structured blocks ({@code block}, {@code loop}, {@code if}, {@code try_table}) of one
 * function, and which runs of whole statements, are outlined into helper methods, so that each
 * JVM method of the function stays within a byte budget (HotSpot does not JIT-compile a method
 * over 8,000 bytes). Blocks go first; a block (or the body) still too big after that is cut into
 * runs of statements: stretches of its instructions that start and end with nothing of its own on
 * the operand stack (validation's stack heights), so that a run takes and leaves no values and
 * acts as a block without a label ({@link SplitChoice} chooses). Sizes are estimated per
 * instruction; {@link ModuleCompiler} checks the real sizes and plans again with a smaller budget
 * when the estimate was short.
 *
 * <p>For each block the plan also records what its helper exchanges with the caller through the
 * frame arrays ({@link OutlinedBlocks}): the Wasm locals it uses and writes, and its exit codes:
 * 0 when it falls through its end, {@code c > 0} when it branches to the label {@code c - 1}
 * levels out from its parent (the function's own label, a return, included).
 */
final class SplitPlan {
    /**
     * A block of the body (instructions {@code start} to {@code end}, its {@code end}
     * included), a run of statements ({@code run}; instructions {@code start} to {@code end}), or
     * the body itself (the root, {@code start == -1}).
     */
    static final class Region {
        final int start;
        int end;
        boolean run;
        final Region parent;
        final int level;
        final List<Region> children = new ArrayList<>();
        final BitSet used = new BitSet();
        final BitSet written = new BitSet();
        /** The exit codes other than 0 (fallthrough) that its body may take. */
        final TreeSet<Integer> exits = new TreeSet<>();
        /** Estimated bytes of the instructions directly in it (not in child blocks). */
        int own;
        /** Whether it contains a tail call to the function itself (a jump to the method's start). */
        boolean selfTailCall;
        boolean outlined;
        private int size = -1;

        Region(int start, Region parent) {
            this.start = start;
            this.parent = parent;
            this.level = parent == null ? 0 : parent.level + 1;
        }
    }

    private static final SplitPlan NONE = new SplitPlan(Map.of(), Map.of(), 0);

    private final Map<Integer, Region> outlined;
    private final Map<Integer, Region> runs;
    private final int transfer;

    private SplitPlan(Map<Integer, Region> outlined, Map<Integer, Region> runs, int transfer) {
        this.outlined = outlined;
        this.runs = runs;
        this.transfer = transfer;
    }

    /** No block outlined. */
    static SplitPlan none() {
        return NONE;
    }

    /**
     * What to call in place of instruction {@code i} in the method of {@code in} (null: the
     * function's own method): the outlined run or block starting there that lies inside
     * {@code in}, or null.
     */
    Region outlinedAt(int i, Region in) {
        Region run = runs.get(i);
        if (run != null && run != in && (in == null || in.run || i != in.start)) {
            return run;
        }
        Region block = outlined.get(i);
        return block == null || block == in ? null : block;
    }

    boolean splits() {
        return !outlined.isEmpty() || !runs.isEmpty();
    }

    /** Frame array entries past the locals, for values passed into and out of helpers. */
    int transferSize() {
        return transfer;
    }

    /**
     * Plans function {@code f} (index {@code self}, type {@code type}) for methods of about
     * {@code budget} bytes; {@code blockTypes} resolves a type index of a block type.
     */
    static SplitPlan of(Function f, CompositeType.Func type, int self, int budget,
            IntFunction<CompositeType.Func> blockTypes, int[] heights) {
        List<Instruction> body = f.body();
        Region root = new Region(-1, null);
        root.end = body.size() - 1;
        List<Region> all = new ArrayList<>();
        int transfer = type.results().size();
        Region cur = root;
        root.own = 4 * (f.locals().size() + 1);
        for (int i = 0; i < body.size(); i++) {
            Instruction ins = body.get(i);
            Op op = ins.op();
            switch (op) {
                case BLOCK, LOOP, IF, TRY_TABLE -> {
                    BlockType bt = ins instanceof Instruction.Block b ? b.type() : ((Instruction.TryTable) ins).type();
                    if (bt instanceof BlockType.Indexed ix) {
                        CompositeType.Func ft = blockTypes.apply(ix.typeIndex());
                        transfer = Math.max(transfer, Math.max(ft.params().size() + 1, ft.results().size()));
                    } else {
                        transfer = Math.max(transfer, 1);
                    }
                    Region r = new Region(i, cur);
                    cur.children.add(r);
                    all.add(r);
                    cur = r;
                    cur.own += weight(ins);
                    if (ins instanceof Instruction.TryTable tt) {
                        for (Instruction.Catch c : tt.catches()) {
                            exit(r, c.label() + 1);
                        }
                    }
                }
                case END -> {
                    cur.end = i;
                    if (cur.parent != null) {
                        cur = cur.parent;
                    }
                }
                default -> {
                    cur.own += weight(ins);
                    switch (ins) {
                        case Instruction.Indexed x when op == Op.LOCAL_GET -> mark(cur, x.index(), false);
                        case Instruction.Indexed x when op == Op.LOCAL_SET || op == Op.LOCAL_TEE -> mark(cur, x.index(), true);
                        case Instruction.Indexed x when op == Op.BR || op == Op.BR_IF || op == Op.BR_ON_NULL
                                || op == Op.BR_ON_NON_NULL -> exit(cur, x.index());
                        case Instruction.BrOnCast b -> exit(cur, b.label());
                        case Instruction.BranchTable bt -> {
                            for (int l : bt.labels()) {
                                exit(cur, l);
                            }
                            exit(cur, bt.defaultLabel());
                        }
                        default -> { }
                    }
                    if (op == Op.RETURN || op == Op.RETURN_CALL || op == Op.RETURN_CALL_INDIRECT
                            || op == Op.RETURN_CALL_REF) {
                        exit(cur, cur.level);
                    }
                    if (op == Op.RETURN_CALL && ((Instruction.Indexed) ins).index() == self) {
                        for (Region r = cur; r != null; r = r.parent) {
                            r.selfTailCall = true;
                        }
                    }
                }
            }
        }
        new SplitChoice(body, heights, self, blockTypes).outline(root, budget);
        Map<Integer, Region> chosen = new HashMap<>();
        Map<Integer, Region> runs = new HashMap<>();
        collect(root, chosen, runs);
        return chosen.isEmpty() && runs.isEmpty() ? NONE : new SplitPlan(chosen, runs, transfer);
    }

    private static void collect(Region r, Map<Integer, Region> blocks, Map<Integer, Region> runs) {
        for (Region c : r.children) {
            if (c.outlined) {
                (c.run ? runs : blocks).put(c.start, c);
            }
            collect(c, blocks, runs);
        }
    }

    /** Records a use of local {@code index} in {@code r} and the blocks around it. */
    private static void mark(Region r, int index, boolean write) {
        for (; r != null; r = r.parent) {
            r.used.set(index);
            if (write) {
                r.written.set(index);
            }
        }
    }

    /** Records a branch from inside {@code from} to label {@code depth}: an exit of each block it leaves. */
    private static void exit(Region from, int depth) {
        int targetLevel = from.level - depth;
        for (Region r = from; r != null && r.level > targetLevel; r = r.parent) {
            r.exits.add(r.level - targetLevel);
        }
    }

    static void invalidate(Region r) {
        for (Region p = r; p != null; p = p.parent) {
            p.size = -1;
        }
    }

    /** The estimated bytes of {@code r}'s method (a helper's own entry and exit included). */
    static int size(Region r) {
        if (r.size < 0) {
            int s = r.own;
            for (Region c : r.children) {
                s += c.outlined ? callCost(c) : size(c);
            }
            if (r.parent != null) {
                s += 9 * (r.used.cardinality() + r.written.cardinality()) + 12 * r.exits.size() + 16;
            }
            r.size = s;
        }
        return r.size;
    }

    /** The estimated bytes a call of outlined block {@code r} costs its caller. */
    static int callCost(Region r) {
        return 24 + 9 * (r.used.cardinality() + 2 * r.written.cardinality()) + 16 * r.exits.size();
    }

    /** An estimate of the bytecode an instruction emits (its operands' moves included). */
    static int weight(Instruction ins) {
        return switch (ins.op()) {
            case NOP, BLOCK, LOOP, ELSE -> 0;
            case LOCAL_GET, LOCAL_SET, DROP -> 2;
            case LOCAL_TEE, IF -> 4;
            case BR -> 6;
            case BR_IF -> 8;
            case GLOBAL_GET, GLOBAL_SET -> 7;
            case SELECT, SELECT_TYPED -> 20;
            case CALL, RETURN_CALL -> 16;
            case CALL_INDIRECT, CALL_REF, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> 90;
            case TRY_TABLE -> 40 + 40 * ((Instruction.TryTable) ins).catches().size();
            case BR_TABLE -> 24 + 12 * ((Instruction.BranchTable) ins).labels().length;
            // GcEmitter stores each operand with a move, a constant and a call
            case ARRAY_NEW_FIXED -> 12 + 8 * ((Instruction.Indexed2) ins).second();
            case STRUCT_NEW -> 40;
            default -> ins instanceof Instruction.MemAccess ? 12 : GcEmitter.handles(ins.op()) ? 10 : 5;
        };
    }
}
