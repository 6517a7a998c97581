package org.syncscope.timeav;

import java.util.List;

/**
 * Every TIMEAV device configuration of this server (running or refused, and why), the global
 * reset PV, and the resets the console offers. The one service of the TIMEAV bundle.
 */
public interface TimeavDevices {

    /** The reset-all PV's name, or empty when there is none. */
    String resetAllPv();

    /** Why the control's own configuration ({@code etc/org.syncscope.timeav.control.cfg}) was refused, or null. */
    String refusal();

    /** Every device configuration, running or refused, by output PV (refused ones without a device by file). */
    List<DeviceState> configurations();

    /** The output PV names of the running devices, sorted. */
    List<String> names();

    /** Restarts the running device of this output PV with its latest expression; false when there is none. */
    boolean reset(String name);

    /** Restarts every running device; returns how many. */
    int resetAll();

    /** What a device on this expression would do, or exactly why it refuses it: the verdict a device gives. */
    String check(String expression);
}
