package dev.weft.interpreter.ast;

/** A table type: element reference type and limits in elements. */
public record TableType(RefType elementType, Limits limits) {}
