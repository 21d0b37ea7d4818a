package dev.weft.continuations;

/**
 * What the interpreter does after {@link Continuations#resume}, {@link Continuations#resumeThrow}
 * or the second half of a {@link Continuations#switchTo}: run {@link #stack()}.
 *
 * <ul>
 *   <li>{@link #fresh()}: the continuation never ran. Call {@link ContStack#entry()} with the
 *       {@link #bound()} chunks (earliest first) followed by the resume arguments; with
 *       {@link #raise()}, raise the exception before its first instruction instead.</li>
 *   <li>otherwise: it waits at a {@code suspend} or {@code switch}; the bound chunks followed by
 *       the arguments become that instruction's results, or, with {@link #raise()}, the
 *       instruction throws.</li>
 * </ul>
 *
 * @param stack the stack to run, now {@link StackState#RUNNING}
 * @param fresh true if it has never run
 * @param bound arguments remembered by {@code cont.bind}, or null
 * @param raise true for {@code resume_throw}/{@code resume_throw_ref}: raise at the resumption point
 */
public record Resumption(ContStack stack, boolean fresh, BoundArgs bound, boolean raise) {}
