package org.syncscope.ptpcheck.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.ptpcheck.Convergence;
import org.syncscope.ptpcheck.HostView;

/**
 * The words ptp:check prints. English by default; {@code --lang ja} prints the labels of the
 * site's original tool (which called the host "Ubuntu").
 */
public enum Labels {
    EN("=== Cameras ===", "Waiting for PTP convergence (max %d s)...", "=== Host PTP status ===",
            "=== Camera PTP status ===", "=== Verdict ===", "Host", "✅ PTP sync OK", "❌ PTP sync NOT converged"),
    JA("=== 接続カメラ一覧 ===", "PTP 収束待ち中…（最大 %d 秒）", "=== Ubuntu PTP 状態 ===",
            "=== カメラ PTP ステータス ===", "=== 総合判定 ===", "Ubuntu", "✅ PTP同期 OK", "❌ PTP同期 NG");

    final String cameras;
    final String waiting;
    final String host;
    final String cameraStatus;
    final String verdict;
    final String hostName;
    final String ok;
    final String notOk;

    Labels(String cameras, String waiting, String host, String cameraStatus, String verdict, String hostName,
           String ok, String notOk) {
        this.cameras = cameras;
        this.waiting = waiting;
        this.host = host;
        this.cameraStatus = cameraStatus;
        this.verdict = verdict;
        this.hostName = hostName;
        this.ok = ok;
        this.notOk = notOk;
    }

    /** "en" or "ja" (case-insensitive); anything else is refused, naming it. */
    public static Labels of(String lang) {
        return switch (lang == null ? "en" : lang.trim().toLowerCase(Locale.ROOT)) {
            case "en", "" -> EN;
            case "ja" -> JA;
            default -> throw new IllegalArgumentException("--lang '" + lang + "': en or ja");
        };
    }

    /** What to look at when {@code v} is not converged, most likely cause first. */
    public List<String> hints(Convergence v, HostView host) {
        List<String> hints = new ArrayList<>();
        if (host.status().isEmpty()) {
            hints.add(hintHostUnavailable(host.error()));
        }
        v.unsettledHost().ifPresent(r -> hints.add(hintHostUnsettled(r)));
        if (v.masters() > 1) {
            hints.add(hintSeveralMasters(v.masters(), String.join(", ", v.masterNames())));
        }
        if (v.masters() == 0) {
            hints.add(hintNoMaster());
        }
        if (!v.unsettled().isEmpty()) {
            hints.add(hintUnsettled(String.join(", ", v.unsettled())));
        }
        if (v.slaves() == 0) {
            hints.add(hintNoSlave());
        }
        hints.add(hintNetwork());
        return hints;
    }

    String hintHostUnavailable(String error) {
        return this == JA ? "Ubuntu 側の PTP 状態取得失敗: " + error + "（ptp4l が動作し /var/run/ptp4l にソケットがあるか確認）"
                : "host PTP status unavailable: " + error + " (is ptp4l running, and its socket where the pmc adapter looks?)";
    }

    /** The host is read and is neither grandmaster nor slave: which role, and what it means. */
    String hintHostUnsettled(HostPtpRole role) {
        return this == JA ? "Ubuntu 側が未収束: " + role.displayName() + "：" + roleMeaning(role)
                : "host not settled: " + role.displayName() + ", " + roleMeaning(role);
    }

    /** What a host role means for the host, and what to do about it: {@link HostPtpRole#meaning()}, or its Japanese. */
    public String roleMeaning(HostPtpRole role) {
        if (this == JA) {
            return switch (role) {
                case GRANDMASTER -> "このホストがグランドマスターです";
                case SLAVE -> "他のクロックをグランドマスターとして追従しています";
                case UNCALIBRATED -> "ポートはマスターを選びましたが、まだ同期していません（数秒待ってください）";
                case PRE_MASTER -> "ポートがマスターになる準備中です（Announce 間隔の数回分待ってください）";
                case LISTENING -> "ポートが Announce メッセージを待っています：ptp4l が起動直後か、マスターがいなくなりました";
                case INITIALIZING -> "ptp4l がポートを初期化中です";
                case PASSIVE -> "より良いマスターがネットワークにあり、clockClass ≤ 127 のこのクロックはマスターかパッシブにしか"
                        + "なれずスレーブになりません：時刻を送りも追従もせず、オフセットが止まっています"
                        + "（ptp4l の clockClass を 248 にするか、このクロックを最良にしてください）";
                case FAULTY -> "PTP ポートが故障状態です。多くはリンクダウンです（ケーブルと ip link を確認）";
                case DISABLED -> "ptp4l の PTP ポートがすべて無効です";
            };
        }
        return role.meaning();
    }

    String hintSeveralMasters(int n, String who) {
        return this == JA ? "Master が複数 (" + n + ": " + who + ")：BMCA で複数のクロックが勝っています。priority1/ドメイン設定を確認"
                : "several Masters (" + n + ": " + who + "): more than one clock wins the BMCA; check priority1 and "
                        + "the PTP domain so that exactly one grandmaster wins";
    }

    String hintNoMaster() {
        return this == JA ? "Master がいません：ホストの ptp4l がグランドマスターか、PTP ドメインが一致しているか確認"
                : "no Master: is the host's ptp4l the grandmaster, and do host and cameras use the same PTP domain?";
    }

    String hintUnsettled(String which) {
        return this == JA ? "未収束のカメラ: " + which : "cameras not settled: " + which;
    }

    String hintNoSlave() {
        return this == JA ? "Slave がいません：カメラがマスターのアナウンスを受信できていません"
                : "no Slave: the cameras do not hear the master's announce messages";
    }

    String hintNetwork() {
        return this == JA ? "ネットワーク：スイッチの PTP 透過性（トランスペアレント/バウンダリクロック）、IGMP/マルチキャスト (224.0.1.129) を確認"
                : "network: check the switch's PTP transparency (transparent/boundary clock) and IGMP snooping / "
                        + "multicast to 224.0.1.129";
    }
}
