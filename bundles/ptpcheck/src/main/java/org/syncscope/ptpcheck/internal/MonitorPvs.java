package org.syncscope.ptpcheck.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.ptpcheck.Convergence;
import org.syncscope.ptpcheck.HostView;
import org.syncscope.rebind.RebindingPublisher;

/**
 * The monitor's PVs: {@code Verdict}, {@code MaxAbsDelta} (ns), {@code HostRole}, and per camera
 * {@code SERIAL:Status} and {@code SERIAL:Delta} (ns to the median). Over the threshold: MAJOR.
 * HostRole has the labels and alarms of the pmc adapter's Role PV; a host read as neither
 * grandmaster nor slave makes the Verdict NOT_CONVERGED (see {@link Convergence}).
 */
final class MonitorPvs implements AutoCloseable {

    static final List<String> VERDICTS = List.of("OK", "NOT_CONVERGED", "OVER_THRESHOLD", "ERROR", "NO_DRIVER");
    /** HostRole's labels, as the pmc adapter's Role PV: the roles in their order, then UNKNOWN (host not read). */
    static final List<String> ROLES = Stream.concat(Arrays.stream(HostPtpRole.values()).map(Enum::name),
            Stream.of("UNKNOWN")).collect(Collectors.toList());
    /** One value per label, so a cycle allocates none for HostRole. */
    private static final List<PvValue.EnumValue> ROLE_VALUES = ROLES.stream()
            .map(r -> new PvValue.EnumValue(ROLES.indexOf(r), r)).toList();
    private static final List<String> STATES = Arrays.stream(CameraPtpState.values()).map(CameraPtpState::genicamName)
            .collect(Collectors.toList());

    private final String prefix;
    private final List<PublishedPv> all = new ArrayList<>();
    /** The last value posted to each PV, re-posted INVALID when the cameras cannot be read. */
    private final Map<PublishedPv, PvValue> last = new java.util.HashMap<>();
    private final PublishedPv verdict;
    private final PublishedPv maxAbsDelta;
    private final PublishedPv hostRole;
    private final Map<String, PublishedPv> status = new LinkedHashMap<>();
    private final Map<String, PublishedPv> delta = new LinkedHashMap<>();

    MonitorPvs(PvPublisher publisher, String prefix, List<String> serials) {
        this.prefix = prefix;
        try {
            verdict = add(publisher, PvSpec.ofEnum(prefix + "Verdict", "overall PTP verdict", VERDICTS));
            maxAbsDelta = add(publisher, PvSpec.ofDouble(prefix + "MaxAbsDelta", "ns", 0, "largest |delta to median|"));
            hostRole = add(publisher, PvSpec.ofEnum(prefix + "HostRole", "host PTP role", ROLES));
            for (String s : serials) {
                status.put(s, add(publisher, PvSpec.ofEnum(prefix + s + ":Status", "camera PTP state", STATES)));
                delta.put(s, add(publisher, PvSpec.ofDouble(prefix + s + ":Delta", "ns", 0, "camera time minus median")));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String prefix() {
        return prefix;
    }

    /** What every monitor PV carries now, for the status page and the metrics (no client involved). */
    PtpView view(String problem) {
        List<PtpView.CameraView> cameras = new ArrayList<>();
        for (Map.Entry<String, PublishedPv> e : status.entrySet()) {
            cameras.add(new PtpView.CameraView(e.getKey(), read(e.getValue()), read(delta.get(e.getKey()))));
        }
        return new PtpView(problem, read(verdict), read(hostRole), read(maxAbsDelta), cameras);
    }

    private static PvValueView read(PublishedPv pv) {
        return PvValueView.of(pv.spec().name(), RebindingPublisher.reading(pv));
    }

    /**
     * No reading this cycle: Verdict says why, HostRole is posted as read, every other PV keeps its
     * last value with INVALID and {@code why}.
     */
    void postInvalid(String verdictValue, AlarmStatus why, HostView host, long now) {
        post(verdict, new PvValue.EnumValue(VERDICTS.indexOf(verdictValue), verdictValue), now, AlarmSeverity.INVALID, why);
        postRole(host, now);
        List<PublishedPv> pvs;
        synchronized (all) {
            pvs = List.copyOf(all);
        }
        for (PublishedPv pv : pvs) {
            if (pv != verdict && pv != hostRole) {
                PvValue v = last.get(pv);
                post(pv, v != null ? v : zero(pv), now, AlarmSeverity.INVALID, why);
            }
        }
    }

    private static PvValue zero(PublishedPv pv) {
        return pv.spec().type() == PvType.ENUM ? new PvValue.EnumValue(0, pv.spec().enumLabels().get(0))
                : new PvValue.DoubleValue(0);
    }

    private void post(PublishedPv pv, PvValue value, long now, AlarmSeverity severity, AlarmStatus status) {
        last.put(pv, value);
        pv.post(value, now, severity, status);
    }

    /**
     * The pmc adapter's rule for its Role PV: grandmaster or slave NO_ALARM, settling (listening,
     * uncalibrated, …) MINOR/STATE, taking no part in PTP (passive, faulty, disabled) MAJOR/STATE,
     * not read INVALID/COMM.
     */
    private void postRole(HostView host, long now) {
        HostPtpRole r = host.role().orElse(null);
        if (r == null) {
            post(hostRole, ROLE_VALUES.get(ROLE_VALUES.size() - 1), now, AlarmSeverity.INVALID, AlarmStatus.COMM);
            return;
        }
        post(hostRole, ROLE_VALUES.get(r.ordinal()), now,
                r.synchronised() ? AlarmSeverity.NO_ALARM : r.settling() ? AlarmSeverity.MINOR : AlarmSeverity.MAJOR,
                r.synchronised() ? AlarmStatus.NO_ALARM : AlarmStatus.STATE);
    }

    boolean covers(List<String> serials) {
        return status.keySet().equals(new java.util.LinkedHashSet<>(serials));
    }

    void postVerdict(String value, long maxAbs, HostView host, long thresholdNs, long now) {
        boolean ok = value.equals("OK");
        post(verdict, new PvValue.EnumValue(VERDICTS.indexOf(value), value), now,
                ok ? AlarmSeverity.NO_ALARM : AlarmSeverity.MAJOR, ok ? AlarmStatus.NO_ALARM : AlarmStatus.STATE);
        boolean over = maxAbs > thresholdNs;
        post(maxAbsDelta, new PvValue.DoubleValue(maxAbs), now, over ? AlarmSeverity.MAJOR : AlarmSeverity.NO_ALARM,
                over ? AlarmStatus.HIGH : AlarmStatus.NO_ALARM);
        postRole(host, now);
    }

    void postCamera(String serial, CameraPtpState state, Long deltaNs, long thresholdNs, long now) {
        PublishedPv s = status.get(serial);
        if (s != null) {
            post(s, new PvValue.EnumValue(state.ordinal(), state.genicamName()), now, AlarmSeverity.NO_ALARM,
                    AlarmStatus.NO_ALARM);
        }
        PublishedPv d = delta.get(serial);
        if (d != null) {
            if (deltaNs == null) {
                post(d, new PvValue.DoubleValue(0), now, AlarmSeverity.INVALID, AlarmStatus.COMM);
            } else {
                boolean over = Math.abs(deltaNs) > thresholdNs;
                post(d, new PvValue.DoubleValue(deltaNs), now, over ? AlarmSeverity.MAJOR : AlarmSeverity.NO_ALARM,
                        !over ? AlarmStatus.NO_ALARM : deltaNs > 0 ? AlarmStatus.HIGH : AlarmStatus.LOW);
            }
        }
    }

    /** Idempotent, and safe beside a post on another thread (a post to a closed PV throws, and the cycle ends). */
    @Override
    public void close() {
        List<PublishedPv> withdrawn;
        synchronized (all) {
            withdrawn = List.copyOf(all);
            all.clear();
        }
        withdrawn.forEach(PublishedPv::close);
    }

    private PublishedPv add(PvPublisher publisher, PvSpec spec) {
        PublishedPv pv = publisher.publish(spec);
        all.add(pv);
        return pv;
    }

}
