package dev.weft.interpreter.ast;

/** A memory type: limits in 64 KiB pages. */
public record MemoryType(Limits limits) {}
