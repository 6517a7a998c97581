package org.syncscope.cas.internal;

/**
 * A PV made from a catalog because a client asked for it: the PV served, the handle its catalog
 * posts to, and where it stands. Several clients attaching at once share one; the first opens it
 * (the catalog posts its current value) while the others wait for that. A withdraw that comes
 * while it is opening is left to the opener, so the catalog is told {@code closed} only after
 * its {@code open} returned, and once.
 */
final class MadePv {

    /** How long an attach waits for another client's attach to open the PV (the catalog "never takes long"). */
    private static final long OPEN_WAIT_MS = 10_000;

    private enum State { OPENING, OPEN, FAILED, WITHDRAWN }

    private final ServedCatalog origin;
    private final ServedPv pv;
    private final PublishedPvHandle handle;
    private State state = State.OPENING;
    private boolean withdrawWhenOpened;
    private boolean tellCatalog;

    /** @param closedByCatalog called when the catalog closes the handle itself (the name left it) */
    MadePv(ServedCatalog origin, ServedPv pv, java.util.function.Consumer<MadePv> closedByCatalog) {
        this.origin = origin;
        this.pv = pv;
        this.handle = new PublishedPvHandle(pv, h -> closedByCatalog.accept(this));
    }

    String name() {
        return pv.getName();
    }

    ServedCatalog origin() {
        return origin;
    }

    ServedPv pv() {
        return pv;
    }

    PublishedPvHandle handle() {
        return handle;
    }

    synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    /** Whether it can still serve: open, or being opened. */
    synchronized boolean isLive() {
        return state == State.OPEN || state == State.OPENING;
    }

    /** Waits (bounded) while another attach opens it; true if it is open. */
    synchronized boolean awaitOpen() throws InterruptedException {
        long deadline = System.nanoTime() + OPEN_WAIT_MS * 1_000_000L;
        while (state == State.OPENING) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return state == State.OPEN;
    }

    /**
     * The catalog's {@code open} returned. False if a withdraw came meanwhile: the caller withdraws
     * it now (see {@link #tellCatalog()}).
     */
    synchronized boolean opened() {
        state = withdrawWhenOpened ? State.WITHDRAWN : State.OPEN;
        notifyAll();
        return state == State.OPEN;
    }

    /** The catalog's {@code open} threw. */
    synchronized void failed() {
        state = State.FAILED;
        notifyAll();
    }

    /**
     * A withdraw: true if the caller is to carry it out now (it was open). While opening it is
     * deferred to the opener; when withdrawn already, nothing is left to do.
     *
     * @param tell whether the catalog is to be told {@code closed} (not when it closed the handle itself)
     */
    synchronized boolean startWithdraw(boolean tell) {
        if (state == State.OPENING) {
            withdrawWhenOpened = true;
            tellCatalog |= tell;
            return false;
        }
        if (state == State.OPEN) {
            state = State.WITHDRAWN;
            tellCatalog = tell;
            return true;
        }
        return false;
    }

    /** Whether the withdraw that ended it tells the catalog. */
    synchronized boolean tellCatalog() {
        return tellCatalog;
    }
}
