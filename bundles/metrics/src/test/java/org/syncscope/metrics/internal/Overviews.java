package org.syncscope.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncscope.api.status.ProfileView.InputView;
import org.syncscope.api.status.ProfileView.PairView;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.overview.Overview;

/** Hand-made overview snapshots for the tests. */
final class Overviews {

    /** When the test overviews were taken: 2026-01-01T00:00:00Z, in ns. */
    static final long TIME = 1_767_225_600_000_000_000L;

    private Overviews() {
    }

    static PvValueView pv(String name, double value, String text) {
        return new PvValueView(name, value, text, "NO_ALARM", TIME);
    }

    static PvValueView invalid(String name, double value, String text) {
        return new PvValueView(name, value, text, "INVALID", TIME);
    }

    static Overview of(List<ProfileView> profiles) {
        return new Overview(TIME, profiles, Optional.empty(), Optional.empty(), List.of());
    }

    /** A running profile of {@code inputs} inputs at 10 Hz and its first {@code pairs} pairs (of all n(n-1)/2). */
    static ProfileView large(String name, int inputs, int pairs) {
        List<InputView> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            in.add(new InputView("SITE:PV" + i, true, 1000 + i, 10.01, 10.0, 9.9, 10.1, 0.05, 100));
        }
        List<PairView> pv = new ArrayList<>();
        for (int a = 0; a < inputs && pv.size() < pairs; a++) {
            for (int b = a + 1; b < inputs && pv.size() < pairs; b++) {
                pv.add(new PairView("SITE:PV" + a + "_vs_SITE:PV" + b, true, 0.001, 0.0011, 0.0009, 0.0013, 0.0001, 100));
            }
        }
        return new ProfileView(name, "running", "", "", (long) inputs * (inputs - 1) / 2,
                123456, 0, 0, in, pv);
    }
}
