package org.syncscope.screens.internal;

import java.util.List;
import java.util.Map;

/**
 * Builds a Display Builder file (.bob, display version 2.0.0) out of the widgets we use, each with
 * name, x, y, width and height; positions inside a group are relative to the group.
 */
final class Bob {

    private final XmlNode display = new XmlNode("display").attribute("version", KnownWidgets.DISPLAY_VERSION);

    Bob(String name, int width, int height, Map<String, String> macros) {
        display.property("name", name).property("width", width).property("height", height);
        if (!macros.isEmpty()) {
            XmlNode m = display.add(new XmlNode("macros"));
            macros.forEach(m::property);
        }
    }

    /** A container the widgets of {@link #group} go into. */
    interface Parent {
        XmlNode add(XmlNode widget);
    }

    Parent display() {
        return display::add;
    }

    static XmlNode widget(String type, String name, int x, int y, int width, int height) {
        return new XmlNode("widget").attribute("type", type).attribute("version", KnownWidgets.version(type))
                .property("name", name).property("x", x).property("y", y).property("width", width).property("height", height);
    }

    static XmlNode label(String name, int x, int y, int width, int height, String text) {
        return widget("label", name, x, y, width, height).property("text", text);
    }

    /** A bold label with a larger font (Phoebus' named font "Header 1"). */
    static XmlNode title(String name, int x, int y, int width, int height, String text) {
        XmlNode label = label(name, x, y, width, height, text);
        XmlNode font = label.add(new XmlNode("font"));
        font.add(new XmlNode("font").attribute("name", "Header 1").attribute("family", "Liberation Sans")
                .attribute("style", "BOLD").attribute("size", "22.0"));
        return label;
    }

    static XmlNode textUpdate(String name, int x, int y, int width, int height, String pv) {
        return widget("textupdate", name, x, y, width, height).property("pv_name", pv);
    }

    static XmlNode led(String name, int x, int y, int width, int height, String pv) {
        return widget("led", name, x, y, width, height).property("pv_name", pv);
    }

    static XmlNode table(String name, int x, int y, int width, int height, String pv) {
        return widget("table", name, x, y, width, height).property("pv_name", pv);
    }

    static XmlNode group(String name, int x, int y, int width, int height) {
        return widget("group", name, x, y, width, height);
    }

    /** A strip chart of the PVs, one trace each, named after its PV. */
    static XmlNode stripchart(String name, int x, int y, int width, int height, String title, List<String> pvs) {
        XmlNode chart = widget("stripchart", name, x, y, width, height).property("title", title);
        XmlNode traces = chart.add(new XmlNode("traces"));
        for (int i = 0; i < pvs.size(); i++) {
            traces.add(new XmlNode("trace")).property("name", "$(traces[" + i + "].y_pv)").property("y_pv", pvs.get(i))
                    .property("axis", 0);
        }
        return chart;
    }

    /** A button opening {@code file} (a path relative to this screen) in a new tab. */
    static XmlNode openDisplay(String name, int x, int y, int width, int height, String text, String file) {
        XmlNode button = widget("action_button", name, x, y, width, height);
        XmlNode action = button.add(new XmlNode("actions")).add(new XmlNode("action").attribute("type", "open_display"));
        action.property("file", file).property("target", "tab").property("description", text);
        return button.property("text", text);
    }

    String xml() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        display.write(out, 0);
        return out.toString();
    }
}
