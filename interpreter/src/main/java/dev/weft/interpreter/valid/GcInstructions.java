package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.I32;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;

/**
 * The GC proposal's struct and array instructions; casts, conversions and i31 are delegated to
 * {@link CastInstructions}.
 */
final class GcInstructions {
    private static final RefType ARRAYREF = new RefType(true, AbsHeapType.ARRAY);

    private final CodeValidator v;
    private final CastInstructions casts;

    GcInstructions(CodeValidator v) {
        this.v = v;
        this.casts = new CastInstructions(v);
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case STRUCT_NEW -> {
                int x = index(ins);
                CompositeType.Struct s = struct(x);
                for (int i = s.fields().size() - 1; i >= 0; i--) {
                    v.popExpect(ModuleTypes.unpacked(s.fields().get(i).storage()));
                }
                v.push(ref(x));
            }
            case STRUCT_NEW_DEFAULT -> {
                int x = index(ins);
                for (FieldType f : struct(x).fields()) {
                    requireDefaultable(f);
                }
                v.push(ref(x));
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                Instruction.Indexed2 i = (Instruction.Indexed2) ins;
                FieldType f = field(i.first(), i.second());
                checkPacking(f, ins.op() != Op.STRUCT_GET);
                v.popExpect(nullableRef(i.first()));
                v.push(ModuleTypes.unpacked(f.storage()));
            }
            case STRUCT_SET -> {
                Instruction.Indexed2 i = (Instruction.Indexed2) ins;
                FieldType f = field(i.first(), i.second());
                if (!f.mutable()) {
                    throw new InvalidModuleException("field is immutable");
                }
                v.popExpect(ModuleTypes.unpacked(f.storage()));
                v.popExpect(nullableRef(i.first()));
            }
            default -> arrays(ins);
        }
    }

    private void arrays(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case ARRAY_NEW -> {
                int x = index(ins);
                v.popExpect(I32);
                v.popExpect(ModuleTypes.unpacked(array(x).storage()));
                v.push(ref(x));
            }
            case ARRAY_NEW_DEFAULT -> {
                int x = index(ins);
                requireDefaultable(array(x));
                v.popExpect(I32);
                v.push(ref(x));
            }
            case ARRAY_NEW_FIXED -> {
                Instruction.Indexed2 i = (Instruction.Indexed2) ins;
                ValType t = ModuleTypes.unpacked(array(i.first()).storage());
                for (int k = 0; k < i.second(); k++) {
                    v.popExpect(t);
                }
                v.push(ref(i.first()));
            }
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                Instruction.Indexed2 i = (Instruction.Indexed2) ins;
                segmentSource(ins.op() == Op.ARRAY_NEW_DATA, array(i.first()), i.second());
                v.popExpect(I32);
                v.popExpect(I32);
                v.push(ref(i.first()));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                int x = index(ins);
                FieldType f = array(x);
                checkPacking(f, ins.op() != Op.ARRAY_GET);
                v.popExpect(I32);
                v.popExpect(nullableRef(x));
                v.push(ModuleTypes.unpacked(f.storage()));
            }
            case ARRAY_LEN -> {
                v.popExpect(ARRAYREF);
                v.push(I32);
            }
            default -> arrayUpdates(ins);
        }
    }

    private void arrayUpdates(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case ARRAY_SET -> {
                int x = index(ins);
                FieldType f = mutableArray(x);
                v.popExpect(ModuleTypes.unpacked(f.storage()));
                v.popExpect(I32);
                v.popExpect(nullableRef(x));
            }
            case ARRAY_FILL -> {
                int x = index(ins);
                FieldType f = mutableArray(x);
                v.popExpect(I32);
                v.popExpect(ModuleTypes.unpacked(f.storage()));
                v.popExpect(I32);
                v.popExpect(nullableRef(x));
            }
            case ARRAY_COPY -> {
                Instruction.Indexed2 i = (Instruction.Indexed2) ins;
                FieldType dst = mutableArray(i.first());
                FieldType src = array(i.second());
                if (!storageMatches(src, dst)) {
                    throw new InvalidModuleException("array types do not match");
                }
                v.popExpect(I32);
                v.popExpect(I32);
                v.popExpect(nullableRef(i.second()));
                v.popExpect(I32);
                v.popExpect(nullableRef(i.first()));
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                Instruction.Indexed2 i = (Instruction.Indexed2) ins;
                FieldType f = mutableArray(i.first());
                segmentSource(ins.op() == Op.ARRAY_INIT_DATA, f, i.second());
                v.popExpect(I32);
                v.popExpect(I32);
                v.popExpect(I32);
                v.popExpect(nullableRef(i.first()));
            }
            default -> casts.validate(ins);
        }
    }

    private boolean storageMatches(FieldType src, FieldType dst) {
        if (src.storage().isPacked() || dst.storage().isPacked()) {
            return src.storage().packedBits() == dst.storage().packedBits();
        }
        return v.types.isSubtype(src.storage().valType(), dst.storage().valType());
    }

    private void segmentSource(boolean data, FieldType element, int segment) throws InvalidModuleException {
        if (data) {
            ValType t = element.storage().valType();
            if (!element.storage().isPacked() && t instanceof RefType) {
                throw new InvalidModuleException("array type is not numeric or vector");
            }
            v.ctx.checkData(segment);
        } else {
            RefType elem = v.ctx.elem(segment);
            if (element.storage().isPacked() || !v.types.isSubtype(elem, element.storage().valType())) {
                throw new InvalidModuleException("type mismatch: element segment does not fit the array");
            }
        }
    }

    private static int index(Instruction ins) {
        return ((Instruction.Indexed) ins).index();
    }

    private static RefType ref(int type) {
        return new RefType(false, new ConcreteHeapType(type));
    }

    private static RefType nullableRef(int type) {
        return new RefType(true, new ConcreteHeapType(type));
    }

    private CompositeType.Struct struct(int x) throws InvalidModuleException {
        if (v.types.composite(x) instanceof CompositeType.Struct s) {
            return s;
        }
        throw new InvalidModuleException("type mismatch: type " + x + " is not a struct type");
    }

    private FieldType field(int x, int f) throws InvalidModuleException {
        CompositeType.Struct s = struct(x);
        if (f < 0 || f >= s.fields().size()) {
            throw new InvalidModuleException("unknown field " + f);
        }
        return s.fields().get(f);
    }

    private FieldType array(int x) throws InvalidModuleException {
        if (v.types.composite(x) instanceof CompositeType.Array a) {
            return a.element();
        }
        throw new InvalidModuleException("type mismatch: type " + x + " is not an array type");
    }

    private FieldType mutableArray(int x) throws InvalidModuleException {
        FieldType f = array(x);
        if (!f.mutable()) {
            throw new InvalidModuleException("array is immutable");
        }
        return f;
    }

    private static void checkPacking(FieldType f, boolean signed) throws InvalidModuleException {
        if (f.storage().isPacked() != signed) {
            throw new InvalidModuleException(signed
                    ? "type mismatch: _s/_u access to an unpacked field"
                    : "type mismatch: packed field needs _s or _u");
        }
    }

    private static void requireDefaultable(FieldType f) throws InvalidModuleException {
        if (!f.storage().isPacked() && !ModuleTypes.isDefaultable(f.storage().valType())) {
            throw new InvalidModuleException("type mismatch: field type is not defaultable");
        }
    }
}
