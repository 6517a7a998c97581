package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileState.State;
import org.syncscope.testing.MemorySource;

/** Activate, modified and deactivate of a profile's component, on its real thread, with in-memory PVs. */
class SyncProfileComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<String> AB_OUTPUTS = Set.of("A:InstantFreq", "A:AvgFreq", "A:MinFreq", "A:MaxFreq",
            "A:StdFreq", "B:InstantFreq", "B:AvgFreq", "B:MinFreq", "B:MaxFreq", "B:StdFreq", "A_vs_B:CurrentDiff",
            "A_vs_B:AvgDiff", "A_vs_B:MinDiff", "A_vs_B:MaxDiff", "A_vs_B:StdDiff");

    private final ProfileRegistry registry = new ProfileRegistry(1_000_000_000L);
    private final MemorySource source = new MemorySource();
    private final FakePvs.Publisher publisher = new FakePvs.Publisher();
    private final java.util.List<SyncProfileComponent> active = new java.util.ArrayList<>();

    @AfterEach
    void deactivateAll() {
        active.forEach(SyncProfileComponent::deactivate);
    }

    private SyncProfileComponent activate(Map<String, Object> properties) {
        SyncProfileComponent c = ProfileConfigs.activate(registry, properties);
        active.add(c);
        c.bindSource(source);
        c.bindPublisher(publisher);
        return c;
    }

    private ProfileState state(String pid) {
        return registry.all().stream().filter(s -> s.configuration().equals(pid)).findFirst().orElseThrow();
    }

    /** Names published, without the profile's own health PVs. */
    private Set<String> outputs() {
        return publisher.posts.keySet().stream().filter(n -> !n.startsWith("SYNCPROFILE:"))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void activateStartsTheProfileAndDeactivateRemovesEverything() {
        SyncProfileComponent c = activate(ProfileConfigs.file("two", "pvs", "A, B"));
        await().atMost(WAIT).until(() -> source.subscribed().equals(Set.of("A", "B"))
                && outputs().equals(AB_OUTPUTS));
        ProfileState s = state("org.syncscope.syncprofile~two");
        assertThat(s.state()).isEqualTo(State.RUNNING);
        assertThat(s.name()).isEqualTo("two");
        assertThat(s.origin()).isEqualTo("etc/org.syncscope.syncprofile-two.cfg");
        assertThat(registry.get("two")).isPresent();

        active.remove(c);
        c.deactivate();
        assertThat(source.subscribed()).isEmpty();
        assertThat(publisher.posts).isEmpty();
        assertThat(registry.all()).isEmpty();
        assertThat(registry.get("two")).isEmpty();
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingFileAndKeyAndBuildsNothing() {
        // SCR's conversion error thrown out of activate: a stack trace naming neither key nor file
        activate(ProfileConfigs.file("bad", "pvs", "A, B", "window", "abc"));
        ProfileState s = state("org.syncscope.syncprofile~bad");
        assertThat(s.state()).isEqualTo(State.REFUSED);
        assertThat(s.origin()).isEqualTo("etc/org.syncscope.syncprofile-bad.cfg");
        assertThat(s.reason()).isEqualTo("configuration refused: window = 'abc' is not a whole number");
        assertThat(s.pvs()).containsExactly("A", "B");
        assertThat(source.subscribed()).isEmpty();
        assertThat(publisher.posts).isEmpty();
    }

    @Test
    void aNameThatCannotNameAPvOrAFileIsRefused() {
        activate(ProfileConfigs.file("x", "pvs", "A", "name", "a.b"));
        assertThat(state("org.syncscope.syncprofile~x").reason())
                .isEqualTo("configuration refused: name: 'a.b' is not a profile name: use 1 to 32 letters, "
                        + "digits, '_' or '-'");
        assertThat(publisher.posts).isEmpty();
    }

    @Test
    void aFixedFileStartsARefusedProfile() {
        SyncProfileComponent c = activate(ProfileConfigs.file("late", "pvs", "A, B", "window", "abc"));
        Map<String, Object> fixed = ProfileConfigs.file("late", "pvs", "A, B", "window", "10");
        c.modified(ProfileConfigs.config(fixed), fixed);
        assertThat(state("org.syncscope.syncprofile~late").state()).isEqualTo(State.RUNNING);
        await().atMost(WAIT).until(() -> outputs().equals(AB_OUTPUTS));
    }

    @Test
    void modifiedAppliesAnEditLive() {
        SyncProfileComponent c = activate(ProfileConfigs.file("live", "pvs", "A, B"));
        await().atMost(WAIT).until(() -> outputs().equals(AB_OUTPUTS));
        Map<String, Object> more = ProfileConfigs.file("live", "pvs", "A, B, C");
        c.modified(ProfileConfigs.config(more), more);
        await().atMost(WAIT).until(() -> source.subscribed().equals(Set.of("A", "B", "C"))
                && outputs().contains("B_vs_C:AvgDiff"));
        assertThat(registry.get("live").orElseThrow().settings().pvs()).containsExactly("A", "B", "C");
        assertThat(state("org.syncscope.syncprofile~live").reason()).isEmpty();
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndSaysWhy() {
        SyncProfileComponent c = activate(ProfileConfigs.file("keep", "pvs", "A, B", "window", "20"));
        await().atMost(WAIT).until(() -> outputs().equals(AB_OUTPUTS));
        Map<String, Object> bad = ProfileConfigs.file("keep", "pvs", "A, B, C", "window", "abc");
        c.modified(ProfileConfigs.config(bad), bad);
        ProfileState s = state("org.syncscope.syncprofile~keep");
        assertThat(s.state()).isEqualTo(State.RUNNING);
        assertThat(s.reason()).isEqualTo("change refused, previous settings stay: window = 'abc' is not a whole number");
        assertThat(registry.get("keep").orElseThrow().settings().window()).isEqualTo(20);
        assertThat(source.subscribed()).isEqualTo(Set.of("A", "B"));
        assertThat(outputs()).isEqualTo(AB_OUTPUTS);
    }

    @Test
    void aNewNameRebuildsTheProfileUnderIt() {
        SyncProfileComponent c = activate(ProfileConfigs.file("old", "pvs", "A, B"));
        await().atMost(WAIT).until(() -> publisher.has("SYNCPROFILE:old:QueuedUpdates") && outputs().equals(AB_OUTPUTS));
        Map<String, Object> renamed = ProfileConfigs.file("old", "pvs", "A, B", "name", "new");
        c.modified(ProfileConfigs.config(renamed), renamed);
        await().atMost(WAIT).until(() -> publisher.has("SYNCPROFILE:new:QueuedUpdates") && outputs().equals(AB_OUTPUTS));
        assertThat(publisher.has("SYNCPROFILE:old:QueuedUpdates")).isFalse();
        assertThat(publisher.closed).contains("SYNCPROFILE:old:QueuedUpdates", "A:AvgFreq");
        assertThat(registry.get("old")).isEmpty();
        assertThat(registry.get("new")).isPresent();
        assertThat(state("org.syncscope.syncprofile~old").name()).isEqualTo("new");
    }

    @Test
    void aSecondConfigurationOfARunningNameIsRefusedNamingTheFirst() {
        activate(ProfileConfigs.file("one", "pvs", "A, B"));
        await().atMost(WAIT).until(() -> outputs().equals(AB_OUTPUTS));
        activate(ProfileConfigs.file("two", "pvs", "C, D", "name", "one"));
        ProfileState s = state("org.syncscope.syncprofile~two");
        assertThat(s.state()).isEqualTo(State.REFUSED);
        assertThat(s.reason()).isEqualTo("configuration refused: a sync profile named one is already running "
                + "(etc/org.syncscope.syncprofile-one.cfg)");
        assertThat(source.subscribed()).isEqualTo(Set.of("A", "B"));
        assertThat(outputs()).isEqualTo(AB_OUTPUTS);
    }

    /**
     * The leak of the issue (2 subscriptions became 4, 15 PVs 30): a second configuration of the
     * same name started while the first was still being built. The first keeps the name; nothing
     * of the second is built.
     */
    @Test
    void aDuplicateNameStartedWhileTheFirstIsBuildingLeavesNothing() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blockOnce = new AtomicBoolean(true);
        FakePvs.Publisher slow = new FakePvs.Publisher() {
            @Override
            public PublishedPv publish(PvSpec spec) {
                if (spec.name().startsWith("SYNCPROFILE:") && blockOnce.compareAndSet(true, false)) {
                    reached.countDown();
                    try {
                        release.await(SyncProfile.ANSWER_MILLIS / 2, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.publish(spec);
            }
        };
        // both start from a refused configuration, so source and publisher are bound when they build
        Map<String, Object> firstBad = ProfileConfigs.file("first", "pvs", "A, B", "window", "0");
        Map<String, Object> secondBad = ProfileConfigs.file("second", "pvs", "C, D", "name", "first", "window", "0");
        SyncProfileComponent first = ProfileConfigs.activate(registry, firstBad);
        SyncProfileComponent second = ProfileConfigs.activate(registry, secondBad);
        active.add(first);
        active.add(second);
        for (SyncProfileComponent c : new SyncProfileComponent[] {first, second}) {
            c.bindSource(source);
            c.bindPublisher(slow);
        }
        Map<String, Object> firstGood = ProfileConfigs.file("first", "pvs", "A, B");
        Thread building = new Thread(() -> first.modified(ProfileConfigs.config(firstGood), firstGood));
        building.start();
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> secondGood = ProfileConfigs.file("second", "pvs", "C, D", "name", "first");
        second.modified(ProfileConfigs.config(secondGood), secondGood);
        release.countDown();
        building.join(10_000);

        assertThat(source.subscribed()).isEqualTo(Set.of("A", "B"));
        assertThat(slow.posts.keySet().stream().filter(n -> !n.startsWith("SYNCPROFILE:")))
                .containsExactlyInAnyOrderElementsOf(AB_OUTPUTS);
        assertThat(state("org.syncscope.syncprofile~first").state()).isEqualTo(State.RUNNING);
        assertThat(state("org.syncscope.syncprofile~second").state()).isEqualTo(State.REFUSED);
    }

    @Test
    void deactivateReturnsWhenTheProfileThreadIsStuck() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean stuck = new AtomicBoolean();
        FakePvs.Publisher hanging = new FakePvs.Publisher() {
            @Override
            public PublishedPv publish(PvSpec spec) {
                PublishedPv pv = super.publish(spec);
                return new PublishedPv() {
                    @Override
                    public PvSpec spec() {
                        return pv.spec();
                    }

                    @Override
                    public void post(org.syncscope.api.pv.PvValue value, long t, org.syncscope.api.pv.AlarmSeverity s,
                                     org.syncscope.api.pv.AlarmStatus a) {
                        pv.post(value, t, s, a);
                    }

                    @Override
                    public int subscriberCount() {
                        return 0;
                    }

                    @Override
                    public void close() {
                        stuck.set(true);
                        try {
                            never.await();   // a close that never returns, e.g. a dead client socket
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
            }
        };
        SyncProfileComponent c = ProfileConfigs.activate(registry, ProfileConfigs.file("stuck", "pvs", "A"));
        c.bindSource(source);
        c.bindPublisher(hanging);
        await().atMost(WAIT).until(() -> hanging.has("A:AvgFreq"));
        Thread deactivating = new Thread(c::deactivate);
        deactivating.start();
        // bounded: the profile's answer time plus the wait for its thread, with room for a slow machine
        deactivating.join(SyncProfile.ANSWER_MILLIS + SyncProfileComponent.LANE_EXIT_MILLIS + 10_000);
        assertThat(stuck).isTrue();
        assertThat(deactivating.isAlive()).as("deactivate returned").isFalse();
        assertThat(registry.all()).isEmpty();
        never.countDown();
    }
}
