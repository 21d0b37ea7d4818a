package dev.weft.interpreter.ast;

/**
 * A custom section, kept as it was found. {@code after} is the id of the last non-custom section
 * before it (0 when it came first), so an encoder can put it back in place.
 */
public record CustomSection(String name, byte[] bytes, int after) {}
