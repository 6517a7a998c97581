package org.syncscope.statuspage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;

/** The event stream's settings, checked: a snapshot every {@link #periodNanos()}, to at most {@code maxClients}. */
record PushSettings(double rateHz, int maxClients) {

    static final double MIN_RATE_HZ = 0.1;
    static final double MAX_RATE_HZ = 10;
    static final double DEFAULT_RATE_HZ = 1;
    static final int MAX_CLIENTS = 1000;
    static final int DEFAULT_MAX_CLIENTS = 16;

    static final PushSettings DEFAULTS = new PushSettings(DEFAULT_RATE_HZ, DEFAULT_MAX_CLIENTS);

    long periodNanos() {
        return Math.round(1e9 / rateHz);
    }

    /**
     * The settings a configuration asks for; throws {@link InvalidConfigException} naming the file
     * and every bad key.
     */
    static PushSettings of(StatusPageConfig config, Map<String, ?> properties) {
        ConfigCheck.require(StatusPageConfig.class, properties);
        List<String> problems = new ArrayList<>();
        double rate = config.pushRateHz();
        if (!(rate >= MIN_RATE_HZ && rate <= MAX_RATE_HZ)) {
            problems.add("pushRateHz = '" + properties.get("pushRateHz") + "' is outside " + MIN_RATE_HZ + ".." + MAX_RATE_HZ);
        }
        int clients = config.maxClients();
        if (clients < 1 || clients > MAX_CLIENTS) {
            problems.add("maxClients = '" + properties.get("maxClients") + "' is outside 1.." + MAX_CLIENTS);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(ConfigCheck.origin(properties), problems);
        }
        return new PushSettings(rate, clients);
    }
}
