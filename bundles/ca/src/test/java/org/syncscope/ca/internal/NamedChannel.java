package org.syncscope.ca.internal;

import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.Severity;
import gov.aps.jca.event.AccessRightsListener;
import gov.aps.jca.event.ConnectionListener;
import gov.aps.jca.event.GetListener;
import gov.aps.jca.event.MonitorListener;
import gov.aps.jca.event.PutListener;

/** A channel that is only a name: the source of events a test hands to a dispatcher itself. */
final class NamedChannel extends Channel {

    private final String name;

    NamedChannel(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    private static UnsupportedOperationException onlyAName() {
        return new UnsupportedOperationException("a test's channel has only a name");
    }

    @Override public Context getContext() { throw onlyAName(); }
    @Override public void destroy() { throw onlyAName(); }
    @Override public ConnectionListener[] getConnectionListeners() { throw onlyAName(); }
    @Override public void addConnectionListener(ConnectionListener l) { throw onlyAName(); }
    @Override public void removeConnectionListener(ConnectionListener l) { throw onlyAName(); }
    @Override public AccessRightsListener[] getAccessRightsListeners() { throw onlyAName(); }
    @Override public void addAccessRightsListener(AccessRightsListener l) { throw onlyAName(); }
    @Override public void removeAccessRightsListener(AccessRightsListener l) { throw onlyAName(); }
    @Override public DBRType getFieldType() { throw onlyAName(); }
    @Override public int getElementCount() { throw onlyAName(); }
    @Override public ConnectionState getConnectionState() { throw onlyAName(); }
    @Override public String getHostName() { throw onlyAName(); }
    @Override public boolean getReadAccess() { throw onlyAName(); }
    @Override public boolean getWriteAccess() { throw onlyAName(); }
    @Override public void put(byte[] value) { throw onlyAName(); }
    @Override public void put(byte[] value, PutListener l) { throw onlyAName(); }
    @Override public void put(short[] value) { throw onlyAName(); }
    @Override public void put(short[] value, PutListener l) { throw onlyAName(); }
    @Override public void put(int[] value) { throw onlyAName(); }
    @Override public void put(int[] value, PutListener l) { throw onlyAName(); }
    @Override public void put(float[] value) { throw onlyAName(); }
    @Override public void put(float[] value, PutListener l) { throw onlyAName(); }
    @Override public void put(double[] value) { throw onlyAName(); }
    @Override public void put(double[] value, PutListener l) { throw onlyAName(); }
    @Override public void put(String[] value) { throw onlyAName(); }
    @Override public void put(String[] value, PutListener l) { throw onlyAName(); }
    @Override public void putACKT(boolean value) { throw onlyAName(); }
    @Override public void putACKT(boolean value, PutListener l) { throw onlyAName(); }
    @Override public void putACKS(Severity severity) { throw onlyAName(); }
    @Override public void putACKS(Severity severity, PutListener l) { throw onlyAName(); }
    @Override public DBR get(DBRType type, int count) { throw onlyAName(); }
    @Override public void get(DBRType type, int count, GetListener l) { throw onlyAName(); }
    @Override public Monitor addMonitor(DBRType type, int count, int mask, MonitorListener l) { throw onlyAName(); }
}
