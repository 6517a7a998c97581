package org.syncscope.api.status;

import java.util.List;

/** Every TIMEAV device configuration with its PVs as served now; registered by the TIMEAV bundle. Thread safe. */
public interface TimeavStatusProvider {

    List<TimeavView> timeav();
}
