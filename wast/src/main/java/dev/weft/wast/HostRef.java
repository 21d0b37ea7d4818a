package dev.weft.wast;

/** The host reference a script writes as {@code (ref.extern N)} or {@code (ref.host N)}: equal iff N is. */
public record HostRef(long id) {
    @Override
    public String toString() {
        return "ref.extern " + id;
    }
}
