package org.syncscope.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.bundle.core.BundleService;
import org.apache.karaf.bundle.core.BundleState;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Conditional;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The shipped server boots cleanly: our bundles active, nothing failed, the demo site installed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerBootIT {

    static final int CA_PORT = 25074;

    @Inject
    private BootFinished bootFinished;

    @Inject
    private BundleContext context;

    @Inject
    private BundleService bundleService;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return SyncscopeServer.options(SyncscopeServer.channelAccessOn(CA_PORT));
    }

    @Test
    public void everySyncscopeBundleIsActive() {
        List<Bundle> ours = syncscopeBundles();
        assertTrue("org.syncscope.api is installed", ours.stream()
                .anyMatch(b -> b.getSymbolicName().equals("org.syncscope.api")));
        for (Bundle b : ours) {
            assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
        }
    }

    @Test
    public void everySyncscopeBundleOfTheBootedFeaturesIsInstalledUnderItsOwnName() throws Exception {
        Set<String> expected = new TreeSet<>();
        // the demo site, the optional capabilities booted beside it and the server's own
        // syncscope-cfgprune (featuresBoot)
        for (Feature booted : features.listRequiredFeatures()) {
            if (booted.getName().startsWith("syncscope-")) {
                collectSyncscopeArtifacts(booted, expected);
            }
        }
        assertTrue("the booted features list Syncscope bundles: " + expected, expected.size() >= 5);
        Set<String> active = syncscopeBundles().stream().filter(b -> b.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals("Active Syncscope bundles (symbolic name = artifactId)", expected, active);
    }

    private void collectSyncscopeArtifacts(Feature feature, Set<String> into) throws Exception {
        for (BundleInfo bundle : feature.getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith("mvn:org.syncscope/")) {
                into.add(location.split("/")[1]);
            }
        }
        for (Dependency d : feature.getDependencies()) {
            Feature dep = features.getFeature(d.getName());
            if (dep != null) {
                collectSyncscopeArtifacts(dep, into);
            }
        }
        // e.g. camera-console under <conditional><condition>shell</condition>: installed when shell is
        for (Conditional conditional : feature.getConditional()) {
            if (conditionsHold(conditional)) {
                for (BundleInfo bundle : conditional.getBundles()) {
                    if (bundle.getLocation().startsWith("mvn:org.syncscope/")) {
                        into.add(bundle.getLocation().split("/")[1]);
                    }
                }
            }
        }
    }

    private boolean conditionsHold(Conditional conditional) throws Exception {
        for (String condition : conditional.getCondition()) {
            Feature required = features.getFeature(condition);
            if (required == null || !features.isInstalled(required)) {
                return false;
            }
        }
        return true;
    }

    @Test
    public void noBundleIsInstalledOnlyOrFailed() {
        for (Bundle b : context.getBundles()) {
            BundleState state = bundleService.getInfo(b).getState();
            assertFalse(b.getSymbolicName() + " is " + state,
                    state == BundleState.Installed || state == BundleState.Failure);
        }
    }

    @Test
    public void scrReportsNoUnsatisfiedSyncscopeComponent() throws InterruptedException {
        // configurations reach SCR asynchronously after boot: a component may need a moment
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> problems = unsatisfiedComponents();
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            problems = unsatisfiedComponents();
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    private List<String> unsatisfiedComponents() {
        List<String> problems = new ArrayList<>();
        Bundle[] ours = syncscopeBundles().toArray(new Bundle[0]);
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(ours)) {
            if (!scr.isComponentEnabled(description)) {
                problems.add(description.name + " is not enabled");
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                boolean satisfied = c.state == ComponentConfigurationDTO.ACTIVE
                        || c.state == ComponentConfigurationDTO.SATISFIED;
                if (!satisfied) {
                    problems.add(description.name + " is in SCR state " + c.state
                            + "; unsatisfied references: " + Arrays.toString(c.unsatisfiedReferences)
                            + (c.failure == null ? "" : "; failure: " + c.failure));
                }
            }
        }
        return problems;
    }

    @Test
    public void demoSiteFeatureIsInstalledAndListed() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("syncscope-demo-site")));
        String installed = execute("feature:list -i");
        assertTrue("feature:list -i shows the demo site:\n" + installed, installed.contains("syncscope-demo-site"));
        assertTrue("feature:list -i shows the api feature:\n" + installed, installed.contains("syncscope-api"));
        String bundles = execute("bundle:list -s");
        assertTrue("bundle:list shows org.syncscope.api Active:\n" + bundles, bundles.lines()
                .anyMatch(l -> l.contains("org.syncscope.api") && l.contains("Active")));
    }

    private List<Bundle> syncscopeBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.syncscope."))
                .collect(Collectors.toList());
    }

    private String execute(String command) throws Exception {
        return SyncscopeServer.execute(sessionFactory, command);
    }
}
