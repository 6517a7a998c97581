package org.syncscope.pmc.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * (a lock), each bounded by the timeout; replies with another sequenceId (answers to an earlier
 * request that timed out) are dropped. The client socket is bound on first use and removed on close.
 */
public final class NativeManagementClient extends ManagementClient {

    private static final Logger LOG = LoggerFactory.getLogger(NativeManagementClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** "SYNC" in the top bytes: never a real EUI-64-derived clock identity such as ptp4l's own. */
    private static final long IDENTITY_BASE = 0x53594E4300000000L;
    private static final int MAX_REPLY = 1500;

    private final Path server;
    private final Path clientPath;
    private final int domainNumber;
    private final long timeoutMs;
    private final PortIdentity self;
    private final ReentrantLock lock = new ReentrantLock();
    private UnixDatagramSocket socket;
    /** Set by {@link #close()} without the lock; whoever holds the lock last closes the socket. */
    private volatile boolean closed;
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

    /** A GET to every port answers once per port: as many replies as DEFAULT_DATA_SET has ports. */
    @Override
    public List<PortDataSet> portDataSets() throws PtpManagementException {
        int ports = defaultDataSet().numberPorts();
        List<PortDataSet> result = new ArrayList<>();
        for (Reply r : request(DataSetId.PORT_DATA_SET.id(), ports)) {
            result.add(decode(DataSetId.PORT_DATA_SET, r, DataSetDecoder::port));
        }
        result.sort((a, b) -> Integer.compare(a.portIdentity().portNumber(), b.portIdentity().portNumber()));
        return result;
    }

    /** One GET of any management id, for data sets this adapter does not decode (and tests). */
    Reply get(int managementId) throws PtpManagementException {
        return request(managementId, 1).get(0);
    }

    private Reply one(DataSetId id) throws PtpManagementException {
        return request(id.id(), 1).get(0);
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

    /** Sends one GET and collects {@code expected} replies carrying its sequenceId. */
    private List<Reply> request(int managementId, int expected) throws PtpManagementException {
        String what = "GET " + DataSetId.describe(managementId);
        lock.lock();
        try {
            UnixDatagramSocket s = socket();
            int seq = sequence;
            sequence = (sequence + 1) & 0xFFFF;
            try {
                s.send(server, ManagementMessage.get(managementId, domainNumber, self, seq));
            } catch (LastErrorException e) {
                throw new PtpManagementException(sendFailure(e));
            }
            List<Reply> replies = new ArrayList<>(expected);
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (replies.size() < expected) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                UnixDatagramSocket.Datagram d = left <= 0 ? null : s.receive(MAX_REPLY, left);
                if (d == null) {
                    throw new PtpManagementException(replies.isEmpty()
                            ? "no reply from ptp4l at " + server + " to " + what + " within " + timeoutMs
                                    + " ms (is ptp4l running there, with domainNumber " + domainNumber + "?)"
                            : "only " + replies.size() + " of " + expected + " ports of ptp4l at " + server
                                    + " answered " + what + " within " + timeoutMs + " ms");
                }
                Reply r;
                try {
                    r = ManagementMessage.parse(d.data());
                } catch (MalformedReplyException e) {
                    throw new PtpManagementException("malformed reply from ptp4l at " + server + " to " + what + ": "
                            + e.getMessage());
                }
                if (r.sequenceId() != seq || r.action() != ManagementMessage.ACTION_RESPONSE) {
                    LOG.debug("dropping a late or foreign reply (sequenceId {}, action {}) while waiting for {}",
                            r.sequenceId(), r.action(), seq);
                    continue;
                }
                if (r.isError()) {
                    throw new PtpManagementException("ptp4l at " + server + " answered " + what
                            + " with MANAGEMENT_ERROR_STATUS " + ManagementError.name(r.errorId())
                            + (r.errorText().isEmpty() ? "" : ": " + r.errorText()), r.errorId());
                }
                if (r.managementId() != managementId) {
                    throw new PtpManagementException("ptp4l at " + server + " answered " + what + " with "
                            + DataSetId.describe(r.managementId()));
                }
                replies.add(r);
            }
            return replies;
        } catch (IOException e) {
            throw new PtpManagementException(e.getMessage() + " (ptp4l socket " + server + ")", e);
        } finally {
            lock.unlock();
            if (closed) {
                closeIfFree();
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
