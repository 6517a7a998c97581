package org.syncscope.timestamp.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.AddressList;

/**
 * The TSconfigure parameters, validated.
 *
 * @param master              master (true) or slave
 * @param syncRateSeconds     seconds between syncs
 * @param masterPort          port of the master's stamp server
 * @param slavePort           port slaves listen on for sync broadcasts
 * @param timeoutMs           per-request timeout of the network protocol
 * @param forceSoft           never use event hardware (TSconfigure type 1)
 * @param ntpServers          NTP servers the clock is disciplined to (host[:port], default port 123)
 * @param debug               TSdriverDebug level
 * @param failureGraceSeconds a sync event missing this long means hardware failure
 * @param statusPrefix        prefix of the status PVs
 * @param masterAddresses     where a slave asks for the time (host[:port], default port masterPort)
 * @param slaveAddresses      where a synchronous master sends sync times (host[:port], default slavePort)
 * @param masterBindAddress   the local address the stamp server (masterPort) listens on
 * @param slaveBindAddress    the local address a synchronous slave's sync listener (slavePort) listens on
 * @param masterBroadcastAddress where a slave without masterAddresses broadcasts for a master
 * @param slaveBroadcastAddress  where a synchronous master without slaveAddresses broadcasts sync times
 * @param masterRetrySeconds  a slave that found no master asks again after this long
 * @param limits              what the clock loop may do (slew rate, step and panic thresholds) and how it measures
 */
public record TimestampSettings(boolean master, int syncRateSeconds, int masterPort, int slavePort,
                                int timeoutMs, boolean forceSoft, String ntpServers, int debug,
                                double failureGraceSeconds, String statusPrefix, AddressList masterAddresses,
                                AddressList slaveAddresses, String masterBindAddress, String slaveBindAddress,
                                String masterBroadcastAddress, String slaveBroadcastAddress, int masterRetrySeconds,
                                ClockLimits limits) {

    /** The shipped defaults (TSconfigure with every number 0): a soft slave, statusPrefix TS:. */
    static final TimestampSettings DEFAULTS = new TimestampSettings(false, 10, 18323, 18322, 250, false, "", 0,
            20.0, "TS:", null, null);

    /** Every interface: the drvTS default for both UDP services. */
    public static final String ANY = "0.0.0.0";
    public static final String BROADCAST = "255.255.255.255";

    /** The settings with the network defaults: both services on every interface, broadcasts to 255.255.255.255, retry 120 s. */
    public TimestampSettings(boolean master, int syncRateSeconds, int masterPort, int slavePort,
                             int timeoutMs, boolean forceSoft, String ntpServers, int debug, double failureGraceSeconds,
                             String statusPrefix, AddressList masterAddresses, AddressList slaveAddresses) {
        this(master, syncRateSeconds, masterPort, slavePort, timeoutMs, forceSoft, ntpServers, debug,
                failureGraceSeconds, statusPrefix, masterAddresses, slaveAddresses, ANY, ANY, BROADCAST, BROADCAST, 120,
                ClockLimits.DEFAULTS);
    }

    public TimestampSettings {
        if (syncRateSeconds < 1) {
            throw new IllegalArgumentException("syncRateSeconds: " + syncRateSeconds + " (must be at least 1)");
        }
        for (int port : new int[] {masterPort, slavePort}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException((port == masterPort ? "masterPort: " : "slavePort: ") + port
                        + " (1..65535)");
            }
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs: " + timeoutMs + " (must be positive)");
        }
        if (!(failureGraceSeconds > 0)) {
            throw new IllegalArgumentException("failureGraceSeconds: " + failureGraceSeconds + " (must be positive)");
        }
        if (debug < 0) {
            throw new IllegalArgumentException("debug: " + debug + " (0 or more)");
        }
        ntpServers = AddressList.parse("ntpServers", ntpServers).toString();
        statusPrefix = statusPrefix == null ? "" : statusPrefix.trim();
        masterAddresses = masterAddresses == null ? AddressList.EMPTY : masterAddresses;
        slaveAddresses = slaveAddresses == null ? AddressList.EMPTY : slaveAddresses;
        masterBindAddress = host("masterBindAddress", masterBindAddress, ANY);
        slaveBindAddress = host("slaveBindAddress", slaveBindAddress, ANY);
        masterBroadcastAddress = host("masterBroadcastAddress", masterBroadcastAddress, BROADCAST);
        slaveBroadcastAddress = host("slaveBroadcastAddress", slaveBroadcastAddress, BROADCAST);
        limits = limits == null ? ClockLimits.DEFAULTS : limits;
        if (masterRetrySeconds < 1) {
            throw new IllegalArgumentException("masterRetrySeconds: " + masterRetrySeconds + " (must be at least 1)");
        }
    }

    /** A host name or address, without port; blank means {@code otherwise}. Not resolved here (no I/O). */
    private static String host(String key, String value, String otherwise) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return otherwise;
        }
        if (v.contains(" ") || v.contains(",") || (v.contains(":") && !v.contains("::") && v.indexOf(':') == v.lastIndexOf(':'))) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not one host name or address (no port)");
        }
        return v;
    }

    /** Where the stamp server listens (the address is resolved here: call it off SCR's thread). */
    public InetSocketAddress masterBind() {
        return new InetSocketAddress(masterBindAddress, masterPort);
    }

    /** Where a synchronous slave's sync listener listens (resolves: off SCR's thread). */
    public InetSocketAddress slaveBind() {
        return new InetSocketAddress(slaveBindAddress, slavePort);
    }

    /** The masters to ask, with {@code masterPort} where an entry names none. */
    public List<InetSocketAddress> masters() {
        return addresses(masterAddresses, masterPort);
    }

    /** The slaves a synchronous master sends sync times to, {@code slavePort} where an entry names none. */
    public List<InetSocketAddress> slaves() {
        return addresses(slaveAddresses, slavePort);
    }

    /** The NTP servers, port 123 where an entry names none. */
    public List<InetSocketAddress> ntp() {
        return addresses(AddressList.parse("ntpServers", ntpServers), 123);
    }

    private static List<InetSocketAddress> addresses(AddressList list, int defaultPort) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String e : list.entries()) {
            int colon = e.lastIndexOf(':');
            out.add(colon < 0 ? new InetSocketAddress(e, defaultPort)
                    : new InetSocketAddress(e.substring(0, colon), Integer.parseInt(e.substring(colon + 1))));
        }
        return out;
    }

    /** The same settings with another debug level. */
    TimestampSettings withDebug(int level) {
        return new TimestampSettings(master, syncRateSeconds, masterPort, slavePort, timeoutMs, forceSoft,
                ntpServers, level, failureGraceSeconds, statusPrefix, masterAddresses, slaveAddresses, masterBindAddress,
                slaveBindAddress, masterBroadcastAddress, slaveBroadcastAddress, masterRetrySeconds, limits);
    }

    /** The same settings with other clock limits. */
    public TimestampSettings withLimits(ClockLimits next) {
        return new TimestampSettings(master, syncRateSeconds, masterPort, slavePort, timeoutMs, forceSoft,
                ntpServers, debug, failureGraceSeconds, statusPrefix, masterAddresses, slaveAddresses, masterBindAddress,
                slaveBindAddress, masterBroadcastAddress, slaveBroadcastAddress, masterRetrySeconds, next);
    }

    public long syncPeriodNanos() {
        return syncRateSeconds * 1_000_000_000L;
    }

    long failureGraceNanos() {
        return Math.round(failureGraceSeconds * 1e9);
    }

    /** TSconfigure semantics: 0 means "default" (10 s, 18323/18322, 250 ms, twice the sync rate, retry 120 s). */
    static TimestampSettings of(TimestampConfig c) {
        int syncRate = c.syncRateSeconds() == 0 ? 10 : c.syncRateSeconds();
        return new TimestampSettings(c.master(), syncRate, c.masterPort() == 0 ? 18323 : c.masterPort(),
                c.slavePort() == 0 ? 18322 : c.slavePort(), c.timeoutMs() == 0 ? 250 : c.timeoutMs(), c.forceSoft(), c.ntpServers(), c.debug(),
                c.failureGraceSeconds() == 0 ? 2.0 * syncRate : c.failureGraceSeconds(), c.statusPrefix(),
                AddressList.parse("masterAddresses", c.masterAddresses()),
                AddressList.parse("slaveAddresses", c.slaveAddresses()), c.masterBindAddress(), c.slaveBindAddress(),
                c.masterBroadcastAddress(), c.slaveBroadcastAddress(), c.masterRetrySeconds() == 0 ? 120 : c.masterRetrySeconds(),
                new ClockLimits(c.maxSlewPpm() == 0 ? ClockLimits.DEFAULTS.maxSlewPpm() : c.maxSlewPpm(),
                        c.stepThresholdSeconds(), c.panicSeconds(),
                        c.samplesPerSync() == 0 ? ClockLimits.DEFAULTS.samplesPerSync() : c.samplesPerSync(),
                        c.kernelTimestamps()));
    }
}
