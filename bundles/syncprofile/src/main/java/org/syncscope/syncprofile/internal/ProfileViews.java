package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.syncscope.api.status.ProfileView;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/** A profile configuration as the status page and the metrics show it ({@link ProfileView}). */
final class ProfileViews {

    private ProfileViews() {
    }

    /** {@code state}'s view; {@code profile} is its running profile, or null. */
    static ProfileView of(ProfileState state, SyncProfile profile, int maxPairs) {
        String stateName = state.state().name().toLowerCase(Locale.ROOT);
        if (profile == null || state.state() != ProfileState.State.RUNNING) {
            return new ProfileView(state.name(), stateName, state.reason(), "", 0, 0, 0, 0, List.of(), List.of());
        }
        String reason = state.reason();
        ProfileSummary summary = profile.summary();
        List<ProfileView.InputView> inputs = new ArrayList<>();
        List<ProfileView.PairView> pairs = new ArrayList<>();
        long processed = 0;
        try {
            ProfileStatus s = profile.status(maxPairs);
            processed = profile.processedUpdates();
            for (ProfileStatus.Input i : s.inputs()) {
                inputs.add(new ProfileView.InputView(i.name(), i.connected(), i.updates(), i.instantHz(), i.avgHz(),
                        i.minHz(), i.maxHz(), i.stdHz(), i.samples()));
            }
            for (ProfileStatus.Pair p : s.pairs()) {
                pairs.add(new ProfileView.PairView(p.name(), p.valid(), p.current(), p.avg(), p.min(), p.max(), p.std(),
                        p.samples()));
            }
        } catch (IllegalStateException busy) {
            // the profile's thread did not answer in time (overloaded): say so, with the cheap parts
            reason = reason.isEmpty() ? busy.getMessage() : reason + "; " + busy.getMessage();
        }
        return new ProfileView(state.name(), stateName, reason, summary.prefix(), summary.pairs(), processed,
                summary.dropped(), summary.queued(), inputs, pairs);
    }
}
