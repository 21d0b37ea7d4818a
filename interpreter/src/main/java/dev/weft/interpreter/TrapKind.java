package dev.weft.interpreter;

/** Every way execution can trap, each owning the exact text the spec tests expect. */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION("invalid conversion to integer"),
    OUT_OF_BOUNDS_MEMORY("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    NULL_FUNCTION_REFERENCE("null function reference"),
    NULL_REFERENCE("null reference"),
    NULL_STRUCTURE_REFERENCE("null structure reference"),
    NULL_ARRAY_REFERENCE("null array reference"),
    NULL_I31_REFERENCE("null i31 reference"),
    NULL_EXCEPTION_REFERENCE("null exception reference"),
    OUT_OF_BOUNDS_ARRAY("out of bounds array access"),
    CAST_FAILURE("cast failure"),
    NULL_CONTINUATION_REFERENCE("null continuation reference"),
    CONTINUATION_ALREADY_CONSUMED("continuation already consumed"),
    HOST_FRAME_IN_SUSPENSION("cannot suspend through a host function"),
    RESOURCE_EXHAUSTED("resource exhausted"),
    /** Stopped by the instance's interrupt handle or by {@code Thread.interrupt()} (issue 14). */
    INTERRUPTED("interrupted"),
    /** The instance's timeout passed. */
    DEADLINE_EXCEEDED("deadline exceeded"),
    /** The instance's fuel budget is used up. */
    OUT_OF_FUEL("out of fuel"),
    /** {@code cont.new} past the instance's maximum of live continuations. */
    CONTINUATION_LIMIT("continuation limit reached"),
    /** A call reached a function of a closed instance ({@code Instance.close}). */
    INSTANCE_CLOSED("instance closed"),
    HOST("host function failed");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** The spec text. */
    public String message() {
        return message;
    }
}
