package dev.weft.interpreter.exec.switching;

import dev.weft.continuations.ContRef;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Value;

/**
 * What a resume driven from Java (or requested by a host function) ended with: the
 * continuation's results, or a suspension to {@code tag} (non-null) with its payload in
 * {@code values} and {@code next} to resume it.
 */
public record HostOutcome(Value[] values, Tag tag, ContRef next) {}
