package org.syncscope.screens.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/**
 * The screen of one running sync profile, from its summary (prefix, pair count) and a status
 * bounded to the pairs shown: a row per input with its five frequency outputs, a row per pair
 * (at most {@link ScreenSettings#maxPairs()}) with its five difference outputs, a strip chart of
 * the first pairs' CurrentDiff, the worst pairs, the health PVs, and the whole profile as the
 * pvAccess table. Channel Access names are written plain (Phoebus' default protocol), the table
 * with {@code pva://}.
 */
final class ProfileScreen {

    static final String HEALTH = "SYNCPROFILE:";
    static final List<String> FREQ = List.of("InstantFreq", "AvgFreq", "MinFreq", "MaxFreq", "StdFreq");
    static final List<String> DIFF = List.of("CurrentDiff", "AvgDiff", "MinDiff", "MaxDiff", "StdDiff");
    static final List<String> HEALTH_PVS = List.of("QueuedUpdates", "DroppedUpdates", "ProcessedUpdates", "LatencyP50",
            "LatencyP99");
    static final int WORST = 10;

    private static final int ROW = 24;
    private static final int NAME_WIDTH = 300;
    private static final int VALUE_WIDTH = 110;
    private static final int WIDTH = 20 + NAME_WIDTH + 5 * (VALUE_WIDTH + 5) + 20;

    private ProfileScreen() {
    }

    static String generate(ProfileSummary summary, ProfileStatus status, ScreenSettings settings) {
        String name = summary.name();
        String prefix = summary.prefix();
        String base = HEALTH + name + ":";
        List<XmlNode> widgets = new ArrayList<>();
        int y = 10;
        widgets.add(Bob.title("title", 10, y, WIDTH - 20, 36, "Sync profile " + name));
        y += 40;
        List<ProfileStatus.Pair> pairs = status.pairs().subList(0, Math.min(status.pairs().size(), settings.maxPairs()));
        widgets.add(Bob.label("subtitle", 10, y, WIDTH - 20, 20, status.inputs().size() + " PVs, " + summary.pairs() + " pairs ("
                + summary.pairing() + ")" + (prefix.isEmpty() ? "" : ", prefix " + prefix) + "; "
                + (pairs.size() < summary.pairs() ? "the first " + pairs.size() + " pairs shown, the table has up to 1000"
                        : "every pair shown")));
        y += 30;

        XmlNode inputs = rows("Inputs", y, "Input PV", List.of("Instant Hz", "Avg Hz", "Min Hz", "Max Hz", "Std Hz"),
                status.inputs().stream().map(ProfileStatus.Input::name).toList(), prefix, FREQ, "input");
        widgets.add(inputs);
        y += height(status.inputs().size()) + 10;

        if (!pairs.isEmpty()) {
            widgets.add(rows("Pairs", y, "Pair", List.of("Current s", "Avg s", "Min s", "Max s", "Std s"),
                    pairs.stream().map(ProfileStatus.Pair::name).toList(), prefix, DIFF, "pair"));
            y += height(pairs.size()) + 10;
            List<String> charted = pairs.stream().limit(settings.chartPairs()).map(p -> prefix + p.name() + ":CurrentDiff").toList();
            if (!charted.isEmpty()) {
                widgets.add(Bob.stripchart("current_diff_chart", 10, y, WIDTH - 20, 260, "CurrentDiff (s)", charted));
                y += 270;
            }
        }

        int half = (WIDTH - 30) / 2;
        // Phoebus shows a group's name as its title
        XmlNode worst = Bob.group("Worst pairs by |AvgDiff|", 10, y, half, 60 + (WORST + 2) * ROW);
        for (int k = 1; k <= WORST; k++) {
            worst.add(Bob.label("worst_rank_" + k, 5, (k - 1) * ROW, 30, 20, Integer.toString(k)));
            worst.add(Bob.textUpdate("worst_pair_" + k, 40, (k - 1) * ROW, half - 60, 20, base + "WorstAvgPair" + k));
        }
        int wy = WORST * ROW;
        worst.add(Bob.label("worst_avg_label", 5, wy, 120, 20, "AvgDiff (s)"));
        worst.add(Bob.textUpdate("worst_avg_diff", 130, wy, half - 150, 20, base + "WorstAvgDiff"));
        worst.add(Bob.label("largest_current_label", 5, wy + ROW, 120, 20, "Largest Current"));
        worst.add(Bob.textUpdate("largest_current_pair", 130, wy + ROW, half - 260, 20, base + "LargestCurrentPair"));
        worst.add(Bob.textUpdate("largest_current_diff", half - 125, wy + ROW, 105, 20, base + "LargestCurrentDiff"));
        widgets.add(worst);

        XmlNode health = Bob.group("Health", 20 + half, y, half, 60 + HEALTH_PVS.size() * ROW);
        for (int k = 0; k < HEALTH_PVS.size(); k++) {
            String pv = HEALTH_PVS.get(k);
            health.add(Bob.label("health_label_" + pv, 5, k * ROW, 160, 20, pv));
            health.add(Bob.textUpdate("health_" + pv, 170, k * ROW, half - 190, 20, base + pv));
        }
        widgets.add(health);
        y += 60 + (WORST + 2) * ROW + 10;

        widgets.add(Bob.label("table_label", 10, y, WIDTH - 20, 20, "The whole profile (pvAccess NTTable)"));
        y += 24;
        widgets.add(Bob.table("profile_table", 10, y, WIDTH - 20, 300, "pva://" + base + "Table"));
        y += 310;

        Bob bob = new Bob("Sync profile " + name, WIDTH, y, Map.of());
        Bob.Parent display = bob.display();
        widgets.forEach(display::add);
        return bob.xml();
    }

    private static int height(int rows) {
        return 60 + (rows + 1) * ROW;
    }

    /** A group of a header row and a row per name: its label and the five outputs {@code prefix + name + ":" + field}. */
    private static XmlNode rows(String group, int y, String first, List<String> headers, List<String> names, String prefix,
                                List<String> fields, String widgetPrefix) {
        XmlNode g = Bob.group(group, 10, y, WIDTH - 20, height(names.size()));
        g.add(Bob.label(widgetPrefix + "_header", 5, 0, NAME_WIDTH, 20, first));
        for (int f = 0; f < fields.size(); f++) {
            g.add(Bob.label(widgetPrefix + "_header_" + fields.get(f), 10 + NAME_WIDTH + f * (VALUE_WIDTH + 5), 0, VALUE_WIDTH, 20,
                    headers.get(f)));
        }
        for (int r = 0; r < names.size(); r++) {
            int ry = (r + 1) * ROW;
            g.add(Bob.label(widgetPrefix + "_" + r, 5, ry, NAME_WIDTH, 20, names.get(r)));
            for (int f = 0; f < fields.size(); f++) {
                g.add(Bob.textUpdate(widgetPrefix + "_" + r + "_" + fields.get(f), 10 + NAME_WIDTH + f * (VALUE_WIDTH + 5), ry,
                        VALUE_WIDTH, 20, prefix + names.get(r) + ":" + fields.get(f)));
            }
        }
        return g;
    }
}
