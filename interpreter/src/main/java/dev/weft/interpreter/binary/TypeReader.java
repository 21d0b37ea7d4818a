package dev.weft.interpreter.binary;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RecType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.List;

/** Reads the binary encodings of types: value, reference, heap, block, defined and limit types. */
final class TypeReader {
    static final int REF_NULL = 0x63;
    static final int REF = 0x64;
    static final int BLOCK_EMPTY = 0x40;
    static final int REC = 0x4E;
    static final int SUB = 0x50;
    static final int SUB_FINAL = 0x4F;
    static final int FUNC = 0x60;
    static final int STRUCT = 0x5F;
    static final int ARRAY = 0x5E;
    static final int CONT = 0x5D;
    static final int PACKED_I8 = 0x78;
    static final int PACKED_I16 = 0x77;

    private final ByteReader in;

    TypeReader(ByteReader in) {
        this.in = in;
    }

    /** A value type. */
    ValType valType() throws MalformedModuleException {
        int at = in.pos();
        return valTypeFromByte(typeByte(), "malformed value type", at);
    }

    /** A type constructor byte, which the reference reads as a one-byte signed LEB128. */
    private int typeByte() throws MalformedModuleException {
        int at = in.pos();
        int b = in.u8();
        if ((b & 0x80) != 0) {
            throw in.error("integer representation too long", at);
        }
        return b;
    }

    /** A reference type (shorthand byte or 0x63/0x64 with a heap type). */
    RefType refType() throws MalformedModuleException {
        int at = in.pos();
        int b = in.u8();
        if (b == REF_NULL || b == REF) {
            return new RefType(b == REF_NULL, heapType());
        }
        AbsHeapType abs = AbsHeapType.fromCode(b);
        if (abs == null) {
            throw in.error("malformed reference type", at);
        }
        return new RefType(true, abs);
    }

    private ValType valTypeFromByte(int b, String message, int at) throws MalformedModuleException {
        for (NumType n : NumType.values()) {
            if (n.code() == b) {
                return n;
            }
        }
        if (b == REF_NULL || b == REF) {
            return new RefType(b == REF_NULL, heapType());
        }
        AbsHeapType abs = AbsHeapType.fromCode(b);
        if (abs == null) {
            throw in.error(message, at);
        }
        return new RefType(true, abs);
    }

    /** A heap type: an s33 that is a type index when non-negative, else an abstract type. */
    HeapType heapType() throws MalformedModuleException {
        int at = in.pos();
        long v = in.s33();
        if (v >= 0) {
            return new ConcreteHeapType(typeIndex(v, at));
        }
        AbsHeapType abs = v >= -64 ? AbsHeapType.fromCode((int) (v + 0x80)) : null;
        if (abs == null) {
            throw in.error("malformed heap type", at);
        }
        return abs;
    }

    private int typeIndex(long v, int at) throws MalformedModuleException {
        if (v > 0xFFFFFFFFL) {
            throw in.error("integer too large", at);
        }
        return (int) v;
    }

    /** A block type: empty, a single value type, or an s33 type index. */
    BlockType blockType() throws MalformedModuleException {
        int at = in.pos();
        int b = in.peek();
        if (b == BLOCK_EMPTY) {
            in.u8();
            return BlockType.EMPTY;
        }
        if (b >= 0x40 && b < 0x80) {
            in.u8();
            return new BlockType.Single(valTypeFromByte(b, "malformed block type", at));
        }
        long v = in.s33();
        if (v < 0) {
            throw in.error("malformed block type", at);
        }
        return new BlockType.Indexed(typeIndex(v, at));
    }

    /** One entry of the type section: a rec group, or a single subtype as a group of one. */
    RecType recType() throws MalformedModuleException {
        if (in.peek() == REC) {
            in.u8();
            int n = in.count();
            List<SubType> types = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                types.add(subType());
            }
            return new RecType(types);
        }
        return new RecType(List.of(subType()));
    }

    private SubType subType() throws MalformedModuleException {
        int b = in.peek();
        if (b == SUB || b == SUB_FINAL) {
            in.u8();
            int n = in.count();
            List<Integer> supers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                supers.add(in.index());
            }
            return new SubType(b == SUB_FINAL, supers, compositeType());
        }
        return SubType.plain(compositeType());
    }

    private CompositeType compositeType() throws MalformedModuleException {
        int at = in.pos();
        int b = typeByte();
        switch (b) {
            case FUNC: {
                List<ValType> params = valTypes();
                return new CompositeType.Func(params, valTypes());
            }
            case STRUCT: {
                int n = in.count();
                List<FieldType> fields = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    fields.add(fieldType());
                }
                return new CompositeType.Struct(fields);
            }
            case ARRAY:
                return new CompositeType.Array(fieldType());
            case CONT: {
                HeapType ht = heapType();
                if (!(ht instanceof ConcreteHeapType c)) {
                    throw in.error("malformed continuation type", at);
                }
                return new CompositeType.Cont(c.index());
            }
            default:
                throw in.error("malformed definition type", at);
        }
    }

    /** A vector of value types. */
    List<ValType> valTypes() throws MalformedModuleException {
        int n = in.count();
        List<ValType> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(valType());
        }
        return out;
    }

    private FieldType fieldType() throws MalformedModuleException {
        int at = in.pos();
        int b = in.peek();
        StorageType storage;
        if (b == PACKED_I8 || b == PACKED_I16) {
            in.u8();
            storage = new StorageType(null, b == PACKED_I8 ? 8 : 16);
        } else {
            storage = StorageType.of(valTypeFromByte(in.u8(), "malformed storage type", at));
        }
        return new FieldType(storage, mutability());
    }

    /** A mutability byte, 0x00 or 0x01. */
    boolean mutability() throws MalformedModuleException {
        int at = in.pos();
        int b = in.u8();
        if (b > 1) {
            throw in.error("malformed mutability", at);
        }
        return b == 1;
    }

    /** A global type: value type then mutability. */
    GlobalType globalType() throws MalformedModuleException {
        ValType t = valType();
        return new GlobalType(t, mutability());
    }

    /** A table type: reference type then limits (flags 0x00/0x01, 0x04/0x05 for table64). */
    TableType tableType() throws MalformedModuleException {
        RefType t = refType();
        int at = in.pos();
        int flags = in.u8();
        if ((flags & ~0x05) != 0) {
            throw in.error("malformed limits flags", at);
        }
        return new TableType(t, limits(flags));
    }

    /** A memory type: limits with flags 0x00–0x07 (max, shared, memory64 bits). */
    MemoryType memoryType() throws MalformedModuleException {
        int at = in.pos();
        int flags = in.u8();
        if ((flags & ~0x07) != 0) {
            throw in.error("malformed limits flags", at);
        }
        return new MemoryType(limits(flags));
    }

    private Limits limits(int flags) throws MalformedModuleException {
        boolean is64 = (flags & 0x04) != 0;
        boolean shared = (flags & 0x02) != 0;
        // Like the reference, limits are read as u64 whatever the address type; the validator
        // checks the range.
        long min = in.u64();
        boolean hasMax = (flags & 0x01) != 0;
        long max = hasMax ? in.u64() : 0;
        return new Limits(min, max, is64, shared, hasMax);
    }
}
