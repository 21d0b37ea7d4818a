/**
 * The GC proposal's heap values: structs ({@link dev.weft.interpreter.exec.gc.StructObject}),
 * arrays ({@link dev.weft.interpreter.exec.gc.ArrayObject}, one subclass per element width),
 * their common type id ({@link dev.weft.interpreter.exec.gc.GcObject}) and i31 references
 * ({@link dev.weft.interpreter.exec.gc.I31Ref}). Plain Java objects collected by the JVM; the
 * classes only hold and move values, the instructions that make, read and cast them are the
 * loop's ({@code exec.GcOps}, {@code exec.CastOps}) and the compiled tier's
 * ({@code exec.GcSupport}). Not API.
 *
 * <p>A leaf below the loop: it depends on the instruction table's {@code GcLayout} only.
 */
package dev.weft.interpreter.exec.gc;
