package org.syncscope.screens.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A .bob file parsed and checked as Phoebus needs it: well-formed XML, root {@code display
 * version="2.0.0"}, every widget (nested ones too) of a known type and version with name, x, y,
 * width and height; and what it reads: its PV names with the display's macros substituted.
 */
final class BobFile {

    private static final Pattern MACRO = Pattern.compile("\\$\\((\\w+)\\)");

    final Document document;
    final Map<String, String> macros = new LinkedHashMap<>();
    final List<Element> widgets = new ArrayList<>();

    private BobFile(Document document) {
        this.document = document;
    }

    static BobFile parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        BobFile bob = new BobFile(d);
        Element root = d.getDocumentElement();
        check(root.getTagName().equals("display"), "root is <" + root.getTagName() + ">, not <display>");
        check(root.getAttribute("version").equals("2.0.0"), "display version " + root.getAttribute("version"));
        for (Element c : children(root)) {
            if (c.getTagName().equals("macros")) {
                for (Element m : children(c)) {
                    bob.macros.put(m.getTagName(), m.getTextContent());
                }
            }
        }
        NodeList all = d.getElementsByTagName("widget");
        for (int i = 0; i < all.getLength(); i++) {
            Element w = (Element) all.item(i);
            String type = w.getAttribute("type");
            String version = w.getAttribute("version");
            check(version.equals(KnownWidgets.VERSIONS.get(type)), "widget type " + type + " version " + version
                    + " is not in " + KnownWidgets.VERSIONS);
            for (String p : List.of("name", "x", "y", "width", "height")) {
                Element e = child(w, p);
                check(e != null && !e.getTextContent().isBlank(), type + " widget " + (child(w, "name") == null ? "?"
                        : child(w, "name").getTextContent()) + " lacks " + p);
                if (!p.equals("name")) {
                    Integer.parseInt(e.getTextContent().trim());
                }
            }
            bob.widgets.add(w);
        }
        return bob;
    }

    /** Every pv_name and trace y_pv, in file order, macros substituted with the display's defaults. */
    List<String> pvNames() {
        List<String> names = new ArrayList<>();
        for (String tag : List.of("pv_name", "y_pv")) {
            NodeList n = document.getElementsByTagName(tag);
            for (int i = 0; i < n.getLength(); i++) {
                names.add(substitute(n.item(i).getTextContent().trim()));
            }
        }
        return names;
    }

    String substitute(String text) {
        Matcher m = MACRO.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = macros.get(m.group(1));
            check(v != null, "macro $(" + m.group(1) + ") has no default in the display's macros " + macros);
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        return m.appendTail(b).toString();
    }

    /** The text of each widget's {@code property} child, for widgets of this type. */
    List<String> property(String type, String property) {
        return widgets.stream().filter(w -> w.getAttribute("type").equals(type)).map(w -> child(w, property))
                .filter(e -> e != null).map(Element::getTextContent).toList();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element child(Element e, String tag) {
        return children(e).stream().filter(c -> c.getTagName().equals(tag)).findFirst().orElse(null);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
