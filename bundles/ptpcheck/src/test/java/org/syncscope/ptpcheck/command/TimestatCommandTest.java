package org.syncscope.ptpcheck.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.camera.sim.testing.SimCameras;
import org.syncscope.ptpcheck.testing.PtpChecks;

/** ptp:timestat runs on a grandmaster host only: the command itself, over the simulated cameras. */
class TimestatCommandTest {

    private final AtomicInteger opened = new AtomicInteger();
    private final CameraDriver sim = SimCameras.driver(Map.of("convergenceSeconds", 0.0), System::nanoTime);
    /** The simulated cameras, counting how many were opened. */
    private final CameraDriver counting = new CameraDriver() {
        @Override
        public String name() {
            return sim.name();
        }

        @Override
        public List<CameraInfo> enumerate() throws CameraException {
            return sim.enumerate();
        }

        @Override
        public Camera open(String serial) throws CameraException {
            opened.incrementAndGet();
            return sim.open(serial);
        }
    };
    private PtpChecks.Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private record Run(Object result, String output) {
    }

    private Run timestat(HostPtpRole role) throws Exception {
        running = PtpChecks.of(counting, PtpChecks.host(role));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Object result = new TimestatCommand(running.check()).execute();
            return new Run(result, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    /** Issue 18: a faulty or listening host port has stepsRemoved 0 as a grandmaster's has; timestat refuses. */
    @ParameterizedTest
    @EnumSource(value = HostPtpRole.class, names = {"LISTENING", "FAULTY", "PASSIVE", "UNCALIBRATED", "SLAVE"})
    void refusesEveryHostThatIsNotTheGrandmaster(HostPtpRole role) throws Exception {
        Run r = timestat(role);
        String name = role.displayName();
        assertThat(r.result()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("Ubuntu(host) PTP: role=" + name + ", gmClockID=",
                "ERROR: the host is not the PTP grandmaster: role " + name + ", ");
        assertThat(r.output()).doesNotContain("[Sample 1]");
        assertThat(opened).as("no camera opened").hasValue(0);
    }

    @Test
    void runsOnAGrandmasterHost() throws Exception {
        Run r = timestat(HostPtpRole.GRANDMASTER);
        assertThat(r.output()).contains("Ubuntu(host) PTP: role=Grandmaster, gmClockID=bcfce7.fffe.244daf", "[Sample 1]");
        assertThat(r.output()).doesNotContain("ERROR");
        assertThat(r.result()).as(r.output()).isIn(0, 2);
        assertThat(opened).hasPositiveValue();
    }
}
