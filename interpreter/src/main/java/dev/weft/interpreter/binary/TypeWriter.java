package dev.weft.interpreter.binary;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;

/** Writes the binary encodings of types, the inverse of {@link TypeReader}. */
final class TypeWriter {
    private TypeWriter() {}

    static void valType(ByteWriter out, ValType t) {
        if (t instanceof NumType n) {
            out.u8(n.code());
        } else {
            refType(out, (RefType) t);
        }
    }

    /** Uses the one-byte shorthand for nullable abstract types. */
    static void refType(ByteWriter out, RefType t) {
        if (t.nullable() && t.heapType() instanceof AbsHeapType abs) {
            out.u8(abs.code());
            return;
        }
        out.u8(t.nullable() ? TypeReader.REF_NULL : TypeReader.REF);
        heapType(out, t.heapType());
    }

    static void heapType(ByteWriter out, HeapType h) {
        if (h instanceof AbsHeapType abs) {
            out.u8(abs.code());
        } else {
            out.s64(((ConcreteHeapType) h).index() & 0xFFFFFFFFL);
        }
    }

    static void valTypes(ByteWriter out, List<ValType> ts) {
        out.u32(ts.size());
        for (ValType t : ts) {
            valType(out, t);
        }
    }

    static void blockType(ByteWriter out, BlockType bt) {
        switch (bt) {
            case BlockType.Empty e -> out.u8(TypeReader.BLOCK_EMPTY);
            case BlockType.Single s -> valType(out, s.type());
            case BlockType.Indexed i -> out.s64(i.typeIndex() & 0xFFFFFFFFL);
        }
    }

    static void recType(ByteWriter out, RecType r) {
        if (r.types().size() == 1 && !needsSubPrefix(r.types().get(0))) {
            compositeType(out, r.types().get(0).composite());
            return;
        }
        if (r.types().size() != 1) {
            out.u8(TypeReader.REC);
            out.u32(r.types().size());
        }
        for (SubType s : r.types()) {
            subType(out, s);
        }
    }

    private static boolean needsSubPrefix(SubType s) {
        return !s.isFinal() || !s.supertypes().isEmpty();
    }

    private static void subType(ByteWriter out, SubType s) {
        if (needsSubPrefix(s)) {
            out.u8(s.isFinal() ? TypeReader.SUB_FINAL : TypeReader.SUB);
            out.u32(s.supertypes().size());
            for (int sup : s.supertypes()) {
                out.u32(sup);
            }
        }
        compositeType(out, s.composite());
    }

    private static void compositeType(ByteWriter out, CompositeType c) {
        switch (c) {
            case CompositeType.Func f -> {
                out.u8(TypeReader.FUNC);
                valTypes(out, f.params());
                valTypes(out, f.results());
            }
            case CompositeType.Struct s -> {
                out.u8(TypeReader.STRUCT);
                out.u32(s.fields().size());
                for (FieldType ft : s.fields()) {
                    fieldType(out, ft);
                }
            }
            case CompositeType.Array a -> {
                out.u8(TypeReader.ARRAY);
                fieldType(out, a.element());
            }
            case CompositeType.Cont k -> {
                out.u8(TypeReader.CONT);
                out.s64(k.funcTypeIndex() & 0xFFFFFFFFL);
            }
        }
    }

    private static void fieldType(ByteWriter out, FieldType ft) {
        if (ft.storage().isPacked()) {
            out.u8(ft.storage().packedBits() == 8 ? TypeReader.PACKED_I8 : TypeReader.PACKED_I16);
        } else {
            valType(out, ft.storage().valType());
        }
        out.u8(ft.mutable() ? 1 : 0);
    }

    static void globalType(ByteWriter out, GlobalType g) {
        valType(out, g.type());
        out.u8(g.mutable() ? 1 : 0);
    }

    static void tableType(ByteWriter out, TableType t) {
        refType(out, t.elementType());
        limits(out, t.limits());
    }

    static void limits(ByteWriter out, Limits l) {
        int flags = (l.hasMax() ? 1 : 0) | (l.shared() ? 2 : 0) | (l.is64() ? 4 : 0);
        out.u8(flags);
        out.u64(l.min());
        if (l.hasMax()) {
            out.u64(l.max());
        }
    }
}
