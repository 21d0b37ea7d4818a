package dev.weft.interpreter.ast;

/** A struct field or array element type with its mutability. */
public record FieldType(StorageType storage, boolean mutable) {}
