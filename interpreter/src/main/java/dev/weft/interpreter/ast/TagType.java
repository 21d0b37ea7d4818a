package dev.weft.interpreter.ast;

/** A tag: the index of its function type (params are the payload, results are for stack switching). */
public record TagType(int typeIndex) {}
