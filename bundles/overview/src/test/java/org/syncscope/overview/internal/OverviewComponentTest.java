package org.syncscope.overview.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.syncscope.api.status.ProfileStatusProvider;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PtpStatusProvider;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;
import org.syncscope.testing.Configs;

/** One snapshot per period however many ask; each capability's part from its provider, or none. */
class OverviewComponentTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final AtomicInteger asked = new AtomicInteger();
    private volatile int maxPairsAsked = -1;

    private OverviewComponent component(Map<String, Object> properties) {
        return new OverviewComponent(Configs.of(OverviewConfig.class, properties), properties, clock::get);
    }

    private ProfileStatusProvider profiles() {
        return maxPairs -> {
            asked.incrementAndGet();
            maxPairsAsked = maxPairs;
            return List.of(new ProfileView("demo", "running", "", "", 3, 42, 0, 0, List.of(), List.of()));
        };
    }

    @Test
    void oneSnapshotPerPeriodHoweverManyAsk() {
        OverviewComponent c = component(Map.of("periodMillis", 500, "maxPairsPerProfile", 7));
        c.bindProfiles(profiles());
        Overview first = c.snapshot();
        assertThat(first.profiles()).extracting(ProfileView::name).containsExactly("demo");
        assertThat(maxPairsAsked).as("the configured bound is what the provider is asked for").isEqualTo(7);
        clock.addAndGet(449 * MS);
        assertThat(c.snapshot()).isSameAs(first);
        assertThat(c.snapshot()).isSameAs(first);
        assertThat(asked.get()).isEqualTo(1);
        clock.addAndGet(1 * MS);   // 450 ms: within 10 % of the period, a reader ticking every 500 ms is due
        assertThat(c.snapshot()).isNotSameAs(first);
        assertThat(asked.get()).isEqualTo(2);
    }

    @Test
    void aCapabilityNotInstalledHasNoPartAndComesWithItsProvider() {
        OverviewComponent c = component(Map.of());
        Overview none = c.snapshot();
        assertThat(none.profiles()).isEmpty();
        assertThat(none.timestamp()).isEmpty();
        assertThat(none.ptp()).isEmpty();
        assertThat(none.timeav()).isEmpty();

        PvValueView mode = new PvValueView("TS:Mode", 0, "SOFT", "NO_ALARM", 5);
        PvValueView n = PvValueView.none("");
        TimestampView ts = new TimestampView(mode, n, n, n, n, n, n, n, n, n);
        c.bindTimestamp(() -> ts);
        PtpView ptp = new PtpView("", n, n, n, List.of());
        PtpStatusProvider ptpProvider = () -> ptp;
        c.bindPtp(ptpProvider);
        clock.addAndGet(1_000 * MS);
        Overview some = c.snapshot();
        assertThat(some.timestamp()).contains(ts);
        assertThat(some.ptp()).contains(ptp);

        c.unbindPtp(ptpProvider);
        clock.addAndGet(1_000 * MS);
        assertThat(c.snapshot().ptp()).as("uninstalled: gone from the next snapshot").isEmpty();
        assertThat(c.snapshot().timestamp()).contains(ts);
    }

    @Test
    void aBadValueIsRefusedAndThePreviousSettingsStay() {
        OverviewComponent c = component(Map.of("periodMillis", 200));
        c.bindProfiles(profiles());
        c.modified(Configs.of(OverviewConfig.class, Map.of("periodMillis", 5)), Map.of("periodMillis", 5));
        Overview first = c.snapshot();
        clock.addAndGet(100 * MS);
        assertThat(c.snapshot()).as("still 200 ms, not 5").isSameAs(first);
        c.modified(Configs.of(OverviewConfig.class, Map.of("maxPairsPerProfile", 3)), Map.of("maxPairsPerProfile", 3));
        c.snapshot();
        assertThat(maxPairsAsked).as("an edit applies at once").isEqualTo(3);
    }
}
