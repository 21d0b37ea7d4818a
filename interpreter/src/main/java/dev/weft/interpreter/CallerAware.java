package dev.weft.interpreter;

import dev.weft.interpreter.exec.InstanceCaller;

/** A {@link HostFunction.WithCaller} as the {@link HostFunction} the runtime calls. */
record CallerAware(HostFunction.WithCaller impl) implements HostFunction {
    /** Called without a caller (not by the runtime, which passes one): there is no calling instance. */
    @Override
    public Value[] apply(Value[] args) {
        return impl.apply(InstanceCaller.NONE, args);
    }

    @Override
    public Value[] apply(Caller caller, Value[] args) {
        return impl.apply(caller, args);
    }
}
