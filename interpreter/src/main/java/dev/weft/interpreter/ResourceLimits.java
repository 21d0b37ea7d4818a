package dev.weft.interpreter;

import java.time.Duration;

/**
 * What an instance may use, set on a {@link Linker} for the instances it creates
 * ({@link Linker#limits}). A negative number (or a null timeout) means no limit, as in {@link #NONE}.
 *
 * @param maxMemoryPages   pages (64 KiB) each memory the instance defines may have: {@code memory.grow}
 *                         past it returns -1 (as the spec allows for any reason), and a memory whose
 *                         minimum is larger fails instantiation
 * @param maxTableElements elements each table the instance defines may have, likewise for {@code table.grow}
 * @param maxContinuations continuations the instance's {@code cont.new} may have live at once (created,
 *                         not yet returned or dropped); one more traps with
 *                         {@link TrapKind#CONTINUATION_LIMIT}. A continuation dropped unfinished counts
 *                         until the garbage collector finds it unreachable.
 * @param fuel             the initial fuel budget ({@link Instance#setFuel}), start function included
 * @param timeout          the initial deadline, counted from instantiation ({@link Instance#setTimeout})
 */
public record ResourceLimits(long maxMemoryPages, long maxTableElements, int maxContinuations, long fuel,
        Duration timeout) {
    /** No limits: the default. */
    public static final ResourceLimits NONE = new ResourceLimits(-1, -1, -1, -1, null);

    public ResourceLimits withMaxMemoryPages(long pages) {
        return new ResourceLimits(pages, maxTableElements, maxContinuations, fuel, timeout);
    }

    public ResourceLimits withMaxTableElements(long elements) {
        return new ResourceLimits(maxMemoryPages, elements, maxContinuations, fuel, timeout);
    }

    public ResourceLimits withMaxContinuations(int continuations) {
        return new ResourceLimits(maxMemoryPages, maxTableElements, continuations, fuel, timeout);
    }

    public ResourceLimits withFuel(long units) {
        return new ResourceLimits(maxMemoryPages, maxTableElements, maxContinuations, units, timeout);
    }

    public ResourceLimits withTimeout(Duration after) {
        return new ResourceLimits(maxMemoryPages, maxTableElements, maxContinuations, fuel, after);
    }
}
