package org.syncscope.cas;

/**
 * Client connections of the running server context.
 *
 * @param open     open now
 * @param max      at most ({@code maxClients})
 * @param timedOut closed by the handshake or idle timeout so far
 */
public record ServerClients(int open, int max, long timedOut) {
}
