package org.syncscope.screens.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An XML element with attributes, text or children, written indented with two spaces. */
final class XmlNode {

    private final String tag;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private String text;

    XmlNode(String tag) {
        this.tag = tag;
    }

    XmlNode attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    /** Adds a child element holding {@code value} as text; returns this. */
    XmlNode property(String name, Object value) {
        XmlNode c = new XmlNode(name);
        c.text = String.valueOf(value);
        children.add(c);
        return this;
    }

    /** Adds {@code child}; returns it. */
    XmlNode add(XmlNode child) {
        children.add(child);
        return child;
    }

    void write(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append('<').append(tag);
        attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
        if (text == null && children.isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append('>');
        if (text != null) {
            out.append(escape(text));
        } else {
            out.append('\n');
            for (XmlNode c : children) {
                c.write(out, depth + 1);
            }
            out.append("  ".repeat(depth));
        }
        out.append("</").append(tag).append(">\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 has no way to write other control characters
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
