package dev.weft.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutation of WebAssembly text: the source is read as S-expressions (atoms,
 * strings, lists; the seeds have no comments), then a subtree is deleted, duplicated, swapped
 * with a sibling, grafted elsewhere, wrapped in nested {@code block}s, or an atom is replaced by an
 * edge-case number, keyword or identifier. The tree is printed back as text.
 */
final class TextMutator {
    private static final String[] ATOMS = {"0", "1", "-1", "0x7fffffff", "0x80000000", "0xffffffff",
        "4294967296", "18446744073709551615", "18446744073709551616", "-0x8000000000000000", "nan", "-nan",
        "nan:0x1", "nan:0x7fffff", "inf", "-inf", "0x1p+1024", "1e400", "0x1.fffffep127", "$f", "$x", "$undefined",
        "i32", "i64", "f32", "f64", "funcref", "externref", "exnref", "ref", "null", "func", "param", "result",
        "local", "block", "loop", "if", "then", "else", "end", "br", "br_if", "try_table", "catch", "catch_all",
        "resume", "suspend", "cont.new", "switch", "offset=4294967296", "align=3", "align=0", "\"\"", "\"\\ff\"",
        "\"\\u{110000}\"", "(", ")"};

    /**
     * A node: an atom (text) or a list (children), printed inside {@code wraps} nested
     * {@code (block ...)}s (kept as a count, so that deep nesting costs no recursion here).
     */
    private static final class Node {
        final String atom;
        final List<Node> children;
        int wraps;

        Node(String atom) {
            this.atom = atom;
            this.children = null;
        }

        Node(List<Node> children) {
            this.atom = null;
            this.children = children;
        }

        Node copy() {
            Node n;
            if (atom != null) {
                n = new Node(atom);
            } else {
                List<Node> c = new ArrayList<>();
                children.forEach(x -> c.add(x.copy()));
                n = new Node(c);
            }
            n.wraps = wraps;
            return n;
        }
    }

    private final Random r;
    private final int maxWrap;

    /** {@code maxWrap}: how deep a wrap in nested blocks may go. */
    TextMutator(Random r, int maxWrap) {
        this.r = r;
        this.maxWrap = maxWrap;
    }

    String mutate(String text) {
        Node root = parse(text);
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<Node> lists = new ArrayList<>();
            collectLists(root, lists);
            Node parent = lists.get(r.nextInt(lists.size()));
            if (parent.children.isEmpty()) {
                continue;
            }
            int i = r.nextInt(parent.children.size());
            Node child = parent.children.get(i);
            switch (r.nextInt(6)) {
                case 0 -> parent.children.remove(i);
                case 1 -> parent.children.add(i, child.copy());
                case 2 -> {
                    int j = r.nextInt(parent.children.size());
                    parent.children.set(i, parent.children.get(j));
                    parent.children.set(j, child);
                }
                case 3 -> {
                    Node donor = lists.get(r.nextInt(lists.size()));
                    parent.children.add(i, donor.copy());
                }
                case 4 -> child.wraps += 1 + r.nextInt(maxWrap);
                default -> parent.children.set(i, new Node(ATOMS[r.nextInt(ATOMS.length)]));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Node top : root.children) {
            print(top, sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void collectLists(Node n, List<Node> out) {
        if (n.children != null) {
            out.add(n);
            n.children.forEach(c -> collectLists(c, out));
        }
    }

    private static void print(Node n, StringBuilder sb) {
        sb.append("(block ".repeat(n.wraps));
        printUnwrapped(n, sb);
        sb.append(")".repeat(n.wraps));
    }

    private static void printUnwrapped(Node n, StringBuilder sb) {
        if (n.atom != null) {
            sb.append(n.atom);
            return;
        }
        sb.append('(');
        for (int i = 0; i < n.children.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            print(n.children.get(i), sb);
        }
        sb.append(')');
    }

    /** Reads the text as one list of top-level nodes (a synthetic root). */
    private static Node parse(String s) {
        List<List<Node>> stack = new ArrayList<>();
        stack.add(new ArrayList<>());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                stack.add(new ArrayList<>());
                i++;
            } else if (c == ')') {
                if (stack.size() > 1) {
                    List<Node> done = stack.remove(stack.size() - 1);
                    stack.get(stack.size() - 1).add(new Node(done));
                }
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, s.length());
                stack.get(stack.size() - 1).add(new Node(s.substring(i, j)));
                i = j;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '(' && s.charAt(j) != ')') {
                    j++;
                }
                stack.get(stack.size() - 1).add(new Node(s.substring(i, j)));
                i = j;
            }
        }
        while (stack.size() > 1) {
            List<Node> done = stack.remove(stack.size() - 1);
            stack.get(stack.size() - 1).add(new Node(done));
        }
        Node root = new Node(stack.get(0));
        return root;
    }
}
