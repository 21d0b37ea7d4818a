package dev.weft.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutation of a binary module's section structure: sections are split at their headers, then one
 * is dropped, duplicated, moved, renumbered, given a wrong size, truncated, or replaced by the
 * same-numbered section of another module; an unknown or custom section may be inserted.
 */
final class SectionMutator {
    private record Section(int id, byte[] payload) {}

    private final Random r;

    SectionMutator(Random r) {
        this.r = r;
    }

    byte[] mutate(byte[] module, byte[] donor) {
        List<Section> sections = split(module);
        List<Section> donorSections = split(donor);
        if (sections == null || sections.isEmpty()) {
            return module;
        }
        int i = r.nextInt(sections.size());
        Section s = sections.get(i);
        Integer sizeOverride = null;
        switch (r.nextInt(8)) {
            case 0 -> sections.remove(i);
            case 1 -> sections.add(i, s);
            case 2 -> sections.add(r.nextInt(sections.size()), sections.remove(i));
            case 3 -> sections.set(i, new Section(r.nextInt(20), s.payload()));
            case 4 -> sizeOverride = i;
            case 5 -> sections.set(i, new Section(s.id(), java.util.Arrays.copyOf(s.payload(), r.nextInt(s.payload().length + 1))));
            case 6 -> {
                if (donorSections != null) {
                    for (Section d : donorSections) {
                        if (d.id() == s.id()) {
                            sections.set(i, d);
                        }
                    }
                }
            }
            default -> sections.add(i, new Section(r.nextBoolean() ? 0 : 14 + r.nextInt(100),
                    r.nextBoolean() ? new byte[] {3, 'a', 'b', 'c'} : new byte[] {(byte) 0xFF}));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(module, 0, 8);
        for (int k = 0; k < sections.size(); k++) {
            Section sec = sections.get(k);
            out.write(sec.id());
            long size = sec.payload().length;
            if (sizeOverride != null && sizeOverride == k) {
                size = switch (r.nextInt(3)) {
                    case 0 -> size + 1;
                    case 1 -> Math.max(0, size - 1);
                    default -> 0xFFFF_FFFFL;
                };
            }
            writeLeb(out, size);
            out.writeBytes(sec.payload());
        }
        return out.toByteArray();
    }

    /** The sections, or null when the bytes are not a sequence of well-framed sections. */
    private static List<Section> split(byte[] b) {
        List<Section> out = new ArrayList<>();
        int p = 8;
        while (p < b.length) {
            int id = b[p++] & 0xFF;
            long size = 0;
            int shift = 0;
            while (true) {
                if (p >= b.length || shift > 28) {
                    return null;
                }
                int x = b[p++] & 0xFF;
                size |= (long) (x & 0x7F) << shift;
                shift += 7;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if (size > b.length - p) {
                return null;
            }
            out.add(new Section(id, java.util.Arrays.copyOfRange(b, p, p + (int) size)));
            p += (int) size;
        }
        return out;
    }

    private static void writeLeb(ByteArrayOutputStream out, long v) {
        do {
            int x = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? x | 0x80 : x);
        } while (v != 0);
    }
}
