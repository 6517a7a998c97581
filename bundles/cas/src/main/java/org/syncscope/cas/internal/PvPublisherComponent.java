package org.syncscope.cas.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.CaServer;

/**
 * {@link PvPublisher} for one client bundle (bundle scope): it remembers what that bundle
 * published and the catalogs it served, and withdraws them when the bundle lets go of the service
 * (stops, is updated).
 */
@Component(service = PvPublisher.class, scope = ServiceScope.BUNDLE, property = "protocol=ca")
public final class PvPublisherComponent implements PvPublisher {

    private final ChannelAccessServer server;
    private final Set<PublishedPv> mine = ConcurrentHashMap.newKeySet();
    private final Set<PvCatalog.Served> myCatalogs = ConcurrentHashMap.newKeySet();

    /** Binds only this bundle's server component: the interface is exported, its implementation is not. */
    @Activate
    public PvPublisherComponent(@Reference(target = "(component.name=org.syncscope.cas.internal.CaServerComponent)")
            CaServer server) {
        this.server = ((CaServerComponent) server).server();
    }

    @Override
    public PublishedPv publish(PvSpec spec) {
        PublishedPv handle = server.publish(spec, mine::remove);
        mine.add(handle);
        return handle;
    }

    /**
     * Serves the catalog's PVs on demand: a CA search for a name not published asks the catalogs,
     * and a client's channel makes the PV (see {@link ChannelAccessServer#serve}).
     */
    @Override
    public PvCatalog.Served serve(PvCatalog catalog) {
        PvCatalog.Served served = server.serve(catalog, myCatalogs::remove);
        myCatalogs.add(served);
        return served;
    }

    @Override
    public List<PublishedPv> published() {
        return server.published();
    }

    @Deactivate
    void deactivate() {
        List.copyOf(myCatalogs).forEach(PvCatalog.Served::close);
        List.copyOf(mine).forEach(PublishedPv::close);
    }
}
