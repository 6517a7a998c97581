package org.syncscope.cas.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * A catalog as a sync profile's outputs are: {@code PREFIX:IN<i>_vs_IN<j>:Diff} for every pair
 * i &lt; j of {@code inputs}, computed, never held as a list; the value of a pair is
 * {@code 1000 i + j} until a test posts another. Records what the server asked of it.
 */
final class ComputedCatalog implements PvCatalog {

    static final long T = 1_760_000_000_123_456_789L;

    private final String prefix;
    private final int inputs;
    private final Pattern pair;
    private final Map<String, PublishedPv> open = new ConcurrentHashMap<>();
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    final List<String> opened = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();
    /** The handle each name was last opened with, kept after it closed. */
    final Map<String, PublishedPv> handles = new ConcurrentHashMap<>();
    final List<Integer> readBatches = new CopyOnWriteArrayList<>();
    /** Run at the start of each read (a test withdraws the catalog there). */
    volatile Runnable onRead = () -> { };
    /** Names whose open is refused (as when a name left the catalog between the search and the attach). */
    final Set<String> refused = ConcurrentHashMap.newKeySet();

    ComputedCatalog(String prefix, int inputs) {
        this.prefix = prefix;
        this.inputs = inputs;
        this.pair = Pattern.compile(Pattern.quote(prefix) + ":IN(\\d+)_vs_IN(\\d+):Diff");
    }

    static String name(String prefix, int i, int j) {
        return prefix + ":IN" + i + "_vs_IN" + j + ":Diff";
    }

    String name(int i, int j) {
        return name(prefix, i, j);
    }

    /** The value a pair has until {@link #post} gives it another. */
    static double initial(int i, int j) {
        return 1000.0 * i + j;
    }

    @Override
    public PvSpec find(String name) {
        Matcher m = pair.matcher(name);
        if (!m.matches()) {
            return null;
        }
        int i = Integer.parseInt(m.group(1));
        int j = Integer.parseInt(m.group(2));
        return i < j && j < inputs && name.equals(name(i, j)) ? PvSpec.ofDouble(name, "ns", 1, "pair difference") : null;
    }

    @Override
    public Iterable<String> names() {
        return () -> new Iterator<>() {
            private int i = 0;
            private int j = 1;

            @Override
            public boolean hasNext() {
                return j < inputs;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String n = name(i, j);
                if (++i == j) {
                    i = 0;
                    j++;
                }
                return n;
            }
        };
    }

    @Override
    public void open(PublishedPv pv) {
        String name = pv.spec().name();
        opened.add(name);
        handles.put(name, pv);
        if (refused.contains(name)) {
            throw new IllegalArgumentException(name + " left the catalog");
        }
        pv.post(value(name), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        open.put(name, pv);
    }

    @Override
    public void closed(PublishedPv pv) {
        closed.add(pv.spec().name());
        open.remove(pv.spec().name(), pv);
    }

    @Override
    public List<PvReading> read(List<String> names) {
        readBatches.add(names.size());
        onRead.run();
        List<PvReading> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(find(n) == null ? null
                    : new PvReading(new PvValue.DoubleValue(value(n)), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM));
        }
        return out;
    }

    private double value(String name) {
        Double v = values.get(name);
        if (v != null) {
            return v;
        }
        Matcher m = pair.matcher(name);
        m.matches();
        return initial(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** A new value of pair {@code name}, posted if a client uses it. */
    void post(String name, double value, long timestampNanos) {
        values.put(name, value);
        PublishedPv pv = open.get(name);
        if (pv != null) {
            pv.post(value, timestampNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }
    }

    /** The catalog's own close of an open PV (its name left the catalog). */
    void drop(String name) {
        PublishedPv pv = open.remove(name);
        if (pv != null) {
            pv.close();
        }
    }

    boolean isOpen(String name) {
        return open.containsKey(name);
    }

    @Override
    public String toString() {
        return "ComputedCatalog[" + prefix + ", " + inputs + " inputs]";
    }
}
