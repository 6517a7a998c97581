package org.syncscope.screens.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/** Profiles of all pairs over given PVs, as the sync profile bundle would report them; counts the pairs asked for. */
final class FakeProfiles implements ProfileConfigurations {

    private final List<ProfileState> states = new ArrayList<>();
    private final List<ProfileSummary> summaries = new ArrayList<>();
    private final List<ProfileStatus> statuses = new ArrayList<>();
    final List<Integer> maxPairsAsked = new ArrayList<>();

    FakeProfiles running(String name, String prefix, List<String> pvs) {
        List<ProfileStatus.Pair> pairs = new ArrayList<>();
        for (int a = 0; a < pvs.size(); a++) {
            for (int b = a + 1; b < pvs.size(); b++) {
                pairs.add(new ProfileStatus.Pair(pvs.get(a) + "_vs_" + pvs.get(b), true, 0, 0, 0, 0, 0, 0));
            }
        }
        List<ProfileStatus.Input> inputs = pvs.stream()
                .map(pv -> new ProfileStatus.Input(pv, true, 0, 0, 0, 0, 0, 0, 0, 0)).toList();
        states.add(new ProfileState(name, "org.syncscope.syncprofile~" + name, "etc/org.syncscope.syncprofile-" + name + ".cfg",
                ProfileState.State.RUNNING, "", pvs));
        summaries.add(new ProfileSummary(name, pvs.size(), pairs.size(), 100, "source", prefix, 0, 0, 20000, 0));
        statuses.add(new ProfileStatus(name, 100, "source", inputs, pairs, 0, 20000, 0, true, true));
        return this;
    }

    FakeProfiles refused(String name, String reason) {
        states.add(new ProfileState(name, "org.syncscope.syncprofile~" + name, "etc/org.syncscope.syncprofile-" + name + ".cfg",
                ProfileState.State.REFUSED, reason, List.of()));
        return this;
    }

    @Override
    public List<ProfileState> all() {
        return List.copyOf(states);
    }

    @Override
    public Optional<ProfileSummary> summary(String name) {
        return summaries.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public Optional<ProfileStatus> status(String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public Optional<ProfileStatus> status(String name, int maxPairs) {
        maxPairsAsked.add(maxPairs);
        return ProfileConfigurations.super.status(name, maxPairs);
    }
}
