package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pairs key parsed and checked, and its layouts against a brute-force enumeration of the pairs. */
class PairingTest {

    private static final List<String> ABCD = List.of("A", "B", "C", "D");

    private static List<String> pvs(int n) {
        return IntStream.range(0, n).mapToObj(i -> "PV" + i).toList();
    }

    private static Pairing parse(String... values) {
        return Pairing.parse(values);
    }

    /** The pairs (a, b), a < b, of a mode as the definition says, in its order: brute force over i < j. */
    private static List<int[]> expected(int n, java.util.function.BiPredicate<Integer, Integer> isPair) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (isPair.test(i, j)) {
                    out.add(new int[] {i, j});
                }
            }
        }
        return out;
    }

    /** Every accessor of the layout agrees with the expected pairs, in order. */
    private static void assertLayout(PairLayout layout, int n, List<int[]> pairs) {
        assertThat(layout.inputs()).isEqualTo(n);
        assertThat(layout.size()).isEqualTo(pairs.size());
        for (int p = 0; p < pairs.size(); p++) {
            assertThat(new int[] {layout.a(p), layout.b(p)}).as("pair %d", p).containsExactly(pairs.get(p));
        }
        for (int x = -1; x <= n; x++) {
            for (int y = -1; y <= n; y++) {
                int want = -1;
                for (int p = 0; p < pairs.size(); p++) {
                    int[] ab = pairs.get(p);
                    if ((ab[0] == x && ab[1] == y) || (ab[0] == y && ab[1] == x)) {
                        want = p;
                    }
                }
                assertThat(layout.indexOf(x, y)).as("indexOf(%d, %d)", x, y).isEqualTo(want);
            }
        }
        for (int k = 0; k < n; k++) {
            final int input = k;
            int[] want = IntStream.range(0, pairs.size())
                    .filter(p -> pairs.get(p)[0] == input || pairs.get(p)[1] == input).toArray();
            assertThat(layout.pairsOf(k)).as("pairsOf(%d)", k).containsExactly(want);
        }
    }

    @Test
    void allIsTheDefaultAndEveryPairInTheOrderOfPvs() {
        assertThat(Pairing.parse(null)).isEqualTo(Pairing.ALL);
        assertThat(parse("all")).isEqualTo(Pairing.ALL).extracting(Pairing::label).isEqualTo("all");
        PairLayout four = Pairing.ALL.layout(ABCD);
        assertThat(IntStream.range(0, four.size()).mapToObj(p -> four.name(p, ABCD)))
                .containsExactly("A_vs_B", "A_vs_C", "A_vs_D", "B_vs_C", "B_vs_D", "C_vs_D");
        for (int n = 0; n <= 9; n++) {
            assertLayout(Pairing.ALL.layout(pvs(n)), n, expected(n, (i, j) -> true));
            assertThat(Pairing.ALL.count(pvs(n))).isEqualTo(n * (n - 1) / 2);
        }
    }

    @Test
    void chainPairsEachPvWithTheNext() {
        Pairing chain = parse(" chain ");
        assertThat(chain.label()).isEqualTo("chain");
        PairLayout four = chain.layout(ABCD);
        assertThat(IntStream.range(0, four.size()).mapToObj(p -> four.name(p, ABCD)))
                .containsExactly("A_vs_B", "B_vs_C", "C_vs_D");
        for (int n = 0; n <= 9; n++) {
            assertLayout(chain.layout(pvs(n)), n, expected(n, (i, j) -> j == i + 1));
            assertThat(chain.count(pvs(n))).isEqualTo(Math.max(0, n - 1));
        }
    }

    @Test
    void referencePairsEveryOtherPvWithIt() {
        Pairing ref = parse("reference:C");
        assertThat(ref.label()).isEqualTo("reference:C");
        PairLayout four = ref.layout(ABCD);
        // named by the order in pvs, so C is second with A and B, first with D
        assertThat(IntStream.range(0, four.size()).mapToObj(p -> four.name(p, ABCD)))
                .containsExactly("A_vs_C", "B_vs_C", "C_vs_D");
        assertThat(parse("reference: DEMO:PV1").label()).isEqualTo("reference:DEMO:PV1");
        for (int n = 1; n <= 9; n++) {
            for (int r = 0; r < n; r++) {
                final int reference = r;
                Pairing p = parse("reference:PV" + r);
                assertLayout(p.layout(pvs(n)), n, expected(n, (i, j) -> i == reference || j == reference));
                assertThat(p.count(pvs(n))).isEqualTo(n - 1);
            }
        }
        assertThat(parse("reference:A").layout(List.of("A")).size()).isZero();
    }

    @Test
    void aListKeepsItsOrderAndNamesEachPairByTheOrderOfPvs() {
        Pairing listed = parse("D_vs_B, A_vs_C", "C_vs_D");
        assertThat(listed.label()).isEqualTo("3 listed");
        assertThat(listed.count(ABCD)).isEqualTo(3);
        PairLayout layout = listed.layout(ABCD);
        assertThat(IntStream.range(0, layout.size()).mapToObj(p -> layout.name(p, ABCD)))
                .containsExactly("B_vs_D", "A_vs_C", "C_vs_D");
        assertLayout(layout, 4, List.of(new int[] {1, 3}, new int[] {0, 2}, new int[] {2, 3}));
        // one entry is a list too, and a PV that is in no pair has none; in a table this small,
        // lookups of PV0 with others land on PV0_vs_PV1's slot and must look at both of its PVs
        PairLayout one = parse("PV1_vs_PV0").layout(pvs(12));
        assertLayout(one, 12, List.<int[]>of(new int[] {0, 1}));
    }

    @Test
    void aListOfManyPairsIsFoundThroughItsHashTable() {
        int n = 60;
        List<String> pvs = pvs(n);
        Random random = new Random(21);
        List<int[]> pairs = expected(n, (i, j) -> random.nextInt(3) == 0);
        Collections.shuffle(pairs, random);
        List<String> written = new ArrayList<>();
        for (int[] ab : pairs) {
            // half of them written second PV first
            written.add(random.nextBoolean() ? Pairing.name(pvs.get(ab[0]), pvs.get(ab[1]))
                    : Pairing.name(pvs.get(ab[1]), pvs.get(ab[0])));
        }
        Pairing listed = Pairing.parse(new String[] {String.join(",", written)});
        assertThat(listed.count(pvs)).isEqualTo(pairs.size());
        assertLayout(listed.layout(pvs), n, pairs);
    }

    @Test
    void aPvNameMayHoldVs() {
        List<String> pvs = List.of("X_vs_Y", "Z", "X");
        PairLayout layout = parse("Z_vs_X_vs_Y, X_vs_Y_vs_X").layout(pvs);
        assertThat(layout.name(0, pvs)).isEqualTo("X_vs_Y_vs_Z");
        assertThat(layout.name(1, pvs)).isEqualTo("X_vs_Y_vs_X");
        assertThat(layout.indexOf(0, 1)).isZero();
        assertThat(layout.indexOf(2, 0)).isOne();
        assertThat(layout.indexOf(1, 2)).isEqualTo(-1);
    }

    @Test
    void aSwitchOfModeKeepsTheNamesOfThePairsBothHave() {
        List<String> pvs = pvs(7);
        PairLayout all = Pairing.ALL.layout(pvs);
        for (Pairing other : List.of(parse("chain"), parse("reference:PV3"), parse("PV6_vs_PV2, PV0_vs_PV1"))) {
            PairLayout layout = other.layout(pvs);
            for (int p = 0; p < layout.size(); p++) {
                int same = all.indexOf(layout.a(p), layout.b(p));
                assertThat(layout.name(p, pvs)).isEqualTo(all.name(same, pvs));
            }
        }
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> parse("foo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pairs: 'foo' is not all, chain, reference:PV or a list of PV1_vs_PV2 pairs");
        assertThatThrownBy(() -> parse("All")).hasMessage("pairs: 'All' is not all, chain, reference:PV or a list "
                + "of PV1_vs_PV2 pairs");
        assertThatThrownBy(() -> parse("")).hasMessage("pairs: the value is empty (use all, chain, reference:PV "
                + "or a list of PV1_vs_PV2 pairs)");
        assertThatThrownBy(() -> parse(" , ")).hasMessageStartingWith("pairs: the value is empty");
        assertThatThrownBy(() -> parse("reference: ")).hasMessage("pairs: 'reference:' names no PV (reference:PV, "
                + "PV one of pvs)");
        assertThatThrownBy(() -> parse("A_vs_B, chain")).hasMessage("pairs: 'chain' in the list is not a "
                + "PV1_vs_PV2 pair (a list holds pairs only; all, chain and reference:PV stand alone)");
        assertThatThrownBy(() -> parse("all", "A_vs_B")).hasMessageStartingWith("pairs: 'all' in the list");
    }

    @Test
    void pairsThatDoNotMatchPvsAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> parse("reference:E").layout(ABCD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pairs: 'reference:E' names E, which is not in pvs");
        assertThatThrownBy(() -> parse("reference:E").check(ABCD))
                .hasMessage("pairs: 'reference:E' names E, which is not in pvs");
        assertThatThrownBy(() -> parse("A_vs_B, A_vs_E").layout(ABCD))
                .hasMessage("pairs: 'A_vs_E' names E, which is not in pvs");
        assertThatThrownBy(() -> parse("P_vs_Q").check(ABCD))
                .hasMessage("pairs: 'P_vs_Q' names P and Q, which are not in pvs");
        assertThatThrownBy(() -> parse("_vs_A").layout(ABCD))
                .hasMessage("pairs: '_vs_A' names '', which is not in pvs");
        assertThatThrownBy(() -> parse("A_vs_B_vs_C").layout(ABCD))
                .hasMessage("pairs: 'A_vs_B_vs_C' is not two PVs of pvs joined by _vs_");
        assertThatThrownBy(() -> parse("B_vs_B").layout(ABCD))
                .hasMessage("pairs: 'B_vs_B' pairs B with itself");
        assertThatThrownBy(() -> parse("A_vs_B, C_vs_D, B_vs_A").layout(ABCD))
                .hasMessage("pairs: 'B_vs_A' is the pair A_vs_B listed again");
        assertThatThrownBy(() -> parse("C_vs_D, C_vs_D").check(ABCD))
                .hasMessage("pairs: 'C_vs_D' is the pair C_vs_D listed again");
        List<String> tricky = List.of("A", "A_vs_B", "B", "B_vs_C", "C");
        assertThatThrownBy(() -> parse("A_vs_B_vs_C").layout(tricky))
                .hasMessage("pairs: 'A_vs_B_vs_C' is ambiguous: A with B_vs_C, or A_vs_B with C (both splits "
                        + "name two PVs of pvs)");
    }

    @Test
    void fewerThanTwoPvsGiveNoPairs() {
        for (Pairing p : List.of(Pairing.ALL, parse("chain"), parse("reference:A"))) {
            assertThat(p.layout(List.of("A")).size()).as(p.label()).isZero();
            assertThat(p.layout(List.of("A")).pairsOf(0)).isEmpty();
            assertThat(p.count(List.of("A"))).isZero();
        }
    }

    @Test
    void equalPairingsAreEqualAndADifferentOneIsNot() {
        assertThat(parse("chain")).isEqualTo(parse("chain")).hasSameHashCodeAs(parse("chain"))
                .isNotEqualTo(Pairing.ALL);
        assertThat(parse("reference:A")).isEqualTo(parse("reference:A")).isNotEqualTo(parse("reference:B"));
        assertThat(parse("A_vs_B, B_vs_C")).isEqualTo(parse("A_vs_B", "B_vs_C"))
                .hasSameHashCodeAs(parse("A_vs_B", "B_vs_C"))
                .isNotEqualTo(parse("B_vs_C, A_vs_B"));
    }

    @Test
    void aThousandPvsOfAllPairsAndTenThousandInAChain() {
        List<String> thousand = pvs(1_000);
        PairLayout all = Pairing.ALL.layout(thousand);
        assertThat(all.size()).isEqualTo(499_500);
        assertThat(Pairing.ALL.count(thousand)).isEqualTo(499_500);
        // the rows' ends and starts, where a formula for a(p) would go wrong first
        int p = 0;
        for (int i = 0; i < 1_000; i++) {
            for (int j = i + 1; j < 1_000; j++, p++) {
                if (j == i + 1 || j == 999 || (i * 31 + j) % 97 == 0) {
                    assertThat(all.a(p)).isEqualTo(i);
                    assertThat(all.b(p)).isEqualTo(j);
                    assertThat(all.indexOf(j, i)).isEqualTo(p);
                }
            }
        }
        for (int k : new int[] {0, 1, 500, 999}) {
            int[] mine = all.pairsOf(k);
            assertThat(mine).hasSize(999).isSorted();
            for (int q : mine) {
                assertThat(all.a(q) == k || all.b(q) == k).isTrue();
            }
        }
        PairLayout chain = parse("chain").layout(pvs(10_000));
        assertThat(chain.size()).isEqualTo(9_999);
        assertThat(chain.pairsOf(5_000)).containsExactly(4_999, 5_000);
        assertThat(chain.indexOf(9_999, 9_998)).isEqualTo(9_998);
    }
}
