package dev.weft.wast;

import java.util.List;

/** One command of a script; every command knows its 1-based line. */
public sealed interface WastCommand {

    /** The line of the command's opening parenthesis. */
    int line();

    /**
     * {@code (module $name? ...)}: define and instantiate (or, with {@code definition}, only
     * define) a module.
     */
    record DefineModule(int line, String name, boolean definitionOnly, ModuleSource source)
            implements WastCommand {}

    /** {@code (module instance $instance? $definition?)}. */
    record InstantiateModule(int line, String instance, String definition) implements WastCommand {}

    /** {@code (register "as" $instance?)}. */
    record Register(int line, String as, String instance) implements WastCommand {}

    /** A bare {@code (invoke ...)} or {@code (get ...)}. */
    record Action(int line, WastAction action) implements WastCommand {}

    /** {@code (assert_return action pattern*)}. */
    record AssertReturn(int line, WastAction action, List<WastPattern> expected) implements WastCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    /** {@code (assert_trap action "msg")}. */
    record AssertTrap(int line, WastAction action, String message) implements WastCommand {}

    /** {@code (assert_exhaustion action "msg")}. */
    record AssertExhaustion(int line, WastAction action, String message) implements WastCommand {}

    /** {@code (assert_exception action)}. */
    record AssertException(int line, WastAction action) implements WastCommand {}

    /** {@code (assert_suspension action "msg")}. */
    record AssertSuspension(int line, WastAction action, String message) implements WastCommand {}

    /** {@code (assert_invalid module "msg")}: decodes or parses, but fails validation. */
    record AssertInvalid(int line, ModuleSource module, String message) implements WastCommand {}

    /** {@code (assert_malformed module "msg")}: decoding or parsing fails. */
    record AssertMalformed(int line, ModuleSource module, String message) implements WastCommand {}

    /** {@code (assert_unlinkable module "msg")}: instantiation fails while linking imports. */
    record AssertUnlinkable(int line, ModuleSource module, String message) implements WastCommand {}

    /**
     * {@code (assert_trap module "msg")} or {@code (assert_uninstantiable module "msg")}:
     * instantiation traps (start function or active segment).
     */
    record AssertUninstantiable(int line, ModuleSource module, String message) implements WastCommand {}

    /**
     * {@code (script ...)}, {@code (input ...)}, {@code (output ...)}: kept, skipped by runners.
     * Any other unknown command also lands here with its keyword (runners report it).
     */
    record Meta(int line, String keyword) implements WastCommand {}
}
