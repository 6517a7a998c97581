package org.syncscope.pvas.internal;

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
import org.syncscope.api.pv.PvType;
import org.syncscope.pvas.PvaServer;

/**
 * {@link PvPublisher} over pvAccess for one client bundle (bundle scope): it remembers what that
 * bundle published and the catalogs it served, and withdraws them when the bundle lets go of
 * the service. pvAccess carries every {@link PvType}, tables too.
 */
@Component(service = PvPublisher.class, scope = ServiceScope.BUNDLE, property = "protocol=pva")
public final class PvaPublisherComponent implements PvPublisher {

    private final PvAccessServer server;
    private final Set<PublishedPv> mine = ConcurrentHashMap.newKeySet();
    private final Set<PvCatalog.Served> myCatalogs = ConcurrentHashMap.newKeySet();

    /** Binds only this bundle's server component: the interface is exported, its implementation is not. */
    @Activate
    public PvaPublisherComponent(@Reference(target = "(component.name=org.syncscope.pvas.internal.PvaServerComponent)")
            PvaServer server) {
        this.server = ((PvaServerComponent) server).server();
    }

    @Override
    public PublishedPv publish(PvSpec spec) {
        PublishedPv handle = server.publish(spec, mine::remove);
        mine.add(handle);
        return handle;
    }

    @Override
    public boolean carries(PvType type) {
        return true;
    }

    /** A pvAccess search for a name not published asks the catalogs; a client's channel makes the PV. */
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
