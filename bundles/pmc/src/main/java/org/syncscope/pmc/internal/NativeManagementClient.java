package org.syncscope.pmc.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortIdentity;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.pmc.internal.ManagementMessage.Reply;

/**
 * Speaks the management protocol to ptp4l's Unix datagram socket itself. One exchange at a time
 * (a lock); each, including the wait for the lock and every send, ends within the timeout, also when
 * ptp4l is stopped and its queue is full. Replies with another sequenceId (answers to an earlier
 * request that timed out) are dropped. The client socket is bound on first use and removed on close.
 */
public final class NativeManagementClient extends ManagementClient {

    private static final Logger LOG = LoggerFactory.getLogger(NativeManagementClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** "SYNC" in the top bytes: never a real EUI-64-derived clock identity such as ptp4l's own. */
    private static final long IDENTITY_BASE = 0x53594E4300000000L;
    private static final int MAX_REPLY = 1500;
    /** How long one receive waits before looking whether the client was closed. */
    private static final long SLICE_MS = 50;
    /** The pause before sending again into ptp4l's full queue. */
    private static final long FULL_QUEUE_RETRY_MS = 5;

    private final Path server;
    private final Path clientPath;
    private final int domainNumber;
    private final long timeoutMs;
    private final PortIdentity self;
    private final ReentrantLock lock = new ReentrantLock();
    private UnixDatagramSocket socket;
    /** Set by {@link #close()} without the lock; whoever holds the lock last closes the socket. */
    private volatile boolean closed;
    /** Why the last exchange failed ("" after a success), for a caller that found the lock taken. */
    private volatile String lastFailure = "";
    private int sequence;

    public NativeManagementClient(Path server, Path clientDirectory, int domainNumber, long timeoutMs) {
        this.server = server;
        long pid = ProcessHandle.current().pid();
        int instance = INSTANCES.incrementAndGet();
        this.clientPath = clientDirectory.resolve("syncscope-pmc." + pid + "." + instance);
        this.domainNumber = domainNumber;
        this.timeoutMs = timeoutMs;
        this.self = new PortIdentity(new ClockIdentity(IDENTITY_BASE | (pid & 0xFFFF_FFFFL)), instance & 0xFFFF);
    }

    @Override
    String describe() {
        return "native " + server;
    }

    Path clientPath() {
        return clientPath;
    }

    @Override
    long timeoutMs() {
        return timeoutMs;
    }

    @Override
    public CurrentDataSet currentDataSet() throws PtpManagementException {
        return decode(DataSetId.CURRENT_DATA_SET, one(DataSetId.CURRENT_DATA_SET), DataSetDecoder::current);
    }

    @Override
    public DefaultDataSet defaultDataSet() throws PtpManagementException {
        return decode(DataSetId.DEFAULT_DATA_SET, one(DataSetId.DEFAULT_DATA_SET), DataSetDecoder::defaults);
    }

    @Override
    public ParentDataSet parentDataSet() throws PtpManagementException {
        return decode(DataSetId.PARENT_DATA_SET, one(DataSetId.PARENT_DATA_SET), DataSetDecoder::parent);
    }

    @Override
    public TimeStatusNp timeStatus() throws PtpManagementException {
        return decode(DataSetId.TIME_STATUS_NP, one(DataSetId.TIME_STATUS_NP), DataSetDecoder::timeStatus);
    }

    @Override
    public GrandmasterSettingsNp grandmasterSettings() throws PtpManagementException {
        return decode(DataSetId.GRANDMASTER_SETTINGS_NP, one(DataSetId.GRANDMASTER_SETTINGS_NP),
                DataSetDecoder::grandmasterSettings);
    }

    /** DEFAULT_DATA_SET (for the number of ports) and PORT_DATA_SET of every port, in one exchange. */
    @Override
    public List<PortDataSet> portDataSets() throws PtpManagementException {
        List<List<Reply>> r = exchange(List.of(DataSetId.DEFAULT_DATA_SET.id(), DataSetId.PORT_DATA_SET.id()),
                deadline());
        return ports(r.get(1));
    }

    @Override
    HostDataSets readHostDataSets(long deadlineNanos) throws PtpManagementException {
        List<Integer> ids = HostDataSets.ASKED.stream().map(DataSetId::id).toList();
        List<List<Reply>> r = exchange(ids, deadlineNanos);
        return new HostDataSets(
                decode(DataSetId.CURRENT_DATA_SET, r.get(HostDataSets.ASKED.indexOf(DataSetId.CURRENT_DATA_SET)).get(0),
                        DataSetDecoder::current),
                decode(DataSetId.DEFAULT_DATA_SET, r.get(HostDataSets.ASKED.indexOf(DataSetId.DEFAULT_DATA_SET)).get(0),
                        DataSetDecoder::defaults),
                decode(DataSetId.PARENT_DATA_SET, r.get(HostDataSets.ASKED.indexOf(DataSetId.PARENT_DATA_SET)).get(0),
                        DataSetDecoder::parent),
                decode(DataSetId.TIME_STATUS_NP, r.get(HostDataSets.ASKED.indexOf(DataSetId.TIME_STATUS_NP)).get(0),
                        DataSetDecoder::timeStatus),
                ports(r.get(HostDataSets.ASKED.indexOf(DataSetId.PORT_DATA_SET))));
    }

    private List<PortDataSet> ports(List<Reply> replies) throws PtpManagementException {
        List<PortDataSet> result = new ArrayList<>();
        for (Reply r : replies) {
            result.add(decode(DataSetId.PORT_DATA_SET, r, DataSetDecoder::port));
        }
        result.sort((a, b) -> Integer.compare(a.portIdentity().portNumber(), b.portIdentity().portNumber()));
        return result;
    }

    /** One GET of any management id, for data sets this adapter does not decode (and tests). */
    Reply get(int managementId) throws PtpManagementException {
        return exchange(List.of(managementId), deadline()).get(0).get(0);
    }

    private Reply one(DataSetId id) throws PtpManagementException {
        return exchange(List.of(id.id()), deadline()).get(0).get(0);
    }

    private long deadline() {
        return System.nanoTime() + timeoutMs * 1_000_000L;
    }

    private interface Decoder<T> {
        T decode(byte[] body) throws MalformedReplyException;
    }

    private <T> T decode(DataSetId id, Reply reply, Decoder<T> decoder) throws PtpManagementException {
        try {
            return decoder.decode(reply.body());
        } catch (MalformedReplyException e) {
            throw new PtpManagementException("malformed reply from ptp4l at " + server + " to GET " + id + ": "
                    + e.getMessage());
        }
    }

    /**
     * Sends one GET per id, all at once (so ptp4l answers them together, from one state), and
     * collects their replies by sequenceId: one each, and for PORT_DATA_SET one per port (as many as
     * the DEFAULT_DATA_SET of the same exchange has; a PORT_DATA_SET is asked only together with
     * it). Waiting for the lock, sending and receiving all end by {@code deadline}.
     */
    private List<List<Reply>> exchange(List<Integer> ids, long deadline) throws PtpManagementException {
        String what = "GET " + ids.stream().map(DataSetId::describe).collect(Collectors.joining(", "));
        acquire(deadline, what);
        try {
            UnixDatagramSocket s = socket();
            int first = sequence;
            sequence = (sequence + ids.size()) & 0xFFFF;
            for (int i = 0; i < ids.size(); i++) {
                send(s, ManagementMessage.get(ids.get(i), domainNumber, self, (first + i) & 0xFFFF), deadline, what);
            }
            List<List<Reply>> replies = new ArrayList<>();
            ids.forEach(id -> replies.add(new ArrayList<>(1)));
            int portsIndex = ids.indexOf(DataSetId.PORT_DATA_SET.id());
            int defaultsIndex = ids.indexOf(DataSetId.DEFAULT_DATA_SET.id());
            int ports = -1;   // unknown until DEFAULT_DATA_SET is in
            while (!complete(replies, portsIndex, ports)) {
                long left = deadline - System.nanoTime();
                if (closed) {
                    throw new PtpManagementException("the management client of " + server
                            + " was closed (the configuration changed); ask again");
                }
                if (left <= 0) {
                    throw new PtpManagementException(timedOut(replies, portsIndex, ports, what));
                }
                // short slices, so that a close (a configuration change, a stop) ends the wait soon
                UnixDatagramSocket.Datagram d = s.receive(MAX_REPLY, Math.max(1, Math.min(SLICE_MS, left / 1_000_000L)));
                if (d == null) {
                    continue;
                }
                Reply r;
                try {
                    r = ManagementMessage.parse(d.data());
                } catch (MalformedReplyException e) {
                    throw new PtpManagementException("malformed reply from ptp4l at " + server + " to " + what + ": "
                            + e.getMessage());
                }
                int index = (r.sequenceId() - first) & 0xFFFF;
                if (index >= ids.size() || r.action() != ManagementMessage.ACTION_RESPONSE) {
                    LOG.debug("dropping a late or foreign reply (sequenceId {}, action {}) while waiting for {}..{}",
                            r.sequenceId(), r.action(), first, (first + ids.size() - 1) & 0xFFFF);
                    continue;
                }
                String asked = "GET " + DataSetId.describe(ids.get(index));
                if (r.isError()) {
                    throw new PtpManagementException("ptp4l at " + server + " answered " + asked
                            + " with MANAGEMENT_ERROR_STATUS " + ManagementError.name(r.errorId())
                            + (r.errorText().isEmpty() ? "" : ": " + r.errorText()), r.errorId());
                }
                if (r.managementId() != ids.get(index)) {
                    throw new PtpManagementException("ptp4l at " + server + " answered " + asked + " with "
                            + DataSetId.describe(r.managementId()));
                }
                replies.get(index).add(r);
                if (index == defaultsIndex && portsIndex >= 0) {
                    ports = decode(DataSetId.DEFAULT_DATA_SET, r, DataSetDecoder::defaults).numberPorts();
                }
            }
            lastFailure = "";
            return replies;
        } catch (IOException e) {
            lastFailure = e.getMessage();
            throw new PtpManagementException(e.getMessage() + " (ptp4l socket " + server + ")", e);
        } catch (PtpManagementException e) {
            lastFailure = e.getMessage();
            throw e;
        } finally {
            lock.unlock();
            if (closed) {
                closeIfFree();
            }
        }
    }

    private static boolean complete(List<List<Reply>> replies, int portsIndex, int ports) {
        for (int i = 0; i < replies.size(); i++) {
            if (i == portsIndex ? ports < 0 || replies.get(i).size() < ports : replies.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private String timedOut(List<List<Reply>> replies, int portsIndex, int ports, String what) {
        boolean none = replies.stream().allMatch(List::isEmpty);
        if (none) {
            return "no reply from ptp4l at " + server + " to " + what + " within " + timeoutMs
                    + " ms (is ptp4l running there, with domainNumber " + domainNumber + "?)";
        }
        if (portsIndex >= 0 && ports >= 0 && replies.get(portsIndex).size() < ports) {
            return "only " + replies.get(portsIndex).size() + " of " + ports + " ports of ptp4l at " + server
                    + " answered " + what + " within " + timeoutMs + " ms";
        }
        long answered = replies.stream().filter(r -> !r.isEmpty()).count();
        return "ptp4l at " + server + " answered only " + answered + " of " + replies.size() + " requests (" + what
                + ") within " + timeoutMs + " ms";
    }

    /** The lock, waited for no later than the deadline: another caller's exchange is bounded too. */
    private void acquire(long deadline, String what) throws PtpManagementException {
        try {
            if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                String last = lastFailure;
                throw new PtpManagementException("another request to ptp4l at " + server + " was still in progress "
                        + timeoutMs + " ms later; " + what + " not sent" + (last.isEmpty() ? ""
                                : " (the one before failed: " + last + ")"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PtpManagementException("interrupted while waiting to ask ptp4l at " + server, e);
        }
    }

    /**
     * Sends without blocking: when ptp4l does not read its socket (stopped, hung) its queue fills
     * and a blocking send would wait forever. A full queue is retried until the deadline.
     */
    private void send(UnixDatagramSocket s, byte[] message, long deadline, String what)
            throws PtpManagementException, IOException {
        while (true) {
            try {
                if (s.sendWithoutWaiting(server, message)) {
                    return;
                }
            } catch (LastErrorException e) {
                throw new PtpManagementException(sendFailure(e));
            }
            long left = deadline - System.nanoTime();
            if (closed) {
                throw new PtpManagementException("the management client of " + server
                        + " was closed (the configuration changed); ask again");
            }
            if (left <= 0) {
                throw new PtpManagementException("ptp4l at " + server + " does not read its socket: its queue stayed "
                        + "full for " + timeoutMs + " ms, " + what + " not sent (is ptp4l stopped or hung?)");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(FULL_QUEUE_RETRY_MS, left / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PtpManagementException("interrupted while sending to ptp4l at " + server, e);
            }
        }
    }

    private UnixDatagramSocket socket() throws IOException {
        if (closed) {
            throw new IOException("this management client was closed (the configuration changed); ask again");
        }
        if (socket == null) {
            UnixDatagramSocket s = UnixDatagramSocket.bind(clientPath);
            try {
                matchServerOwner(s);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            socket = s;
        }
        return socket;
    }

    /**
     * A ptp4l running as another user can only answer into a socket it may write: as root, give ours
     * to the owner of ptp4l's socket, as pmc does.
     */
    private void matchServerOwner(UnixDatagramSocket s) throws IOException {
        try {
            int uid = (Integer) Files.getAttribute(server, "unix:uid");
            int gid = (Integer) Files.getAttribute(server, "unix:gid");
            int ourUid = (Integer) Files.getAttribute(s.path(), "unix:uid");
            if (uid != ourUid && ourUid == 0) {
                s.chown(uid, gid);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException notKnown) {
            // no server socket (yet): the send reports it
        }
    }

    private String sendFailure(LastErrorException e) {
        String why = UnixDatagramSocket.reason(e);
        return switch (e.getErrorCode()) {
            case LibC.ENOENT -> "no ptp4l socket at " + server + ": " + why + " (is ptp4l running, and is this its "
                    + "uds_address?)";
            case LibC.ECONNREFUSED -> "nobody reads the ptp4l socket " + server + ": " + why
                    + " (a socket file left by a ptp4l that is no longer running?)";
            case LibC.EACCES, LibC.EPERM -> "not allowed to write to the ptp4l socket " + server + ": " + why
                    + " (ptp4l's socket is mode 0660: run as its owner or group, or as root)";
            default -> "cannot send to the ptp4l socket " + server + ": " + why;
        };
    }

    /**
     * Never waits: when an exchange is in progress (a send blocked on a ptp4l that does not read,
     * say), that exchange closes the socket as it ends. Config Admin's thread calls this.
     */
    @Override
    public void close() {
        closed = true;
        closeIfFree();
    }

    private void closeIfFree() {
        if (lock.tryLock()) {
            try {
                if (socket != null) {
                    socket.close();
                    socket = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
