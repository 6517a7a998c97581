package org.syncscope.statuspage.internal;

import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.ProfileView.InputView;
import org.syncscope.api.status.ProfileView.PairView;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PtpView.CameraView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;

/**
 * An {@link Overview} as the JSON the page reads: one member per record component, named as the
 * component; an absent part is {@code null}, a NaN is {@code null}; times stay ns since the epoch.
 */
final class OverviewJson {

    private OverviewJson() {
    }

    static String of(Overview o) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("timeNanos").value(o.timeNanos());
        w.name("profiles").beginArray();
        o.profiles().forEach(p -> profile(w, p));
        w.endArray();
        w.name("timestamp");
        o.timestamp().ifPresentOrElse(t -> timestamp(w, t), w::nullValue);
        w.name("ptp");
        o.ptp().ifPresentOrElse(p -> ptp(w, p), w::nullValue);
        w.name("timeav").beginArray();
        o.timeav().forEach(t -> timeav(w, t));
        w.endArray();
        return w.endObject().toString();
    }

    private static void profile(JsonWriter w, ProfileView p) {
        w.beginObject();
        w.name("name").value(p.name());
        w.name("state").value(p.state());
        w.name("reason").value(p.reason());
        w.name("prefix").value(p.prefix());
        w.name("pairCount").value(p.pairCount());
        w.name("processed").value(p.processed());
        w.name("dropped").value(p.dropped());
        w.name("queued").value(p.queued());
        w.name("inputs").beginArray();
        p.inputs().forEach(i -> input(w, i));
        w.endArray();
        w.name("pairs").beginArray();
        p.pairs().forEach(pair -> pair(w, pair));
        w.endArray();
        w.endObject();
    }

    private static void input(JsonWriter w, InputView i) {
        w.beginObject();
        w.name("pv").value(i.pv());
        w.name("connected").value(i.connected());
        w.name("updates").value(i.updates());
        w.name("instantHz").value(i.instantHz());
        w.name("avgHz").value(i.avgHz());
        w.name("minHz").value(i.minHz());
        w.name("maxHz").value(i.maxHz());
        w.name("stdHz").value(i.stdHz());
        w.name("samples").value(i.samples());
        w.endObject();
    }

    private static void pair(JsonWriter w, PairView p) {
        w.beginObject();
        w.name("name").value(p.name());
        w.name("valid").value(p.valid());
        w.name("current").value(p.current());
        w.name("avg").value(p.avg());
        w.name("min").value(p.min());
        w.name("max").value(p.max());
        w.name("std").value(p.std());
        w.name("samples").value(p.samples());
        w.endObject();
    }

    private static void timestamp(JsonWriter w, TimestampView t) {
        w.beginObject();
        member(w, "mode", t.mode());
        member(w, "role", t.role());
        member(w, "source", t.source());
        member(w, "syncValid", t.syncValid());
        member(w, "alarm", t.alarm());
        member(w, "offset", t.offset());
        member(w, "delay", t.delay());
        member(w, "jitter", t.jitter());
        member(w, "eventCount", t.eventCount());
        member(w, "lastSync", t.lastSync());
        w.endObject();
    }

    private static void ptp(JsonWriter w, PtpView p) {
        w.beginObject();
        w.name("problem").value(p.problem());
        member(w, "verdict", p.verdict());
        member(w, "hostRole", p.hostRole());
        member(w, "maxAbsDelta", p.maxAbsDelta());
        w.name("cameras").beginArray();
        for (CameraView c : p.cameras()) {
            w.beginObject();
            w.name("serial").value(c.serial());
            member(w, "state", c.state());
            member(w, "delta", c.delta());
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void timeav(JsonWriter w, TimeavView t) {
        w.beginObject();
        w.name("name").value(t.name());
        w.name("origin").value(t.origin());
        w.name("state").value(t.state());
        member(w, "value", t.value());
        member(w, "status", t.status());
        w.endObject();
    }

    private static void member(JsonWriter w, String name, PvValueView v) {
        w.name(name);
        pv(w, v);
    }

    /** A PV's reading, with {@code valid} as {@link PvValueView#valid()} says, so the page need not know the rule. */
    private static void pv(JsonWriter w, PvValueView v) {
        if (v == null) {
            w.nullValue();
            return;
        }
        w.beginObject();
        w.name("pv").value(v.pv());
        w.name("value").value(v.value());
        w.name("text").value(v.text());
        w.name("severity").value(v.severity());
        w.name("timeNanos").value(v.timeNanos());
        w.name("valid").value(v.valid());
        w.endObject();
    }
}
