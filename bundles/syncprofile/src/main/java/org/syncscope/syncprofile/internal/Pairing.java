package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pairs of a profile's input PVs get time-difference statistics: the {@code pairs} key of
 * the profile's {@code .cfg}, parsed and checked (its PVs are checked against {@code pvs} by
 * {@link #layout} and {@link #check}).
 *
 * <ul>
 *   <li>{@code all} (the default): every pair, n(n−1)/2;</li>
 *   <li>{@code chain}: each PV with the next one in {@code pvs}, n−1;</li>
 *   <li>{@code reference:PV}: each other PV with PV, n−1;</li>
 *   <li>a list of pairs written as their output names, {@code A_vs_B, B_vs_C}, in either order.</li>
 * </ul>
 *
 * <p>Whatever the mode, a pair is named {@code A_vs_B} with A the PV listed first in {@code pvs}:
 * a pair keeps its name, and so its output PVs and statistics, when the mode changes.
 * Values are compared by mode and content ({@code equals}), so an edit of {@code pairs} alone is seen.
 */
public sealed interface Pairing permits Pairing.All, Pairing.Chain, Pairing.Reference, Pairing.Listed {

    /** Joins the two PVs of a pair in its output names. */
    String SEPARATOR = "_vs_";

    /** Every pair: the default, and what a profile did before the key existed. */
    Pairing ALL = new All();

    /** The prefix of the reference mode. */
    String REFERENCE = "reference:";

    /**
     * The pairs, as indices into {@code pvs}, in their order.
     *
     * @throws IllegalArgumentException starting {@code pairs: }, naming what does not match {@code pvs}
     */
    PairLayout layout(List<String> pvs);

    /**
     * Checks this pairing against {@code pvs} as {@link #layout} does, without building the layout
     * of the generated modes (all pairs of 10 000 PVs would be 50 million pairs).
     *
     * @throws IllegalArgumentException as {@link #layout}
     */
    void check(List<String> pvs);

    /** How many pairs {@link #layout} gives for valid {@code pvs}: a formula, for the heap estimate. */
    long count(List<String> pvs);

    /** As the console shows it: {@code all}, {@code chain}, {@code reference:PV}, {@code 3 listed}. */
    String label();

    /** The output name stem of the pair of {@code first} (listed first in {@code pvs}) and {@code second}. */
    static String name(String first, String second) {
        return first + SEPARATOR + second;
    }

    /**
     * Parses the {@code pairs} value as Karaf hands it over: one comma-separated string, or an array.
     * Null (no value at all) is {@code all}.
     *
     * @throws IllegalArgumentException starting {@code pairs: }, naming the value
     */
    static Pairing parse(String[] values) {
        if (values == null) {
            return ALL;
        }
        List<String> parts = ProfileSettings.splitList(values);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("pairs: the value is empty (use all, chain, reference:PV or a list "
                    + "of PV1_vs_PV2 pairs)");
        }
        if (parts.size() == 1) {
            String only = parts.get(0);
            if (only.equals("all")) {
                return ALL;
            }
            if (only.equals("chain")) {
                return new Chain();
            }
            if (only.startsWith(REFERENCE)) {
                String pv = only.substring(REFERENCE.length()).trim();
                if (pv.isEmpty()) {
                    throw new IllegalArgumentException("pairs: '" + only + "' names no PV (reference:PV, PV one "
                            + "of pvs)");
                }
                return new Reference(pv);
            }
            if (!only.contains(SEPARATOR)) {
                throw new IllegalArgumentException("pairs: '" + only + "' is not all, chain, reference:PV or a list "
                        + "of PV1_vs_PV2 pairs");
            }
        }
        for (String part : parts) {
            if (!part.contains(SEPARATOR)) {
                throw new IllegalArgumentException("pairs: '" + part + "' in the list is not a PV1_vs_PV2 pair (a "
                        + "list holds pairs only; all, chain and reference:PV stand alone)");
            }
        }
        return new Listed(parts);
    }

    /** Every pair (i, j), i before j in {@code pvs}, in the order i, then j. */
    record All() implements Pairing {

        /** The most PVs whose pairs an int indexes: 65 536 PVs are 2 147 450 880 pairs. */
        static final int MAX_PVS = 65_536;

        @Override
        public PairLayout layout(List<String> pvs) {
            check(pvs);
            return PairLayout.all(pvs.size());
        }

        @Override
        public void check(List<String> pvs) {
            if (pvs.size() > MAX_PVS) {
                throw new IllegalArgumentException("pairs: all pairs of " + pvs.size() + " PVs are "
                        + count(pvs) + " pairs, more than a profile can index (at most " + MAX_PVS + " PVs); "
                        + "use chain, reference:PV or a list");
            }
        }

        @Override
        public long count(List<String> pvs) {
            long n = pvs.size();
            return n * (n - 1) / 2;
        }

        @Override
        public String label() {
            return "all";
        }
    }

    /** Each PV with the next one in {@code pvs}. */
    record Chain() implements Pairing {

        @Override
        public PairLayout layout(List<String> pvs) {
            return PairLayout.chain(pvs.size());
        }

        @Override
        public void check(List<String> pvs) {
            // any list of PVs makes a chain (fewer than two: no pair)
        }

        @Override
        public long count(List<String> pvs) {
            return Math.max(0, pvs.size() - 1);
        }

        @Override
        public String label() {
            return "chain";
        }
    }

    /** Each other PV with {@code pv}, which must be one of {@code pvs}. */
    record Reference(String pv) implements Pairing {

        @Override
        public PairLayout layout(List<String> pvs) {
            return PairLayout.reference(pvs.size(), index(pvs));
        }

        @Override
        public void check(List<String> pvs) {
            index(pvs);
        }

        private int index(List<String> pvs) {
            int r = pvs.indexOf(pv);
            if (r < 0) {
                throw new IllegalArgumentException("pairs: 'reference:" + pv + "' names " + pv
                        + ", which is not in pvs");
            }
            return r;
        }

        @Override
        public long count(List<String> pvs) {
            return Math.max(0, pvs.size() - 1);
        }

        @Override
        public String label() {
            return REFERENCE + pv;
        }
    }

    /**
     * Pairs listed by their output names, in either order; the layout keeps the listed order.
     *
     * @param entries the pairs as written, trimmed
     */
    record Listed(List<String> entries) implements Pairing {

        public Listed {
            entries = List.copyOf(entries);
        }

        @Override
        public PairLayout layout(List<String> pvs) {
            Map<String, Integer> index = new HashMap<>(pvs.size() * 2);
            for (int i = 0; i < pvs.size(); i++) {
                index.put(pvs.get(i), i);
            }
            int[] a = new int[entries.size()];
            int[] b = new int[entries.size()];
            for (int p = 0; p < entries.size(); p++) {
                long pair = resolve(entries.get(p), index);
                int x = (int) (pair >>> 32);
                int y = (int) pair;
                if (x == y) {
                    throw new IllegalArgumentException("pairs: '" + entries.get(p) + "' pairs " + pvs.get(x)
                            + " with itself");
                }
                a[p] = Math.min(x, y);
                b[p] = Math.max(x, y);
            }
            return PairLayout.listed(pvs.size(), a, b, (p, earlier) -> new IllegalArgumentException("pairs: '"
                    + entries.get(p) + "' is the pair " + entries.get(earlier) + " listed again"));
        }

        @Override
        public void check(List<String> pvs) {
            layout(pvs);   // as cheap as the list is long
        }

        /**
         * The two indices into {@code pvs} of a written pair, packed as (first &lt;&lt; 32 | second):
         * the one split at an {@code _vs_} whose both sides are PVs of {@code pvs} (a PV name may
         * itself hold {@code _vs_}).
         */
        private static long resolve(String entry, Map<String, Integer> index) {
            List<Integer> at = new ArrayList<>();
            for (int k = entry.indexOf(SEPARATOR); k >= 0; k = entry.indexOf(SEPARATOR, k + 1)) {
                at.add(k);
            }
            long found = -1;
            int foundAt = -1;
            for (int k : at) {
                Integer x = index.get(entry.substring(0, k));
                Integer y = index.get(entry.substring(k + SEPARATOR.length()));
                if (x != null && y != null) {
                    if (foundAt >= 0) {
                        throw new IllegalArgumentException("pairs: '" + entry + "' is ambiguous: "
                                + entry.substring(0, foundAt) + " with " + entry.substring(foundAt + SEPARATOR.length())
                                + ", or " + entry.substring(0, k) + " with " + entry.substring(k + SEPARATOR.length())
                                + " (both splits name two PVs of pvs)");
                    }
                    found = ((long) x << 32) | y;
                    foundAt = k;
                }
            }
            if (foundAt >= 0) {
                return found;
            }
            if (at.size() == 1) {
                int k = at.get(0);
                List<String> missing = new ArrayList<>();
                for (String side : new String[] {entry.substring(0, k), entry.substring(k + SEPARATOR.length())}) {
                    if (!index.containsKey(side)) {
                        missing.add(side.isEmpty() ? "''" : side);
                    }
                }
                throw new IllegalArgumentException("pairs: '" + entry + "' names " + String.join(" and ", missing)
                        + (missing.size() == 1 ? ", which is" : ", which are") + " not in pvs");
            }
            throw new IllegalArgumentException("pairs: '" + entry + "' is not two PVs of pvs joined by _vs_");
        }

        @Override
        public long count(List<String> pvs) {
            return entries.size();
        }

        @Override
        public String label() {
            return entries.size() + " listed";
        }
    }
}
