package dev.weft.continuations;

/** The two kinds of handler clause a {@code resume} installs. */
public enum HandlerKind {
    /** {@code (on $tag $label)}: handles {@code suspend $tag}. */
    SUSPEND,
    /** {@code (on $tag switch)}: handles {@code switch $ct $tag}. */
    SWITCH
}
