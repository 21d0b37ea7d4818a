package dev.weft.interpreter.compiler;

import static dev.weft.interpreter.compiler.SplitPlan.callCost;
import static dev.weft.interpreter.compiler.SplitPlan.invalidate;
import static dev.weft.interpreter.compiler.SplitPlan.size;
import static dev.weft.interpreter.compiler.SplitPlan.weight;

import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.compiler.SplitPlan.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Chooses what {@link SplitPlan} outlines in one function's block tree: blocks first, biggest
 * fitting block first; a region still too big after that is cut into runs of statements (from
 * one point where it has nothing of its own on the operand stack, by validation's stack
 * heights, to another), which take and leave no values.
 */
final class SplitChoice {
    private final List<Instruction> body;
    private final int[] heights;
    private final int self;
    private final IntFunction<CompositeType.Func> blockTypes;

    SplitChoice(List<Instruction> body, int[] heights, int self, IntFunction<CompositeType.Func> blockTypes) {
        this.body = body;
        this.heights = heights;
        this.self = self;
        this.blockTypes = blockTypes;
    }


    /**
     * Outlines blocks of {@code r} until its estimate is within {@code budget}: the biggest
     * block that fits the budget as a whole, else the biggest block (split in turn), until no
     * block is left; then, if it is still too big, runs of its statements. The real sizes
     * decide whether the result is small enough.
     */
    void outline(Region r, int budget) {
        while (size(r) > budget) {
            Region best = null;
            Region biggest = null;
            for (Region c : candidates(r, new ArrayList<>())) {
                int s = size(c);
                if (s <= budget && (best == null || s > size(best))) {
                    best = c;
                }
                if (biggest == null || s > size(biggest)) {
                    biggest = c;
                }
            }
            Region pick = best != null ? best : biggest;
            if (pick == null) {
                cutIntoRuns(r, budget);
                return;
            }
            if (best == null) {
                outline(pick, budget);
            }
            pick.outlined = true;
            invalidate(pick.parent);
        }
    }

    /**
     * Cuts the statements of {@code r} (those not in outlined blocks) into runs of about
     * {@code budget} bytes, each from one point where {@code r} has nothing of its own on the
     * stack to the next such point.
     */
    private void cutIntoRuns(Region r, int budget) {
        int first = r.start + 1;
        int last = r.end;
        if (heights == null || first > last || heights[first] < 0) {
            return;
        }
        int base = heights[first] - (r.parent == null ? 0 : entryValues(body.get(r.start)));
        List<Region> items = new ArrayList<>(r.children);
        int runStart = -1;
        int lastBoundary = -1;
        int acc = 0;
        List<int[]> cuts = new ArrayList<>();
        int child = 0;
        for (int p = first; p <= last; p++) {
            if (heights[p] == base) {
                if (runStart >= 0 && acc > budget && lastBoundary > runStart) {
                    cuts.add(new int[] {runStart, lastBoundary});
                    runStart = lastBoundary;
                    acc = sizeBetween(r, runStart, p);
                }
                if (runStart < 0) {
                    runStart = p;
                    acc = 0;
                }
                lastBoundary = p;
            }
            if (p == last) {
                break;
            }
            if (body.get(p).op() == Op.ELSE && (child >= items.size() || items.get(child).start != p)) {
                // an if's arms are cut apart: no run holds its else
                if (runStart >= 0 && lastBoundary > runStart) {
                    cuts.add(new int[] {runStart, lastBoundary});
                }
                runStart = -1;
                lastBoundary = -1;
                acc = 0;
                continue;
            }
            if (child < items.size() && items.get(child).start == p) {
                Region c = items.get(child++);
                acc += c.outlined ? callCost(c) : size(c);
                p = c.end;
            } else {
                acc += weight(body.get(p));
            }
        }
        if (runStart >= 0 && lastBoundary > runStart) {
            cuts.add(new int[] {runStart, lastBoundary});
        }
        for (int[] cut : cuts) {
            makeRun(r, cut[0], cut[1] - 1);
        }
        invalidate(r);
    }

    /** The estimated bytes of {@code r}'s own items from instruction {@code from} up to {@code to}. */
    private int sizeBetween(Region r, int from, int to) {
        int s = 0;
        for (int p = from; p < to; p++) {
            Region c = childAt(r, p);
            if (c != null) {
                s += c.outlined ? callCost(c) : size(c);
                p = c.end;
            } else {
                s += weight(body.get(p));
            }
        }
        return s;
    }

    private static Region childAt(Region r, int p) {
        for (Region c : r.children) {
            if (c.start == p) {
                return c;
            }
        }
        return null;
    }

    /** Makes instructions {@code from} to {@code to} of {@code r} an outlined run, its blocks moved into it. */
    private void makeRun(Region r, int from, int to) {
        Region run = new Region(from, r);
        run.run = true;
        run.end = to;
        for (int p = from; p <= to; p++) {
            Region c = childAt(r, p);
            if (c != null) {
                run.children.add(c);
                run.used.or(c.used);
                run.written.or(c.written);
                run.exits.addAll(c.exits);
                run.selfTailCall |= c.selfTailCall;
                p = c.end;
                continue;
            }
            Instruction ins = body.get(p);
            run.own += weight(ins);
            Op op = ins.op();
            switch (ins) {
                case Instruction.Indexed x when op == Op.LOCAL_GET -> run.used.set(x.index());
                case Instruction.Indexed x when op == Op.LOCAL_SET || op == Op.LOCAL_TEE -> {
                    run.used.set(x.index());
                    run.written.set(x.index());
                }
                case Instruction.Indexed x when op == Op.BR || op == Op.BR_IF || op == Op.BR_ON_NULL
                        || op == Op.BR_ON_NON_NULL -> run.exits.add(x.index() + 1);
                case Instruction.BrOnCast b -> run.exits.add(b.label() + 1);
                case Instruction.BranchTable bt -> {
                    for (int l : bt.labels()) {
                        run.exits.add(l + 1);
                    }
                    run.exits.add(bt.defaultLabel() + 1);
                }
                default -> { }
            }
            if (op == Op.RETURN || op == Op.RETURN_CALL || op == Op.RETURN_CALL_INDIRECT || op == Op.RETURN_CALL_REF) {
                run.exits.add(r.level + 1);
            }
            if (op == Op.RETURN_CALL && ((Instruction.Indexed) ins).index() == self) {
                run.selfTailCall = true;
            }
        }
        if (run.selfTailCall) {
            return;
        }
        r.children.removeAll(run.children);
        r.children.add(run);
        r.children.sort((a, b) -> Integer.compare(a.start, b.start));
        run.outlined = true;
    }

    /** The parameters of a block: on the stack when its body starts. */
    private int entryValues(Instruction open) {
        BlockType bt = open instanceof Instruction.Block b ? b.type() : ((Instruction.TryTable) open).type();
        return bt instanceof BlockType.Indexed ix ? blockTypes.apply(ix.typeIndex()).params().size() : 0;
    }

    /** The blocks inside {@code r} that may be outlined, not inside an outlined one. */
    private static List<Region> candidates(Region r, List<Region> out) {
        for (Region c : r.children) {
            if (c.outlined) {
                continue;
            }
            if (!c.selfTailCall) {
                out.add(c);
            }
            candidates(c, out);
        }
        return out;
    }
}
