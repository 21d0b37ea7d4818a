/**
 * The WebAssembly binary format: {@link dev.weft.interpreter.binary.BinaryDecoder} turns bytes
 * into a {@link dev.weft.interpreter.ast.Module} (or a
 * {@link dev.weft.interpreter.MalformedModuleException} whose message starts with the spec test
 * suite's text), and {@link dev.weft.interpreter.binary.BinaryEncoder} writes a module back in
 * canonical form.
 *
 * <p>Covered: all sections including tags and data count; GC, typed function references,
 * exceptions ({@code try_table}), tail calls, bulk memory, multi-memory, memory64, stack
 * switching and SIMD ({@code 0xFD}). Not covered: the legacy exception opcodes ("illegal opcode").
 */
package dev.weft.interpreter.binary;
