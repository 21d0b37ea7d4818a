package dev.weft.interpreter.exec;

import dev.weft.continuations.ContStack;
import dev.weft.continuations.StackSource;
import dev.weft.stackpool.PoolStats;

/**
 * Wraps a {@link StackSource} so that every {@link ExecStack} given back drops the arrays it
 * grew during its life before the source clears and recycles its own memory.
 */
final class RecyclingStackSource implements StackSource {
    private final StackSource source;

    RecyclingStackSource(StackSource source) {
        this.source = source;
    }

    @Override
    public ContStack acquire() {
        return source.acquire();
    }

    @Override
    public void release(ContStack stack) {
        LiveContinuations.released((ExecStack) stack);
        ((ExecStack) stack).shrink();
        source.release(stack);
    }

    @Override
    public long reclaimed() {
        return source.reclaimed();
    }

    @Override
    public PoolStats stats() {
        return source.stats();
    }
}
