package org.syncscope.ca.internal;

import com.cosylab.epics.caj.CAJContext;
import com.cosylab.epics.caj.util.SearchTimer;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of a CAJ client context's channel search, and ending it for sure.
 *
 * <p>CAJ's destroy ends that thread by one interrupt. When the interrupt lands while the thread
 * sends a search, the task's own {@code SearchTimer.hasNext} consumes it ({@code Thread.interrupted()}),
 * the task is queued again and the thread searches on, forever, for a destroyed context (seen as
 * one {@code SearchTimer} thread more after each unlucky bundle restart). So the thread is taken
 * before the destroy and interrupted until it has ended.
 */
final class SearchThread {

    private static final Logger LOG = LoggerFactory.getLogger(SearchThread.class);

    private SearchThread() {
    }

    /** The search thread running for {@code context} now, or null (none yet, or CAJ's fields moved). */
    static Thread of(CAJContext context) {
        try {
            Field manager = CAJContext.class.getDeclaredField("channelSearchManager");
            manager.setAccessible(true);
            Object m = manager.get(context);
            if (m == null) {
                return null;
            }
            Field timer = m.getClass().getDeclaredField("timer");
            timer.setAccessible(true);
            return ((SearchTimer) timer.get(m)).getThread();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("CAJ's search thread not found: {}", e.toString());
            return null;
        }
    }

    /** Interrupts {@code thread} until it ends, for at most {@code millis}; true if it did (or was null). */
    static boolean end(Thread thread, long millis) throws InterruptedException {
        if (thread == null) {
            return true;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (thread.isAlive() && System.nanoTime() < deadline) {
            thread.interrupt();
            thread.join(10);
        }
        return !thread.isAlive();
    }
}
