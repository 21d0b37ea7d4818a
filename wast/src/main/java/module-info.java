/** The {@code .wast} script runner: the script model, its parser and the runner. */
module dev.weft.wast {
    requires transitive dev.weft.interpreter;

    exports dev.weft.wast;
}
