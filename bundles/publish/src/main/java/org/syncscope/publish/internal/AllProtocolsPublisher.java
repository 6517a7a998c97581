package org.syncscope.publish.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;

/**
 * The publisher Syncscope's components use ({@code protocol=all}): each PV and catalog they give
 * it is served on every protocol server the {@code protocols} key names (the {@code PvPublisher}
 * services with {@code protocol=ca}, {@code protocol=pva}), under the same name. A server that
 * comes later, or back after a redeploy, gets every PV with its last value and every catalog; one
 * that goes away takes only its own copies with it, and the components notice nothing. Bundle
 * scoped, like the servers: what a component's bundle published is withdrawn when it lets go.
 *
 * <p>A publish is refused (for the caller to see) when a bound server refuses the spec; a server
 * that refuses a PV it gets later logs it and the others serve on. A table goes only to servers
 * that {@linkplain PvPublisher#carries carry} tables.
 */
@Component(service = PvPublisher.class, scope = ServiceScope.BUNDLE, configurationPid = PublishConfig.PID,
        property = PvSource.PROTOCOL + "=" + AllProtocolsPublisher.ALL)
@Designate(ocd = PublishConfig.class)
public final class AllProtocolsPublisher implements PvPublisher {

    /** The protocol property of this publisher, which the components' publisher references target. */
    static final String ALL = "all";

    private static final Logger LOG = LoggerFactory.getLogger(AllProtocolsPublisher.class);

    // guarded by this; the lock order is this, then a FanOutPv or FanOutCatalog
    private final Map<String, PvPublisher> servers = new LinkedHashMap<>();
    private final List<FanOutPv> pvs = new ArrayList<>();
    private final List<FanOutCatalog> catalogs = new ArrayList<>();
    private Set<String> protocols;

    @Activate
    public AllProtocolsPublisher(PublishConfig config, Map<String, Object> properties) {
        protocols = check(config, properties, Set.of("ca", "pva"));
    }

    @Modified
    void modified(PublishConfig config, Map<String, Object> properties) {
        Set<String> next = check(config, properties, null);
        if (next == null) {
            return;
        }
        synchronized (this) {
            Set<String> before = protocols;
            protocols = next;
            for (String p : before) {
                if (!next.contains(p) && servers.containsKey(p)) {
                    withdrawFrom(p);
                }
            }
            for (String p : next) {
                if (!before.contains(p) && servers.containsKey(p)) {
                    serveOn(p, servers.get(p));
                }
            }
        }
        LOG.info("Syncscope PVs served on {}", next);
    }

    /** The checked protocols; a bad value is logged (file, key, value) and {@code fallback} kept. */
    private static Set<String> check(PublishConfig config, Map<String, Object> properties, Set<String> fallback) {
        try {
            ConfigCheck.require(PublishConfig.class, properties);
            return ProtocolSet.parse(config.protocols());
        } catch (IllegalArgumentException bad) {
            LOG.error("{}: {}; {}", ConfigCheck.origin(properties), bad.getMessage(),
                    fallback == null ? "the previous protocols stay" : "serving on " + fallback);
            return fallback;
        }
    }

    @Reference(name = "servers", service = PvPublisher.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(&(" + PvSource.PROTOCOL + "=*)(!(" + PvSource.PROTOCOL
            + "=" + ALL + ")))", unbind = "removeServer")
    synchronized void addServer(PvPublisher server, Map<String, Object> properties) {
        String protocol = String.valueOf(properties.get(PvSource.PROTOCOL));
        if (servers.containsKey(protocol)) {
            LOG.warn("a second {} server is ignored while the first serves", protocol);
            return;
        }
        servers.put(protocol, server);
        if (protocols.contains(protocol)) {
            serveOn(protocol, server);
        }
    }

    synchronized void removeServer(PvPublisher server, Map<String, Object> properties) {
        String protocol = String.valueOf(properties.get(PvSource.PROTOCOL));
        if (servers.get(protocol) != server) {
            return;
        }
        withdrawFrom(protocol);
        servers.remove(protocol);
    }

    private void serveOn(String protocol, PvPublisher server) {
        for (FanOutPv pv : pvs) {
            if (!server.carries(pv.spec().type())) {
                continue;
            }
            try {
                pv.attach(protocol, server);
            } catch (RuntimeException refused) {
                LOG.warn("PV {} not served over {}: {}", pv.spec().name(), protocol, refused.getMessage());
            }
        }
        for (FanOutCatalog c : catalogs) {
            try {
                c.attach(protocol, server);
            } catch (RuntimeException refused) {
                LOG.warn("a catalog not served over {}: {}", protocol, refused.getMessage());
            }
        }
    }

    private void withdrawFrom(String protocol) {
        pvs.forEach(pv -> pv.detach(protocol));
        catalogs.forEach(c -> c.detach(protocol));
    }

    /**
     * Serves the PV on every bound server of the configured protocols that carries its type (and
     * on those that come later).
     *
     * @throws IllegalArgumentException if a PV of that name is already published here, or a bound
     *                                  server refuses it (then no server keeps it)
     */
    @Override
    public synchronized PublishedPv publish(PvSpec spec) {
        for (FanOutPv pv : pvs) {
            if (pv.spec().name().equals(spec.name())) {
                throw new IllegalArgumentException("PV " + spec.name() + " is already published");
            }
        }
        FanOutPv pv = new FanOutPv(spec, () -> forget(spec.name()));
        try {
            for (Map.Entry<String, PvPublisher> e : servers.entrySet()) {
                if (protocols.contains(e.getKey()) && e.getValue().carries(spec.type())) {
                    pv.attach(e.getKey(), e.getValue());
                }
            }
        } catch (RuntimeException refused) {
            for (String p : servers.keySet()) {
                pv.detach(p);
            }
            throw refused;
        }
        pvs.add(pv);
        return pv;
    }

    private synchronized void forget(String name) {
        pvs.removeIf(pv -> pv.spec().name().equals(name));
    }

    /** Every type: a table is held here even while no bound server carries it. */
    @Override
    public boolean carries(PvType type) {
        return true;
    }

    @Override
    public synchronized PvCatalog.Served serve(PvCatalog catalog) {
        FanOutCatalog[] self = new FanOutCatalog[1];
        FanOutCatalog c = new FanOutCatalog(catalog, () -> forgetCatalog(self[0]));
        self[0] = c;
        for (Map.Entry<String, PvPublisher> e : servers.entrySet()) {
            if (protocols.contains(e.getKey())) {
                c.attach(e.getKey(), e.getValue());
            }
        }
        catalogs.add(c);
        return c;
    }

    private synchronized void forgetCatalog(FanOutCatalog c) {
        catalogs.remove(c);
    }

    /** What the servers serve now, by name (a PV served on two protocols once, as the first protocol has it). */
    @Override
    public List<PublishedPv> published() {
        List<PvPublisher> now;
        synchronized (this) {
            now = servers.entrySet().stream().filter(e -> protocols.contains(e.getKey())).map(Map.Entry::getValue)
                    .toList();
        }
        Map<String, PublishedPv> byName = new TreeMap<>();
        for (PvPublisher s : now) {
            for (PublishedPv pv : s.published()) {
                byName.putIfAbsent(pv.spec().name(), pv);
            }
        }
        return List.copyOf(byName.values());
    }


    @Deactivate
    void deactivate() {
        List<FanOutPv> p;
        List<FanOutCatalog> c;
        synchronized (this) {
            p = List.copyOf(pvs);
            c = List.copyOf(catalogs);
        }
        p.forEach(FanOutPv::close);
        c.forEach(FanOutCatalog::close);
    }
}
