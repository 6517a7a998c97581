package org.syncscope.itests;

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
 * A Phoebus .bob screen as a reader needs it: well-formed, {@code display version="2.0.0"}, and
 * the PV names its widgets read (pv_name, trace y_pv) with the display's macros at their defaults.
 */
final class BobScreen {

    private static final Pattern MACRO = Pattern.compile("\\$\\((\\w+)\\)");

    private final Document document;
    private final Map<String, String> macros = new LinkedHashMap<>();

    private BobScreen(Document document) {
        this.document = document;
    }

    static BobScreen parse(String what, String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = d.getDocumentElement();
        if (!root.getTagName().equals("display") || !root.getAttribute("version").equals("2.0.0")) {
            throw new AssertionError(what + ": root <" + root.getTagName() + " version=" + root.getAttribute("version") + ">");
        }
        BobScreen screen = new BobScreen(d);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("macros")) {
                for (Node m = e.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m instanceof Element macro) {
                        screen.macros.put(macro.getTagName(), macro.getTextContent());
                    }
                }
            }
        }
        return screen;
    }

    /** Every PV name the screen reads, once each, in file order, macros substituted. */
    List<String> pvNames() {
        List<String> names = new ArrayList<>();
        for (String tag : List.of("pv_name", "y_pv")) {
            NodeList n = document.getElementsByTagName(tag);
            for (int i = 0; i < n.getLength(); i++) {
                String name = substitute(n.item(i).getTextContent().trim());
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The files the screen's buttons open, macros substituted. */
    List<String> openedFiles() {
        List<String> files = new ArrayList<>();
        NodeList n = document.getElementsByTagName("file");
        for (int i = 0; i < n.getLength(); i++) {
            files.add(substitute(n.item(i).getTextContent().trim()));
        }
        return files;
    }

    private String substitute(String text) {
        Matcher m = MACRO.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = macros.get(m.group(1));
            if (v == null) {
                throw new AssertionError("macro $(" + m.group(1) + ") without a default in " + macros);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        return m.appendTail(b).toString();
    }
}
