package dev.weft.interpreter.ast;

/** An export: a name and an index into the space of its kind (imports first). */
public record Export(String name, ExternKind kind, int index) {}
