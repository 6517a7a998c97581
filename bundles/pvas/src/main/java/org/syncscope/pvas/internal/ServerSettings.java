package org.syncscope.pvas.internal;

import org.syncscope.api.pv.AddressList;

/** What a pvAccess context is started with (all of it needs a restart of the context to change). */
record ServerSettings(int serverPort, int broadcastPort, String bindAddress, AddressList beaconAddresses,
                      boolean autoBeaconAddresses, float beaconPeriodSeconds) {
}
