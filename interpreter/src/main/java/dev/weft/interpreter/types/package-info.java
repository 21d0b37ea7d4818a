/**
 * What validation and execution share about types at run time: the process-wide
 * {@link dev.weft.interpreter.types.TypeRegistry} of canonical type ids (iso-recursive
 * equivalence, declared supertypes), which validation fills and casts, tables and function
 * references consult while running. It depends on no other package of the engine.
 */
package dev.weft.interpreter.types;
