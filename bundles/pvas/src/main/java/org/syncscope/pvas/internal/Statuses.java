package org.syncscope.pvas.internal;

import java.nio.ByteBuffer;
import org.epics.pvdata.factory.StatusFactory;
import org.epics.pvdata.misc.SerializeHelper;
import org.epics.pvdata.pv.DeserializableControl;
import org.epics.pvdata.pv.SerializableControl;
import org.epics.pvdata.pv.Status;

/** pvData request statuses. */
final class Statuses {

    static final Status OK = StatusFactory.getStatusCreate().getStatusOK();

    private Statuses() {
    }

    /**
     * An error carrying {@code message}. pvData's own status of no cause is sent with a null stack
     * dump, which Phoebus' client cannot decode (its requests then never complete): ours sends an
     * empty one.
     */
    static Status error(String message) {
        return new ErrorStatus(message);
    }

    private record ErrorStatus(String message) implements Status {
        @Override
        public StatusType getType() {
            return StatusType.ERROR;
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public String getStackDump() {
            return "";
        }

        @Override
        public boolean isOK() {
            return false;
        }

        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public void serialize(ByteBuffer buffer, SerializableControl flusher) {
            flusher.ensureBuffer(1);
            buffer.put((byte) StatusType.ERROR.ordinal());
            SerializeHelper.serializeString(message, buffer, flusher);
            SerializeHelper.serializeString("", buffer, flusher);
        }

        @Override
        public void deserialize(ByteBuffer buffer, DeserializableControl control) {
            throw new UnsupportedOperationException("a status to send");
        }

        @Override
        public String toString() {
            return "ERROR: " + message;
        }
    }
}
