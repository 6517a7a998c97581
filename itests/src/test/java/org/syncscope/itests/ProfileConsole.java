package org.syncscope.itests;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/**
 * What the sync profile ITs (SyncProfileIT, SyncProfileConsoleIT, ProfileIsolationIT) look at
 * inside the container: the console's list and status tables, the PVs served and their values
 * read by the server's own CA client, and the shipped demo profile. Built from the services each
 * test class injects; the boot options are SyncscopeServer's.
 */
final class ProfileConsole {

    private final SessionFactory sessionFactory;
    private final PvPublisher publisher;
    private final PvSource source;

    ProfileConsole(SessionFactory sessionFactory, PvPublisher publisher, PvSource source) {
        this.sessionFactory = sessionFactory;
        this.publisher = publisher;
        this.source = source;
    }

    /** A file in the server's etc/. */
    static Path etc(String file) {
        return Paths.get(System.getProperty("karaf.etc"), file);
    }

    String execute(String command) throws Exception {
        return SyncscopeServer.execute(sessionFactory, command);
    }

    /** What syncprofile:list prints, or the exception while the command is not there yet. */
    String list() {
        try {
            return execute("syncprofile:list");
        } catch (Exception | AssertionError e) {
            return e.toString();
        }
    }

    /**
     * The names the CA server answers now: its published PVs and the names of every catalog (a
     * profile's outputs exist on demand, so most are made only when a client connects).
     */
    Set<String> published() {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(ProfileConsole.class)
                .getBundleContext();
        org.osgi.framework.ServiceReference<org.syncscope.cas.CaServer> ref =
                context.getServiceReference(org.syncscope.cas.CaServer.class);
        if (ref == null) {
            return Set.of();
        }
        try {
            org.syncscope.cas.CaServer server = context.getService(ref);
            return server == null ? Set.of() : server.list(null, Integer.MAX_VALUE).pvs().stream()
                    .map(org.syncscope.cas.ServedPvInfo::name).collect(Collectors.toSet());
        } finally {
            context.ungetService(ref);
        }
    }

    /** Whether {@code pv} reads with no alarm now. */
    boolean postedValue(String pv) {
        try {
            return source.get(pv, Duration.ofSeconds(2)).severity() == AlarmSeverity.NO_ALARM;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** The severity {@code pv} reads with, or null when it cannot be read. */
    AlarmSeverity severity(String pv) {
        try {
            return source.get(pv, Duration.ofSeconds(10)).severity();
        } catch (Exception e) {
            return null;
        }
    }

    /** Waits (bounded) for the shipped demo profile to post. */
    void awaitDemo() throws InterruptedException {
        PyEpicsScript.await("the demo profile posting", Duration.ofSeconds(60), () -> postedValue("DEMO:PV1:AvgFreq"));
    }

    /**
     * A number in a PV's row of {@code syncprofile:status PROFILE}, under the column headed
     * {@code column} ("Updates", "Samples", …); -1 while the profile or the row is not there.
     */
    long statusCell(String profile, String pv, String column) {
        return cell(profile, "PV", pv, column);
    }

    /** As {@link #statusCell} for a pair's row ({@code A_vs_B}) of the pairs' table. */
    long pairCell(String profile, String pair, String column) {
        return cell(profile, "Pair", pair, column);
    }

    private long cell(String profile, String table, String pv, String column) {
        try {
            List<String> header = null;
            for (String line : execute("syncprofile:status " + profile).split("\n")) {
                List<String> cells = cells(line);
                if (!cells.isEmpty() && cells.get(0).equals(table)) {
                    header = cells;
                } else if (header != null && !cells.isEmpty() && cells.get(0).equals(pv)) {
                    return Long.parseLong(cells.get(header.indexOf(column)));
                }
            }
        } catch (Exception | AssertionError notYet) {
            // the profile is not running yet
        }
        return -1;
    }

    /** The Dropped column of a profile in syncprofile:list (-1 when it is not listed). */
    long dropped(String profile) {
        for (String line : list().split("\n")) {
            List<String> cells = cells(line);
            if (cells.size() > 8 && cells.get(0).equals(profile)) {
                try {
                    return Long.parseLong(cells.get(cells.size() - 1));
                } catch (NumberFormatException notRunning) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The demo profile's average rates that are more than 1 % off 10, 5 and 1 Hz (or not current). */
    List<String> demoOffBy() {
        List<String> off = new ArrayList<>();
        double[] expected = {10, 5, 1};
        for (int i = 0; i < 3; i++) {
            String pv = "DEMO:PV" + (i + 1) + ":AvgFreq";
            try {
                PvUpdate u = source.get(pv, Duration.ofSeconds(5));
                double v = ((PvValue.DoubleValue) u.value()).value();
                if (!(Math.abs(v - expected[i]) <= expected[i] * 0.01) || u.severity() != AlarmSeverity.NO_ALARM) {
                    off.add(pv + "=" + v + " " + u.severity());
                }
            } catch (Exception e) {
                off.add(pv + ": " + e.getMessage());
            }
        }
        return off;
    }

    /** A ShellTable row's cells, trimmed (it draws │ on a terminal and falls back to x or | elsewhere). */
    private static List<String> cells(String line) {
        return Arrays.stream(line.split("\\s[│|x]\\s")).map(String::trim).toList();
    }
}
