package dev.weft.interpreter.ast;

/** A global's value type and mutability. */
public record GlobalType(ValType type, boolean mutable) {}
