package org.syncscope.overview;

import java.util.List;
import java.util.Optional;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampView;

/**
 * Every capability of the server at one moment, as each capability's status provider
 * ({@code org.syncscope.api.status}) gives it. A part is empty (or a list empty) when its
 * capability is not installed.
 *
 * @param timeNanos when it was taken, ns since the Unix epoch
 */
public record Overview(long timeNanos, List<ProfileView> profiles, Optional<TimestampView> timestamp,
                       Optional<PtpView> ptp, List<TimeavView> timeav) {

    public Overview {
        profiles = List.copyOf(profiles);
        timeav = List.copyOf(timeav);
    }
}
