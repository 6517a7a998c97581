package org.syncscope.camera.sim.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A SimCameraConfig with its defaults, some values replaced, as Config Admin hands it over. */
final class SimConfigs {
    private SimConfigs() {
    }

    static SimCameraConfig of(Map<String, Object> values) {
        return (SimCameraConfig) Proxy.newProxyInstance(SimCameraConfig.class.getClassLoader(),
                new Class<?>[] {SimCameraConfig.class}, (proxy, method, args) ->
                        values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }
}
