package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.command.CheckPrinter;
import org.syncscope.ptpcheck.command.Labels;
import org.syncscope.ptpcheck.CameraStatus;
import org.syncscope.ptpcheck.Convergence;

class ConvergenceCheckTest {

    private final List<String> log = ScriptedCamera.newLog();
    private final ManualTicker ticker = new ManualTicker();

    private CheckResult run(List<Camera> cameras, FixedHost host) throws Exception {
        return new ConvergenceCheck(ticker).run(cameras, host, 30_000, 500);
    }

    private static String print(CheckResult r, Labels labels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CheckPrinter p = new CheckPrinter(out, labels);
        p.cameras(r.cameras().stream().map(CameraStatus::info).toList(), 30);
        p.result(r);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hostGrandmasterAndSlaveCamerasConverge() throws Exception {
        List<Camera> cams = List.of(ScriptedCamera.slave("05520129", log), ScriptedCamera.slave("05520125", log),
                ScriptedCamera.slave("05520128", log), ScriptedCamera.slave("05520126", log));
        CheckResult r = run(cams, FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isTrue();
        assertThat(r.convergence().masters()).isEqualTo(1);
        assertThat(r.convergence().slaves()).isEqualTo(4);
        assertThat(ticker.slept).as("Listening, Uncalibrated, then Slave: two pauses").isEqualTo(1000);
        assertThat(log.subList(0, 4)).allMatch(l -> l.startsWith("enable "));
        String out = print(r, Labels.EN);
        assertThat(out).contains("[0] DFK 33GR0234 (05520129) [enp3s0]",
                "Waiting for PTP convergence (max 30 s)...",
                "Role=Grandmaster, stepsRemoved=0, offsetFromMaster=0.0, meanPathDelay=0.0, GrandmasterClockID=bcfce7.fffe.244daf",
                "[3] 05520126: PTP=Enabled, Status=Slave",
                "✅ PTP sync OK: Host=Grandmaster, Cameras=Slave");
        String ja = print(r, Labels.JA);
        assertThat(ja).contains("=== 接続カメラ一覧 ===", "PTP 収束待ち中…（最大 30 秒）", "=== Ubuntu PTP 状態 ===",
                "=== カメラ PTP ステータス ===", "=== 総合判定 ===", "✅ PTP同期 OK: Ubuntu=Grandmaster, Cameras=Slave");
    }

    @Test
    void camerasWithoutPtpShowNaAndDoNotBlock() throws Exception {
        ScriptedCamera none = new ScriptedCamera("NOPTP", PtpNode.NOT_AVAILABLE, List.of(), List.of(), log);
        CheckResult r = run(List.of(ScriptedCamera.slave("S1", log), none), FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isTrue();
        assertThat(print(r, Labels.EN)).contains("[1] NOPTP: PTP=N/A, Status=Unknown",
                "✅ PTP sync OK: Host=Grandmaster, Cameras=Slave×1, N/A×1");
    }

    @Test
    void twoMastersNeverConvergeAndSaySo() throws Exception {
        ScriptedCamera master = new ScriptedCamera("M1", PtpNode.PTP_ENABLE, List.of(CameraPtpState.MASTER), List.of(), log);
        CheckResult r = run(List.of(master, ScriptedCamera.slave("S1", log)), FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isFalse();
        assertThat(r.convergence().masters()).isEqualTo(2);
        assertThat(r.waitedMillis()).isGreaterThanOrEqualTo(30_000);
        assertThat(print(r, Labels.EN)).contains("❌ PTP sync NOT converged: Host=Grandmaster, Cameras=Master×1, Slave×1 "
                + "(Masters=2, Slaves=1, after 30.0 s)", "several Masters (2: host, M1)");
    }

    @Test
    void noMasterWhenTheHostCannotBeRead() throws Exception {
        CheckResult r = run(List.of(ScriptedCamera.slave("S1", log), ScriptedCamera.slave("S2", log)),
                FixedHost.failing("no ptp4l socket at /var/run/ptp4l"));
        assertThat(r.convergence().converged()).isFalse();
        assertThat(r.convergence().masters()).isZero();
        String out = print(r, Labels.EN);
        assertThat(out).contains("Role=Unknown (no ptp4l socket at /var/run/ptp4l)",
                "host PTP status unavailable: no ptp4l socket at /var/run/ptp4l", "no Master:",
                "IGMP snooping / multicast to 224.0.1.129");
        assertThat(print(r, Labels.JA)).contains("❌ PTP同期 NG", "Master がいません");
    }

    @Test
    void stuckListeningTimesOutNamingTheCamera() throws Exception {
        ScriptedCamera stuck = new ScriptedCamera("ST1", PtpNode.GEV_IEEE1588, List.of(CameraPtpState.LISTENING), List.of(), log);
        CheckResult r = run(List.of(stuck), FixedHost.grandmaster());
        assertThat(r.convergence().converged()).isFalse();
        assertThat(ticker.slept).isEqualTo(30_000);
        assertThat(print(r, Labels.EN)).contains("[0] ST1: PTP=Enabled, Status=Listening",
                "cameras not settled: ST1=Listening", "no Slave:");
    }

    /**
     * Issue 18: a host read as Faulty, Listening, Passive or Uncalibrated is counted neither as the
     * Master nor as a Slave, and the check fails on it though the cameras alone would converge.
     */
    @ParameterizedTest
    @EnumSource(value = HostPtpRole.class, names = {"LISTENING", "FAULTY", "PASSIVE", "UNCALIBRATED"})
    void anUnsettledHostIsNeitherMasterNorSlaveAndFailsTheCheck(HostPtpRole role) throws Exception {
        ScriptedCamera master = new ScriptedCamera("M1", PtpNode.PTP_ENABLE, List.of(CameraPtpState.MASTER), List.of(), log);
        CheckResult r = run(List.of(master, ScriptedCamera.slave("S1", log)), FixedHost.unsettled(role));
        Convergence v = r.convergence();
        assertThat(v.masterNames()).containsExactly("M1");
        assertThat(v.slaves()).as("S1 only").isEqualTo(1);
        assertThat(v.unsettledHost()).contains(role);
        assertThat(v.converged()).isFalse();
        String name = role.displayName();
        String out = print(r, Labels.EN);
        assertThat(out).contains("Role=" + name + ", stepsRemoved=",
                "❌ PTP sync NOT converged: Host=" + name + ", Cameras=Master×1, Slave×1 (Masters=1, Slaves=1, after 30.0 s)",
                "  - host not settled: " + name + ", " + Labels.EN.roleMeaning(role));
        assertThat(out).doesNotContain("PTP sync OK", "Role=Grandmaster", "Host=Grandmaster", "Role=Slave", "Host=Slave",
                "host PTP status unavailable");
        assertThat(print(r, Labels.JA)).contains("❌ PTP同期 NG: Ubuntu=" + name,
                "  - Ubuntu 側が未収束: " + name + "：" + Labels.JA.roleMeaning(role));
    }

    /** A ptp4l just restarted is Listening a few seconds: the check reads the host again while it polls. */
    @Test
    void aListeningHostThatBecomesGrandmasterConvergesBeforeTheTimeout() throws Exception {
        // Listening for 5 readings: before polling and at the first four polls; the camera is Slave from poll 3
        FixedHost host = FixedHost.listening().then(5, FixedHost.grandmaster());
        CheckResult r = run(List.of(ScriptedCamera.slave("S1", log)), host);
        assertThat(r.convergence().converged()).isTrue();
        assertThat(ticker.slept).as("converged at the fifth poll, not after 30 s").isEqualTo(2000);
        assertThat(host.readCount).as("before polling, at each of 5 polls, at the end").isEqualTo(7);
        assertThat(print(r, Labels.EN)).contains("✅ PTP sync OK: Host=Grandmaster, Cameras=Slave");
    }

    /** A host read as Slave or Grandmaster is not read again at each poll. */
    @Test
    void aSettledHostIsReadBeforeAndAfterPollingOnly() throws Exception {
        FixedHost host = FixedHost.grandmaster();
        ScriptedCamera stuck = new ScriptedCamera("ST1", PtpNode.GEV_IEEE1588, List.of(CameraPtpState.LISTENING), List.of(), log);
        run(List.of(stuck), host);
        assertThat(host.readCount).isEqualTo(2);
    }

    /** Each unsettled role's hint says what it means. */
    @Test
    void theHintsSayWhatEachRoleMeans() throws Exception {
        assertThat(Labels.EN.roleMeaning(HostPtpRole.FAULTY)).contains("link is down");
        assertThat(Labels.EN.roleMeaning(HostPtpRole.LISTENING)).contains("just started", "master went away");
        assertThat(Labels.EN.roleMeaning(HostPtpRole.PASSIVE)).contains("clockClass <= 127", "frozen");
        assertThat(Labels.EN.roleMeaning(HostPtpRole.UNCALIBRATED)).contains("not synchronised to it yet");
        assertThat(Labels.JA.roleMeaning(HostPtpRole.FAULTY)).contains("リンクダウン");
        CheckResult r = run(List.of(ScriptedCamera.slave("S1", log)), FixedHost.faulty());
        assertThat(r.convergence().masters()).as("a faulty host has stepsRemoved 0 and is still no Master").isZero();
        assertThat(print(r, Labels.EN)).contains("host not settled: Faulty, its PTP port is faulty, usually because the "
                + "link is down", "no Master:");
    }

    @Test
    void hostSlaveCountsAsSlave() throws Exception {
        ScriptedCamera master = new ScriptedCamera("M1", PtpNode.PTP_ENABLE, List.of(CameraPtpState.MASTER), List.of(), log);
        CheckResult r = run(List.of(master), FixedHost.slave());
        assertThat(r.convergence().converged()).isTrue();
        assertThat(print(r, Labels.EN)).contains("✅ PTP sync OK: Host=Slave, Cameras=Master");
    }
}
