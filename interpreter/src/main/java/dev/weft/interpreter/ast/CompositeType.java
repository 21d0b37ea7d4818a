package dev.weft.interpreter.ast;

import java.util.List;

/** The body of a defined type: function, struct, array or continuation type. */
public sealed interface CompositeType
        permits CompositeType.Func, CompositeType.Struct, CompositeType.Array, CompositeType.Cont {

    /** {@code (func (param ...) (result ...))}. */
    record Func(List<ValType> params, List<ValType> results) implements CompositeType {
        public Func {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }
    }

    /** {@code (struct (field ...)*)}. */
    record Struct(List<FieldType> fields) implements CompositeType {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /** {@code (array field)}. */
    record Array(FieldType element) implements CompositeType {}

    /** {@code (cont $ft)}: a continuation type over the function type at {@code funcTypeIndex}. */
    record Cont(int funcTypeIndex) implements CompositeType {}
}
