package dev.weft.interpreter.ast;

/** An import {@code (import "module" "name" desc)}. */
public record Import(String module, String name, ImportDesc desc) {}
