package dev.weft.interpreter.ast;

/** A table defined in the module; {@code init} is null unless an initialiser expression was given. */
public record Table(TableType type, Expression init) {}
