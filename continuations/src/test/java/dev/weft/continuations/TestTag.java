package dev.weft.continuations;

/** A stand-in for the interpreter's tag instances: equal by name, yet distinct as handler tags. */
record TestTag(String name) {}
