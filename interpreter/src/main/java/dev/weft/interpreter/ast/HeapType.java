package dev.weft.interpreter.ast;

/** A heap type: an abstract one ({@link AbsHeapType}) or a concrete type index ({@link ConcreteHeapType}). */
public sealed interface HeapType permits AbsHeapType, ConcreteHeapType {}
