/** The {@code weft_fiber} host module of the native fiber backend. */
module dev.weft.fibers {
    requires transitive dev.weft.interpreter;

    exports dev.weft.fibers;
}
