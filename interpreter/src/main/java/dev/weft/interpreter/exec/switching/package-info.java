/**
 * The interpreter's stack-switching seam: everything that moves the dispatch loop from one stack
 * to another. Not API.
 *
 * <ul>
 *   <li>{@link dev.weft.interpreter.exec.switching.SwitchStack}: what a switch reads and writes
 *       of a stack (values, saved frames, depth and sp, the parking state); the loop's
 *       {@code exec.ExecStack} is its one subclass.</li>
 *   <li>{@link dev.weft.interpreter.exec.switching.StackSwitcher}: one thread's continuation
 *       model and running stack, and the operations (resume, suspend, switch, return, throw)
 *       that ask the model for the next stack, transfer the values and re-enter it.</li>
 *   <li>{@link dev.weft.interpreter.exec.switching.StackValues},
 *       {@link dev.weft.interpreter.exec.switching.Chunk}: the values in flight, and those a
 *       {@code cont.bind} keeps.</li>
 *   <li>{@link dev.weft.interpreter.exec.switching.HostOutcome},
 *       {@link dev.weft.interpreter.exec.switching.HostWait}: outcomes that go to Java (a resume
 *       driven from Java, a host function's resume request).</li>
 * </ul>
 *
 * <p>The package depends on the continuation model, the API's values and tags and the AST's
 * value types, never on {@code exec}: what a switch needs of the loop (laying out a fresh
 * stack's first frame, raising an exception in a parked stack, the code a parked frame runs,
 * growing a stack, a host callback) are abstract methods and an interface the loop's side
 * implements. {@code ArchitectureTest} keeps it so.
 */
package dev.weft.interpreter.exec.switching;
