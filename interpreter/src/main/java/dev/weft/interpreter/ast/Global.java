package dev.weft.interpreter.ast;

/** A global defined in the module with its constant initialiser. */
public record Global(GlobalType type, Expression init) {}
