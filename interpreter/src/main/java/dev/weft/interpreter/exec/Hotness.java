package dev.weft.interpreter.exec;

import dev.weft.interpreter.code.CompiledFunction;

/**
 * When the interpreter finds an instance hot, for the {@code auto} tier: every call of a Wasm
 * function's lowered code counts down the function's {@link FunctionInstance#untilHot}; the call
 * that brings it to zero runs the instance's tier-up ({@link ModuleInstance#tierUp}, installed
 * with {@link #tierUpWhenHot}) once, before the call goes on, so that call already runs compiled
 * if its function compiled. Frames already running stay interpreted. Without a tier-up the count
 * starts at {@link #NEVER} and only wraps round to it again. An instance that loops long in few
 * calls tiers up by its meter instead, after {@link #BUSY_SLICES} slices of work.
 */
final class Hotness {
    /** The count of a function that never tiers up (it is reset on reaching zero). */
    static final int NEVER = Integer.MAX_VALUE;
    /**
     * Meter slices (of 16,384 back-edges and calls) after which a busy instance tiers up even
     * if no function reached its call count: about a million units, a few milliseconds of
     * interpreted loops. Frames already running stay interpreted (no on-stack replacement),
     * so the gain starts with the next call.
     */
    static final int BUSY_SLICES = 64;

    private Hotness() {}

    /**
     * Makes the {@code calls}-th call (at least 1) of any of {@code inst}'s own Wasm functions
     * run {@code tierUp} first.
     */
    static void tierUpWhenHot(ModuleInstance inst, int calls, Runnable tierUp) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls before tier-up must be at least 1, not " + calls);
        }
        inst.tierUp = tierUp;
        for (FunctionInstance f : inst.functions) {
            if (f.instance == inst && f.code != null) {
                f.untilHot = calls;
            }
        }
        inst.meter.whenBusy(BUSY_SLICES, () -> tierUpNow(inst));
    }

    /**
     * The code the interpreter runs for a call of {@code f}: its lowered code, or null when it
     * runs behind {@link FunctionInstance#host} (a host function, or compiled to bytecode, maybe
     * by the tier-up this call set off). Small, so that it inlines into the loop's call path.
     */
    static CompiledFunction codeForCall(FunctionInstance f) {
        CompiledFunction c = f.code;
        if (c != null && --f.untilHot == 0) {
            c = reached(f);
        }
        return c;
    }

    /** {@code f}'s count reached zero: the instance tiers up (once); {@code f}'s code after it. */
    private static CompiledFunction reached(FunctionInstance f) {
        tierUpNow(f.instance);
        return f.code;
    }

    /** The instance tiers up now (once): by a hot function's call, or by its meter when busy. */
    private static void tierUpNow(ModuleInstance inst) {
        Runnable tierUp = inst.tierUp;
        inst.tierUp = null;
        for (FunctionInstance g : inst.functions) {
            if (g.instance == inst) {
                g.untilHot = NEVER;
            }
        }
        if (tierUp != null) {
            tierUp.run();
        }
    }
}
