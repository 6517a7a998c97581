package org.syncscope.metrics.internal;

import java.util.List;
import java.util.Map;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;

/** The checked configuration of the metrics. */
record MetricsSettings(int maxPairsPerProfile, boolean includeJvm) {

    static final int DEFAULT_MAX_PAIRS = 100;
    static final MetricsSettings DEFAULTS = new MetricsSettings(DEFAULT_MAX_PAIRS, true);

    /**
     * The settings {@code properties} give; an {@link IllegalArgumentException} whose message
     * names the file and the key when a value is bad.
     */
    static MetricsSettings of(MetricsConfig config, Map<String, ?> properties) {
        ConfigCheck.require(MetricsConfig.class, properties);
        if (config.maxPairsPerProfile() < 0) {
            throw new InvalidConfigException(ConfigCheck.origin(properties),
                    List.of("maxPairsPerProfile = " + config.maxPairsPerProfile() + " is below 0"));
        }
        return new MetricsSettings(config.maxPairsPerProfile(), config.includeJvm());
    }
}
