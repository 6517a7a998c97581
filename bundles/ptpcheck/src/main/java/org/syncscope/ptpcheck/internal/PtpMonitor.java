package org.syncscope.ptpcheck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.ptpcheck.CameraStatus;
import org.syncscope.ptpcheck.CheckSettings;
import org.syncscope.ptpcheck.Convergence;
import org.syncscope.ptpcheck.HostView;
import org.syncscope.ptpcheck.Timestat;

/**
 * One monitor cycle: open the cameras (PTP switched on in the first cycle), read their states, one
 * latch sample, the host role; post the PVs; close the cameras. Runs on the component's thread.
 * When no driver matches or the cameras cannot be read, the PVs stay with their last values,
 * INVALID: Verdict reads NO_DRIVER (alarm status LINK) or ERROR (COMM). A host read as neither
 * grandmaster nor slave makes the Verdict NOT_CONVERGED.
 *
 * <p>{@link #stop()} may be called from another thread while a cycle is stuck in a driver: the
 * cycle then publishes nothing more when it comes back.
 */
final class PtpMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PtpMonitor.class);

    private final Supplier<CameraDriver> drivers;
    private final Supplier<HostPtpReadings> hosts;
    /** The readings the host was last judged from, and that reading's number. */
    private HostPtpReadings judgedFrom;
    private long judged;
    private final PvPublisher publisher;
    private volatile CheckSettings settings;
    private final Supplier<String> noDriver;
    /** Written on the monitor thread; read and closed by {@link #stop()} from any thread. */
    private volatile MonitorPvs pvs;
    private volatile boolean stopped;
    private final java.util.Map<String, PtpNode> nodes = new java.util.HashMap<>();
    /** The driver {@link #nodes} belong to: a redeployed driver has fresh cameras, PTP off. */
    private CameraDriver nodesDriver;
    private String lastProblem = "";

    /** The driver and host are read at each cycle, so a redeployed driver or pmc adapter is picked up. */
    PtpMonitor(Supplier<CameraDriver> drivers, Supplier<HostPtpReadings> hosts, PvPublisher publisher,
            Supplier<String> noDriver) {
        this.drivers = drivers;
        this.hosts = hosts;
        this.publisher = publisher;
        this.noDriver = noDriver;
    }

    /** The monitor PVs as served now, with {@code problem}; none while the monitor has published none. */
    PtpView view(String problem) {
        MonitorPvs p = pvs;
        if (p == null) {
            PvValueView none = PvValueView.none("");
            return new PtpView(problem.isEmpty() ? "the monitor has published no PVs yet" : problem, none, none, none,
                    List.of());
        }
        return p.view(problem);
    }

    /** The settings of the next cycles; a new PV prefix re-publishes the PVs under it. */
    void settings(CheckSettings next) {
        settings = next;
    }

    /** {@link #cycle()} for a scheduled task, which would never run again after an exception. */
    void cycleSafely() {
        try {
            cycle();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            problem("monitor cycle failed: " + (t.getMessage() == null ? t.getClass().getName() : t.getMessage()));
        }
    }

    void cycle() {
        CheckSettings settings = this.settings;
        if (settings == null || stopped) {
            return;
        }
        MonitorPvs published = pvs;
        if (published != null && !published.prefix().equals(settings.pvPrefix())) {
            close();
        }
        long now = Ticker.wallClockNanos();
        HostView host = host();
        CameraDriver driver = drivers.get();
        if (driver == null) {
            invalid(settings, "NO_DRIVER", AlarmStatus.LINK, host, now);
            problem(noDriver.get());
            return;
        }
        if (driver != nodesDriver) {
            nodes.clear();
            nodesDriver = driver;
        }
        try (OpenCameras open = OpenCameras.open(driver, settings.serials())) {
            List<String> serials = open.infos().stream().map(i -> i.serial()).toList();
            MonitorPvs pvs = this.pvs;
            if (pvs == null || !pvs.covers(serials)) {
                close();
                pvs = publish(settings, serials);
                if (pvs == null) {
                    return;
                }
            }
            List<CameraStatus> states = new ArrayList<>();
            for (int i = 0; i < open.cameras().size(); i++) {
                Camera c = open.cameras().get(i);
                PtpNode node = nodes.get(c.info().serial());
                if (node == null) {
                    node = c.enablePtp();   // once per camera: the device keeps it on
                    nodes.put(c.info().serial(), node);
                }
                states.add(new CameraStatus(i, c.info(), node, c.ptpState(), ""));
            }
            Convergence convergence = Convergence.of(host, states);
            Timestat.Result r = new TimestampAlignment(Ticker.SYSTEM, Ticker::wallClockNanos).run(open.cameras(),
                    new Timestat.Options(1, 0, settings.thresholdNs(), 60, false), s -> { });
            Timestat.Sample sample = r.samples().get(0);
            for (int i = 0; i < serials.size(); i++) {
                pvs.postCamera(serials.get(i), states.get(i).state(), sample.readings().get(i).deltaNs(),
                        settings.thresholdNs(), now);
            }
            String verdict = !convergence.converged() ? "NOT_CONVERGED"
                    : r.exitCode() == Timestat.ALL_WITHIN ? "OK" : "OVER_THRESHOLD";
            pvs.postVerdict(verdict, r.maxAbsDeltaNs(), host, settings.thresholdNs(), now);
            problem("");
        } catch (CameraException | Timestat.FatalException | RuntimeException e) {
            invalid(settings, "ERROR", AlarmStatus.COMM, host, now);
            problem(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every PV INVALID with its last value (published first, with no cameras, if there were none yet). */
    private void invalid(CheckSettings settings, String verdict, AlarmStatus why, HostView host, long now) {
        MonitorPvs pvs = this.pvs;
        if (pvs == null) {
            pvs = publish(settings, List.of());
            if (pvs == null) {
                return;
            }
        }
        pvs.postInvalid(verdict, why, host, now);
    }

    /** New PVs, or null once stopped (also when {@link #stop()} ran meanwhile: it or this closes them). */
    private MonitorPvs publish(CheckSettings settings, List<String> serials) {
        if (stopped) {
            return null;
        }
        MonitorPvs fresh = new MonitorPvs(publisher, settings.pvPrefix(), serials);
        pvs = fresh;
        if (stopped) {   // both fields volatile: stop() saw fresh, or this sees stopped, or both
            fresh.close();
            return null;
        }
        return fresh;
    }

    private void problem(String text) {
        if (stopped) {
            return;   // a cycle that outlived deactivation: its failure (PVs closed under it) is no news
        }
        if (!text.equals(lastProblem)) {
            if (text.isEmpty()) {
                LOG.info("PTP monitor: cameras readable again");
            } else {
                LOG.warn("PTP monitor: {}", text);
            }
            lastProblem = text;
        }
    }


    /**
     * The pmc adapter's first reading newer than the one the last cycle judged (its periodic one
     * when it has it, else one it makes now); from a redeployed adapter, one it makes from now on.
     */
    private HostView host() {
        HostPtpReadings readings = hosts.get();
        HostView host = readings != null && readings == judgedFrom ? HostReads.after(readings, judged)
                : HostReads.read(readings);
        judgedFrom = readings;
        judged = host.sequence();
        return host;
    }

    /** Withdraws the PVs; the next cycle publishes them again. On the monitor thread. */
    @Override
    public void close() {
        MonitorPvs p = pvs;
        if (p != null) {
            pvs = null;
            p.close();
        }
    }

    /** Withdraws the PVs for good, from any thread: a cycle still running publishes nothing more. */
    void stop() {
        stopped = true;
        MonitorPvs p = pvs;
        if (p != null) {
            pvs = null;
            p.close();
        }
    }
}
