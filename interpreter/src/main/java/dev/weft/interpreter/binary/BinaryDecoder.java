package dev.weft.interpreter.binary;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;

/**
 * Decodes the WebAssembly binary format into a {@link Module}.
 *
 * <p>Every failure is a {@link MalformedModuleException} whose message starts with the text the
 * spec test suite expects ("unexpected end", "section size mismatch", ...), followed by
 * {@code ": "} and the offset. Any byte array ends in a module or that exception: counts and
 * lengths are checked against the bytes left before anything is allocated, and nesting is
 * tracked without recursion.
 */
public final class BinaryDecoder {
    private static final int MAGIC = 0x6D736100;
    private static final int VERSION = 1;
    /** Section ids by position in the required order (custom sections, id 0, may go anywhere). */
    private static final int[] ORDER = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
    static final int CUSTOM = 0;
    static final int ELEMENT = 9;
    static final int MAX_SECTION_ID = 13;

    private final ByteReader in;
    private final SectionDecoder sections;

    private BinaryDecoder(byte[] bytes) {
        this.in = new ByteReader(bytes);
        this.sections = new SectionDecoder(in);
    }

    /** Decodes a module, or throws {@link MalformedModuleException} if the bytes are not one. */
    public static Module decode(byte[] bytes) throws MalformedModuleException {
        return new BinaryDecoder(bytes).module();
    }

    private Module module() throws MalformedModuleException {
        preamble();
        int lastRank = 0;
        int lastId = 0;
        while (!in.atEnd()) {
            int at = in.pos();
            int id = in.u8();
            if (id > MAX_SECTION_ID) {
                throw in.error("malformed section id", at);
            }
            if (id != CUSTOM) {
                int rank = rank(id);
                if (rank <= lastRank) {
                    throw in.error("unexpected content after last section", at);
                }
                lastRank = rank;
            }
            section(id, lastId);
            if (id != CUSTOM) {
                lastId = id;
            }
        }
        checkCounts();
        return assemble();
    }

    private void preamble() throws MalformedModuleException {
        if (in.fixed32() != MAGIC) {
            throw in.error("magic header not detected", 0);
        }
        if (in.fixed32() != VERSION) {
            throw in.error("unknown binary version", 4);
        }
    }

    private static int rank(int id) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == id) {
                return i + 1;
            }
        }
        throw new IllegalStateException("internal: unknown section id " + id);
    }

    private void section(int id, int previousId) throws MalformedModuleException {
        in.eofMessage(ByteReader.UNEXPECTED_END);
        int size = in.length32();
        int begin = in.pos();
        // Running out of input inside a section is "unexpected end of section or function",
        // except in custom and element sections, where the suite (custom.wast, binary.wast's
        // truncated element segments) expects plain "unexpected end".
        boolean endOfSection = id != CUSTOM && id != ELEMENT;
        in.eofMessage(endOfSection ? ByteReader.UNEXPECTED_END_OF_SECTION : ByteReader.UNEXPECTED_END);
        if (id == CUSTOM) {
            sections.customSection(begin + size, previousId);
        } else {
            contents(id);
        }
        in.eofMessage(ByteReader.UNEXPECTED_END);
        if (in.pos() != begin + size) {
            throw in.error("section size mismatch", begin);
        }
    }

    private void contents(int id) throws MalformedModuleException {
        switch (id) {
            case 1 -> sections.typeSection();
            case 2 -> sections.importSection();
            case 3 -> sections.functionSection();
            case 4 -> sections.tableSection();
            case 5 -> sections.memorySection();
            case 6 -> sections.globalSection();
            case 7 -> sections.exportSection();
            case 8 -> sections.startSection();
            case 9 -> sections.elementSection();
            case 10 -> sections.codeSection();
            case 11 -> sections.dataSection();
            case 12 -> sections.dataCountSection();
            case 13 -> sections.tagSection();
            default -> throw new IllegalStateException("internal: section id " + id);
        }
    }

    private void checkCounts() throws MalformedModuleException {
        if (sections.functions.size() != sections.functionTypes.size()) {
            throw in.error("function and code section have inconsistent lengths");
        }
        if (sections.dataCount >= 0 && sections.dataCount != sections.data.size()) {
            throw in.error("data count and data section have inconsistent lengths");
        }
    }

    private Module assemble() {
        return new Module(sections.recTypes, sections.imports, sections.functions, sections.tables,
                sections.memories, sections.globals, sections.tags, sections.exports,
                sections.start, sections.elements, sections.data, sections.dataCount,
                sections.customs);
    }
}
