package dev.weft.interpreter.valid;

/**
 * What validation learned about one defined function that execution needs. Arrays are indexed
 * by the position of the instruction in {@link dev.weft.interpreter.ast.Function#body()}.
 *
 * <p>Heights count 64-bit operand slots above the locals (a v128 counts two, every other value
 * one), measured before the instruction executes.
 *
 * <p>Exactly what {@code heightBefore} holds (the validator's rules):
 * <ul>
 *   <li>An ordinary instruction gets the height on entry, or -1 when it follows an unconditional
 *       transfer ({@code unreachable}, {@code br}, {@code br_table}, {@code return},
 *       {@code return_call*}, {@code throw}, {@code throw_ref}, ...) in the same block, i.e. when
 *       the spec's control frame is marked unreachable. Everything inside a block, loop, if or
 *       try_table that itself starts in such unreachable code is -1 too (including its
 *       {@code else} and {@code end}).</li>
 *   <li>{@code else} gets the height at the end of the then-arm (block base + result slots) if the
 *       then-arm falls through to it, else -1. The first instruction of the else-arm is reachable
 *       whenever the {@code if} was (its height is the block base + parameter slots).</li>
 *   <li>{@code end} of a {@code block}, {@code if}/{@code else}, {@code try_table} or of the
 *       function gets block base + result slots if its body falls through to it, <em>or</em> any
 *       branch/catch/handler clause targets the block's label, <em>or</em> it ends an {@code if}
 *       without {@code else} (the implicit else reaches it); otherwise -1. The {@code end} of a
 *       {@code loop} (whose label is its start) gets a height only when its body falls through.</li>
 *   <li>Instructions after an {@code end} follow the spec: they are reachable when the enclosing
 *       block is, even if nothing reaches that {@code end} (the lowerer may emit dead code there).</li>
 *   <li>{@code maxStackHeight} only counts heights reached in reachable code.</li>
 * </ul>
 *
 * @param maxStackHeight the largest operand-stack height (slots) reached anywhere in the body
 * @param heightBefore   operand-stack height before each instruction, or -1 where the
 *                       instruction is unreachable (after br, return, unreachable, throw, ... up
 *                       to the end of the enclosing block); a lowerer may skip such code
 * @param operandKind    for instructions whose operand types are not given by immediates
 *                       ({@code drop}, untyped {@code select}), the kind of the value they act on:
 *                       {@link #KIND_NUM}, {@link #KIND_REF} or {@link #KIND_V128}; 0 elsewhere
 */
public record FunctionInfo(int maxStackHeight, int[] heightBefore, byte[] operandKind) {
    public static final byte KIND_NUM = 0;
    public static final byte KIND_REF = 1;
    public static final byte KIND_V128 = 2;
}
