package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.weft.interpreter.ast.ValType;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The helper methods of one split function ({@link SplitPlan}): which outlined blocks its
 * methods call, in the order they are to be emitted, and how a helper is named and called.
 *
 * <p>A helper is {@code static int h<function>_<start>(long[] nums, Object[] refs)} (a run of
 * statements: {@code r<function>_<start>}). The two
 * frame arrays, allocated once per call of the function, hold the Wasm locals (entry {@code i}
 * for local {@code i}; numbers in {@code nums}, references in {@code refs}) and past them the
 * values passed in (the block's parameters, and an {@code if}'s condition) and out (the values
 * of the label it leaves by). The caller stores the locals the block uses before the call and
 * reloads those it writes after it (and, inside a {@code try_table}, when a Wasm exception
 * leaves it); the int returned says how the block ended (see {@link SplitPlan}).
 */
final class OutlinedBlocks {
    /** The descriptor of every helper. */
    static final MethodTypeDesc DESC = MethodTypeDesc.of(CD_int, CD_long.arrayType(), CD_Object.arrayType());

    /**
     * An outlined block as its caller sees it: the label types of the labels around it (the
     * function's own first), and whether a {@code try_table} of the function encloses it.
     */
    record Block(SplitPlan.Region region, List<List<ValType>> labels, boolean insideTry) {}

    private final Map<SplitPlan.Region, Block> requested = new HashMap<>();
    private final ArrayDeque<Block> queue = new ArrayDeque<>();

    /** Records that a method calls {@code b}'s helper (once per block, however often asked). */
    void request(Block b) {
        if (requested.putIfAbsent(b.region(), b) == null) {
            queue.add(b);
        }
    }

    /** The next helper to emit, or null. */
    Block next() {
        return queue.poll();
    }

    /** {@code h<function>_<start>} for a block, {@code r<function>_<start>} for a run of statements. */
    static String methodName(int function, SplitPlan.Region r) {
        return (r.run ? "r" : "h") + function + "_" + r.start;
    }

    /** The function index of a method {@code f<index>}, {@code h<index>_<start>} or {@code r<index>_<start>}, or -1. */
    static int functionOf(String methodName) {
        if (methodName.startsWith("f")) {
            return Integer.parseInt(methodName.substring(1));
        }
        if (methodName.startsWith("h") || methodName.startsWith("r")) {
            return Integer.parseInt(methodName.substring(1, methodName.indexOf('_')));
        }
        return -1;
    }
}
