package dev.weft.wast;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Global;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ModuleException;
import dev.weft.interpreter.Spectest;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.UnhandledSuspension;
import dev.weft.interpreter.UninstantiableException;
import dev.weft.interpreter.UnlinkableException;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.wast.WastCommand.*;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of one script in order, keeping the script's state: the linker (with the
 * {@code spectest} module), the current instance, named instances and module definitions.
 * Every command ends in an {@link Outcome}; no exception escapes {@link #run}.
 */
public final class WastSession {
    private final Linker linker = new Linker();
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, CompiledModule> definitions = new HashMap<>();
    private Instance current;
    private CompiledModule currentDefinition;

    /** A session whose spectest print functions write to {@code out}. */
    public WastSession(PrintStream out) {
        Spectest.define(linker, out);
    }

    /** Runs one command. */
    public Outcome run(WastCommand command) {
        try {
            return execute(command);
        } catch (ModuleException e) {
            return Outcome.fail("unexpected " + describe(e));
        } catch (WasmException e) {
            return Outcome.fail("unexpected " + e.getMessage());
        } catch (StackOverflowError e) {
            return Outcome.fail("crash: Java stack overflow (the interpreter must not recurse per Wasm call)");
        } catch (Throwable e) {
            return Outcome.fail("crash: " + e);
        }
    }

    private Outcome execute(WastCommand command) throws Exception {
        return switch (command) {
            case DefineModule c -> defineModule(c);
            case InstantiateModule c -> instantiateDefinition(c);
            case Register c -> register(c);
            case Action c -> action(c.action());
            case AssertReturn c -> assertReturn(c);
            case AssertTrap c -> assertTrap(c.action(), c.message(), false);
            case AssertExhaustion c -> assertTrap(c.action(), c.message(), true);
            case AssertException c -> assertException(c.action());
            case AssertSuspension c -> assertSuspension(c.action(), c.message());
            case AssertInvalid c -> assertInvalid(c);
            case AssertMalformed c -> assertMalformed(c);
            case AssertUnlinkable c -> assertUnlinkable(c);
            case AssertUninstantiable c -> assertUninstantiable(c);
            case Meta c -> Outcome.skip("meta command (" + c.keyword() + ") is not run");
        };
    }

    private Outcome defineModule(DefineModule c) throws Exception {
        if (!c.definitionOnly()) {
            current = null; // a module that fails to load leaves no current module behind
        }
        CompiledModule compiled;
        try {
            compiled = CompiledModule.compile(load(c.source()));
        } catch (ModuleException e) {
            current = null;
            return Outcome.fail("module did not load: " + describe(e));
        }
        if (c.definitionOnly()) {
            currentDefinition = compiled;
            if (c.name() != null) {
                definitions.put(c.name(), compiled);
            }
            return Outcome.PASS;
        }
        return instantiate(compiled, c.name());
    }

    private Outcome instantiateDefinition(InstantiateModule c) {
        CompiledModule def = c.definition() == null ? currentDefinition : definitions.get(c.definition());
        if (def == null) {
            return Outcome.fail("unknown module definition " + c.definition());
        }
        return instantiate(def, c.instance());
    }

    private Outcome instantiate(CompiledModule compiled, String name) {
        try {
            current = linker.instantiate(compiled);
        } catch (ModuleException e) {
            current = null;
            return Outcome.fail("module did not instantiate: " + describe(e));
        }
        if (name != null) {
            instances.put(name, current);
        }
        return Outcome.PASS;
    }

    private Outcome register(Register c) {
        Instance inst = c.instance() == null ? current : instances.get(c.instance());
        if (inst == null) {
            return Outcome.fail("no instance to register" + (c.instance() == null ? "" : " named " + c.instance()));
        }
        linker.register(c.as(), inst);
        return Outcome.PASS;
    }

    private Outcome action(WastAction a) {
        try {
            perform(a);
            return Outcome.PASS;
        } catch (ActionException e) {
            return Outcome.fail(e.getMessage());
        } catch (Trap t) {
            return Outcome.fail("unexpected trap: " + t.getMessage());
        }
    }

    private Outcome assertReturn(AssertReturn c) {
        Value[] results;
        try {
            results = perform(c.action());
        } catch (ActionException e) {
            return Outcome.fail(e.getMessage());
        } catch (Trap t) {
            return Outcome.fail("expected results, got trap: " + t.getMessage());
        }
        List<WastPattern> expected = c.expected();
        if (results.length != expected.size()) {
            return Outcome.fail("expected " + expected.size() + " results, got " + results.length);
        }
        for (int i = 0; i < results.length; i++) {
            if (!ResultMatcher.matches(expected.get(i), results[i])) {
                return Outcome.fail("result " + i + ": expected " + expected.get(i) + ", got " + ResultMatcher.show(results[i]));
            }
        }
        return Outcome.PASS;
    }

    private Outcome assertTrap(WastAction a, String message, boolean exhaustion) {
        try {
            Value[] results = perform(a);
            return Outcome.fail("expected trap \"" + message + "\", got " + results.length + " results");
        } catch (ActionException e) {
            return Outcome.fail(e.getMessage());
        } catch (Trap t) {
            if (exhaustion && t.kind() != TrapKind.CALL_STACK_EXHAUSTED) {
                return Outcome.fail("expected exhaustion \"" + message + "\", got trap: " + t.getMessage());
            }
            return expectMessage(message, t.getMessage());
        }
    }

    /** Passes iff the action ends in an uncaught Wasm exception (not a trap, not results). */
    private Outcome assertException(WastAction a) {
        try {
            Value[] results = perform(a);
            return Outcome.fail("expected an exception, got " + results.length + " results");
        } catch (ActionException e) {
            return Outcome.fail(e.getMessage());
        } catch (WasmException e) {
            return Outcome.PASS;
        } catch (Trap t) {
            return Outcome.fail("expected an exception, got trap: " + t.getMessage());
        }
    }

    /** Passes iff the action ends in an unhandled suspension whose message starts with {@code message}. */
    private Outcome assertSuspension(WastAction a, String message) {
        try {
            Value[] results = perform(a);
            return Outcome.fail("expected suspension \"" + message + "\", got " + results.length + " results");
        } catch (ActionException e) {
            return Outcome.fail(e.getMessage());
        } catch (UnhandledSuspension e) {
            return expectMessage(message, e.getMessage());
        } catch (WasmException e) {
            return Outcome.fail("expected suspension \"" + message + "\", got an exception");
        } catch (Trap t) {
            return Outcome.fail("expected suspension \"" + message + "\", got trap: " + t.getMessage());
        }
    }

    private Outcome assertInvalid(AssertInvalid c) {
        Module m;
        try {
            m = load(c.module());
        } catch (MalformedModuleException e) {
            return Outcome.fail("expected invalid \"" + c.message() + "\", got malformed: " + e.getMessage());
        }
        try {
            CompiledModule.compile(m);
            return Outcome.fail("expected invalid \"" + c.message() + "\", but the module validated");
        } catch (InvalidModuleException e) {
            return expectMessage(c.message(), e.getMessage());
        }
    }

    private Outcome assertMalformed(AssertMalformed c) {
        try {
            load(c.module());
            return Outcome.fail("expected malformed \"" + c.message() + "\", but the module decoded");
        } catch (MalformedModuleException e) {
            return expectMessage(c.message(), e.getMessage());
        }
    }

    private Outcome assertUnlinkable(AssertUnlinkable c) throws ModuleException {
        CompiledModule compiled = CompiledModule.compile(load(c.module()));
        try {
            linker.instantiate(compiled);
            return Outcome.fail("expected unlinkable \"" + c.message() + "\", but it instantiated");
        } catch (UnlinkableException e) {
            return expectMessage(c.message(), e.getMessage());
        } catch (UninstantiableException e) {
            return Outcome.fail("expected unlinkable \"" + c.message() + "\", got trap: " + e.getMessage());
        }
    }

    private Outcome assertUninstantiable(AssertUninstantiable c) throws ModuleException {
        CompiledModule compiled = CompiledModule.compile(load(c.module()));
        try {
            linker.instantiate(compiled);
            return Outcome.fail("expected trap \"" + c.message() + "\", but it instantiated");
        } catch (UninstantiableException e) {
            return expectMessage(c.message(), e.getMessage());
        } catch (UnlinkableException e) {
            return Outcome.fail("expected trap \"" + c.message() + "\", got unlinkable: " + e.getMessage());
        }
    }

    private static Outcome expectMessage(String expected, String actual) {
        if (actual != null && actual.startsWith(expected)) {
            return Outcome.PASS;
        }
        return Outcome.fail("expected message \"" + expected + "\", got \"" + actual + "\"");
    }

    private static Module load(ModuleSource source) throws MalformedModuleException {
        return switch (source) {
            case ModuleSource.Text t -> t.parse();
            case ModuleSource.Binary b -> BinaryDecoder.decode(b.bytes());
            case ModuleSource.Quote q -> q.parse();
        };
    }

    private Value[] perform(WastAction a) throws ActionException {
        Instance inst = a.instance() == null ? current : instances.get(a.instance());
        if (inst == null) {
            throw new ActionException("no instance" + (a.instance() == null ? " (the module did not load)" : " named " + a.instance()));
        }
        Extern e = inst.export(a.name());
        if (e == null) {
            throw new ActionException("no export named \"" + a.name() + "\"");
        }
        if (a.kind() == WastAction.Kind.GET) {
            if (!(e instanceof Global g)) {
                throw new ActionException("export \"" + a.name() + "\" is not a global");
            }
            return new Value[] {g.get()};
        }
        if (!(e instanceof WasmFunction f)) {
            throw new ActionException("export \"" + a.name() + "\" is not a function");
        }
        Value[] args = new Value[a.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = ScriptValues.toValue(a.args().get(i));
        }
        return f.call(args);
    }

    private static String describe(ModuleException e) {
        String kind = switch (e) {
            case MalformedModuleException m -> "malformed";
            case InvalidModuleException m -> "invalid";
            case UnlinkableException m -> "unlinkable";
            case UninstantiableException m -> "trap";
        };
        return kind + ": " + e.getMessage();
    }

    /** A script action that could not be performed (missing instance or export, bad argument). */
    private static final class ActionException extends Exception {
        ActionException(String message) {
            super(message);
        }
    }
}
