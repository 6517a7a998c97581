package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.ptpcheck.Timestat;
import org.syncscope.ptpcheck.command.TimestatPrinter;

class TimestampAlignmentTest {

    private static final long T = 1_759_801_914_897_358_848L;
    private final List<String> log = ScriptedCamera.newLog();
    private final ManualTicker ticker = new ManualTicker();

    /** The reference output's four cameras: deltas −1.631232, −0.638208, 0.638208, 1.601536 ms around T. */
    private List<Camera> fourCameras() {
        return List.of(ScriptedCamera.slave("05520125", log, T - 1_631_232), ScriptedCamera.slave("05520126", log, T - 638_208),
                ScriptedCamera.slave("05520128", log, T + 638_208), ScriptedCamera.slave("05520129", log, T + 1_601_536));
    }

    private Timestat.Result run(List<Camera> cams, Timestat.Options o, StringBuilder printed)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TimestatPrinter p = new TimestatPrinter(out, o.assumeRealtime(), o.samples() == 1);
        Timestat.Result r = new TimestampAlignment(ticker, () -> T).run(cams, o, p::sample);
        p.summary(r);
        printed.append(bytes.toString(StandardCharsets.UTF_8));
        return r;
    }

    @Test
    void referenceOutputWithinTheDefaultThreshold() throws Exception {
        StringBuilder out = new StringBuilder();
        Timestat.Result r = run(fourCameras(), new Timestat.Options(1, 0, 100_000_000, 60, false), out);
        assertThat(r.exitCode()).isEqualTo(Timestat.ALL_WITHIN);
        assertThat(r.samples().get(0).medianNs()).isEqualTo(T);
        assertThat(out.toString()).contains("[Sample 1]",
                "serial=05520125, camera_time_ns=" + (T - 1_631_232) + ", delta_to_median_ms=-1.631232, verdict=OK",
                "serial=05520128, camera_time_ns=" + (T + 638_208) + ", delta_to_median_ms= 0.638208, verdict=OK");
        assertThat(out.toString()).doesNotContain("Statistics");
        // every latch before the first read
        assertThat(log.indexOf("read 05520125")).isGreaterThan(log.lastIndexOf("latch 05520129"));
        // the printed lines parse back to the exact numbers
        Matcher m = Pattern.compile("serial=(\\S+), camera_time_ns=(\\d+), delta_to_median_ms=\\s?(-?[\\d.]+), verdict=(OK|NG)")
                .matcher(out);
        List<Long> deltas = new ArrayList<>();
        while (m.find()) {
            deltas.add(new java.math.BigDecimal(m.group(3)).movePointRight(6).longValueExact());
            assertThat(Long.parseLong(m.group(2)) - T).isEqualTo(deltas.get(deltas.size() - 1));
        }
        assertThat(deltas).containsExactly(-1_631_232L, -638_208L, 638_208L, 1_601_536L);
    }

    @Test
    void overTheThresholdIsNgAndExitStatus2() throws Exception {
        StringBuilder out = new StringBuilder();
        Timestat.Result r = run(fourCameras(), new Timestat.Options(1, 0, 1_000_000, 60, true), out);
        assertThat(r.exitCode()).isEqualTo(Timestat.OVER_THRESHOLD);
        assertThat(out.toString()).contains("delta_to_median_ms=-1.631232, verdict=NG, delta_to_host_realtime_ms=-1.631232",
                "delta_to_median_ms=-0.638208, verdict=OK", "delta_to_median_ms= 1.601536, verdict=NG");
        Timestat.Result exact = run(fourCameras(), new Timestat.Options(1, 0, 1_631_232, 60, false),
                new StringBuilder());
        assertThat(exact.exitCode()).as("|delta| equal to the threshold is OK").isEqualTo(Timestat.ALL_WITHIN);
    }

    @Test
    void statisticsOverSeveralSamples() throws Exception {
        // camera A: deltas +300, -100, +400 (ns) around the median; B mirrors it; C sits on the median
        List<Camera> cams = List.of(ScriptedCamera.slave("A", log, T + 300, T - 100, T + 400),
                ScriptedCamera.slave("B", log, T - 300, T + 100, T - 400), ScriptedCamera.slave("C", log, T, T, T));
        StringBuilder out = new StringBuilder();
        Timestat.Result r = run(cams, new Timestat.Options(3, 200, 350, 60, false), out);
        assertThat(ticker.slept).isEqualTo(400);
        Timestat.CameraStats a = r.stats().get(0);
        assertThat(a.meanDeltaNs()).isEqualTo(200);   // 600 / 3
        assertThat(a.stddevNs()).isEqualTo(216);      // sqrt((100² + 300² + 200²) / 3) = 216.02
        assertThat(a.maxAbsDeltaNs()).isEqualTo(400);
        assertThat(a.ok()).isFalse();
        assertThat(r.stats().get(1).meanDeltaNs()).isEqualTo(-200);
        assertThat(r.stats().get(2)).isEqualTo(new Timestat.CameraStats("C", 0, 0, 0, true));
        assertThat(r.maxAbsDeltaNs()).isEqualTo(400);
        assertThat(r.exitCode()).isEqualTo(Timestat.OVER_THRESHOLD);
        assertThat(out.toString()).contains("=== Statistics ===",
                "serial=A, mean_delta_ns=200, stddev_ns=216, max_abs_delta_ns=400, verdict=NG",
                "serial=C, mean_delta_ns=0, stddev_ns=0, max_abs_delta_ns=0, verdict=OK", "Max_abs_delta_ns=400");
    }

    @Test
    void medianInIntegerNanoseconds() {
        assertThat(TimestampAlignment.median(new long[] {5, 1, 3})).isEqualTo(3);
        assertThat(TimestampAlignment.median(new long[] {4, 1, 3, 2})).isEqualTo(2);   // (2 + 3) / 2 floored
        assertThat(TimestampAlignment.median(new long[] {-3, -2})).isEqualTo(-3);       // -2.5 floored
        assertThat(TimestampAlignment.median(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 2})).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(TimestampAlignment.median(new long[] {T, T + 1})).isEqualTo(T);
    }

    @Test
    void aCameraFailureOrTheDeadlineIsFatal() {
        ScriptedCamera bad = ScriptedCamera.slave("BAD", log, T);
        bad.failLatch = true;
        assertThatThrownBy(() -> run(List.of(ScriptedCamera.slave("OK1", log, T), bad),
                new Timestat.Options(1, 0, 100, 60, false), new StringBuilder()))
                .isInstanceOf(Timestat.FatalException.class)
                .hasMessage("latching camera BAD failed: camera BAD TimestampLatch: device not responding");
        assertThatThrownBy(() -> run(fourCameras(), new Timestat.Options(5, 30_000, 100, 60, false),
                new StringBuilder())).hasMessage("timed out after 60 s, before sample 4 of 5");
        assertThatThrownBy(() -> new Timestat.Options(0, 0, 1, 1, false)).hasMessageContaining("--samples 0");
    }
}
