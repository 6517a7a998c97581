package org.syncscope.timeav.internal;

import java.util.Map;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/**
 * Builds components for tests of the command package, which cannot reach the package-private DS
 * methods; reads what a device posted to a {@link RecordingPublisher}.
 */
public final class TimeavTesting {

    private TimeavTesting() {
    }

    public static TimeavControl control() {
        Map<String, Object> p = Configs.fromFile("org.syncscope.timeav.control.cfg", "resetAllPv", "");
        return new TimeavControl(Configs.of(TimeavControlConfig.class, p), p);
    }

    /** A device configuration in {@code etc/<file>}, reporting to {@code control}; {@code name} null leaves it out. */
    public static TimeavComponent component(TimeavControl control, String file, String name, String expression) {
        Map<String, Object> p = name == null ? Configs.fromFile(file, "expression", expression)
                : Configs.fromFile(file, "name", name, "expression", expression);
        return new TimeavComponent(control, Configs.of(TimeavConfig.class, p), p);
    }

    public static void deactivate(TimeavComponent component) {
        component.deactivate();
    }

    /** The last number posted to {@code pv}. */
    public static double number(RecordingPublisher publisher, String pv) {
        return ((PvValue.DoubleValue) publisher.last.get(pv).value()).value();
    }

    /** The last text posted to {@code pv}. */
    public static String text(RecordingPublisher publisher, String pv) {
        return ((PvValue.StringValue) publisher.last.get(pv).value()).value();
    }

    /** A Channel Access put of {@code value} to the served PV {@code pv}. */
    public static void write(RecordingPublisher publisher, String pv, PvValue value) {
        publisher.served.get(pv).spec().writeHandler().onWrite(value);
    }
}
