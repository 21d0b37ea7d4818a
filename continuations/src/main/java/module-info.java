/** The stack-switching model: tags, handler search, one-shot continuation references, stack sources. */
module dev.weft.continuations {
    requires transitive dev.weft.stackpool;

    exports dev.weft.continuations;
}
