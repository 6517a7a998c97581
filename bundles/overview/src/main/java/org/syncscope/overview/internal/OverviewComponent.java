package org.syncscope.overview.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.status.ProfileStatusProvider;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PtpStatusProvider;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.TimeavStatusProvider;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampStatusProvider;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;
import org.syncscope.overview.SiteOverview;

/**
 * The site overview: on demand, at most once per period, one snapshot of every capability that
 * is installed, from the status provider each capability registers (the values its PVs carry,
 * read from memory). Every provider is an optional, dynamic reference: installing, removing or
 * redeploying a capability changes the next snapshot and nothing else, and none of its packages is
 * imported here, so no feature change of a capability ever refreshes this bundle.
 */
@Component(service = SiteOverview.class, configurationPid = OverviewConfig.PID)
@Designate(ocd = OverviewConfig.class)
public final class OverviewComponent implements SiteOverview {

    private static final Logger LOG = LoggerFactory.getLogger(OverviewComponent.class);

    private volatile ProfileStatusProvider profiles;
    private volatile TimestampStatusProvider timestamp;
    private volatile PtpStatusProvider ptp;
    private volatile TimeavStatusProvider timeav;

    private volatile Settings settings = new Settings(1_000_000_000L, 100);
    // guarded by this
    private Overview last;
    private long lastTakenNanos;

    /** The settings in force. */
    record Settings(long periodNanos, int maxPairs) {
    }

    private final LongSupplier nanoTime;

    @Activate
    public OverviewComponent(OverviewConfig config, Map<String, Object> properties) {
        this(config, properties, System::nanoTime);
    }

    /** With the clock that decides whether the last snapshot is still fresh (tests give their own). */
    OverviewComponent(OverviewConfig config, Map<String, Object> properties, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        apply(config, properties);
    }

    @Modified
    void modified(OverviewConfig config, Map<String, Object> properties) {
        apply(config, properties);
        synchronized (this) {
            last = null;
        }
    }

    private void apply(OverviewConfig config, Map<String, Object> properties) {
        List<String> problems = new ArrayList<>(ConfigCheck.problems(OverviewConfig.class, properties));
        if (problems.isEmpty()) {
            if (config.periodMillis() < 100 || config.periodMillis() > 60_000) {
                problems.add("periodMillis " + config.periodMillis() + ": 100 to 60000");
            }
            if (config.maxPairsPerProfile() < 0 || config.maxPairsPerProfile() > 100_000) {
                problems.add("maxPairsPerProfile " + config.maxPairsPerProfile() + ": 0 to 100000");
            }
        }
        if (!problems.isEmpty()) {
            LOG.error("site overview: {}: {}; the previous settings stay", ConfigCheck.origin(properties),
                    String.join("; ", problems));
            return;
        }
        settings = new Settings(config.periodMillis() * 1_000_000L, config.maxPairsPerProfile());
    }

    @Override
    public synchronized Overview snapshot() {
        long now = nanoTime.getAsLong();
        Settings s = settings;
        // a reader asking once per period (the page's push tick) comes a little early about half the
        // time: a snapshot within 10 % of the period counts as due, so that reader gets a fresh one each time
        if (last != null && now - lastTakenNanos < s.periodNanos() - s.periodNanos() / 10) {
            return last;
        }
        ProfileStatusProvider p = profiles;
        TimestampStatusProvider t = timestamp;
        PtpStatusProvider c = ptp;
        TimeavStatusProvider a = timeav;
        List<ProfileView> profileViews = p == null ? List.of() : p.profiles(s.maxPairs());
        Optional<TimestampView> timestampView = t == null ? Optional.empty() : Optional.of(t.timestamp());
        Optional<PtpView> ptpView = c == null ? Optional.empty() : Optional.of(c.ptp());
        List<TimeavView> timeavViews = a == null ? List.of() : a.timeav();
        last = new Overview(System.currentTimeMillis() * 1_000_000L, profileViews, timestampView, ptpView, timeavViews);
        lastTakenNanos = now;
        return last;
    }

    @Reference(name = "profiles", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindProfiles")
    void bindProfiles(ProfileStatusProvider p) {
        profiles = p;
    }

    void unbindProfiles(ProfileStatusProvider p) {
        if (profiles == p) {
            profiles = null;
        }
    }

    @Reference(name = "timestamp", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTimestamp")
    void bindTimestamp(TimestampStatusProvider t) {
        timestamp = t;
    }

    void unbindTimestamp(TimestampStatusProvider t) {
        if (timestamp == t) {
            timestamp = null;
        }
    }

    @Reference(name = "ptp", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPtp")
    void bindPtp(PtpStatusProvider p) {
        ptp = p;
    }

    void unbindPtp(PtpStatusProvider p) {
        if (ptp == p) {
            ptp = null;
        }
    }

    @Reference(name = "timeav", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTimeav")
    void bindTimeav(TimeavStatusProvider a) {
        timeav = a;
    }

    void unbindTimeav(TimeavStatusProvider a) {
        if (timeav == a) {
            timeav = null;
        }
    }
}
