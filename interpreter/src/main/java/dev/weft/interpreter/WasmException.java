package dev.weft.interpreter;

import dev.weft.interpreter.ast.ValType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Wasm exception: a tag and its payload. Inside Wasm the same object is the value of an
 * {@code exnref}, so {@code throw_ref} rethrows it with its identity. When no handler catches it
 * before the invoked export returns, it reaches the embedder as this unchecked exception, which
 * is not a {@link Trap}. A host function may throw one to raise a Wasm exception; Wasm handlers
 * catch it by tag identity.
 */
public final class WasmException extends RuntimeException {
    private final Tag tag;
    private final Value[] payload;

    /**
     * An exception with tag {@code tag} carrying {@code payload}, which must match the tag's
     * parameter types (numbers exactly, references by being references).
     *
     * @throws IllegalArgumentException if the payload does not match
     */
    public WasmException(Tag tag, Value... payload) {
        super(null, null, false, false);
        this.tag = Objects.requireNonNull(tag, "tag");
        this.payload = payload.clone();
        checkPayload(tag.type().params(), this.payload);
    }

    private static void checkPayload(List<ValType> params, Value[] payload) {
        boolean ok = params.size() == payload.length;
        for (int i = 0; ok && i < payload.length; i++) {
            ValType t = params.get(i);
            ok = payload[i] != null && (t.isRef() ? payload[i].type().isRef() : payload[i].type().equals(t));
        }
        if (!ok) {
            throw new IllegalArgumentException("payload " + Arrays.toString(payload) + " does not match the tag's "
                    + "parameters " + params);
        }
    }

    /** The tag the exception was thrown with. */
    public Tag tag() {
        return tag;
    }

    /** A copy of the payload values. */
    public Value[] payload() {
        return payload.clone();
    }

    @Override
    public String getMessage() {
        return "uncaught exception: tag " + tag.type() + " payload " + Arrays.toString(payload);
    }
}
