package dev.meerkat.faults;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * What an end {@link Fault} makes of the response the proxy held: the bytes to deliver and whether
 * the connection then ends with RST instead of FIN.
 */
record ResponseEnding(byte[] bytes, boolean reset) {

    static ResponseEnding of(Fault fault, List<TlsRecord> held) {
        requireCloseNotifyLast(held);
        if (fault instanceof Fault.CoalesceClose) {
            return fin(held, held.size(), 0);
        }
        if (fault instanceof Fault.HoldBeyondReadCap) {
            return requireBeyondReadCap(fin(held, held.size(), 0));
        }
        if (fault instanceof Fault.DropCloseNotify) {
            return fin(held, held.size() - 1, 0);
        }
        if (fault instanceof Fault.CutBeforeEnd cut) {
            return cutBeforeEnd(held, cut);
        }
        if (fault instanceof Fault.PartialRecordAtEnd) {
            TlsRecord lastData = recordBeforeEnd(held, 2);
            return fin(held, held.size() - 2, lastData.size() / 2);
        }
        if (fault instanceof Fault.ResetAfterData) {
            return new ResponseEnding(fin(held, held.size() - 1, 0).bytes, true);
        }
        throw new IllegalArgumentException("expected an end fault but was " + fault);
    }

    private static ResponseEnding cutBeforeEnd(List<TlsRecord> held, Fault.CutBeforeEnd cut) {
        TlsRecord cutRecord = recordBeforeEnd(held, cut.records());
        if (cut.bytesInto() >= cutRecord.size()) {
            throw new IllegalArgumentException("expected to cut inside " + cutRecord + " but bytesInto was "
                    + cut.bytesInto());
        }
        return fin(held, held.size() - cut.records(), cut.bytesInto());
    }

    /** The first {@code wholeRecords} records, then {@code partialBytes} of the next one. */
    private static ResponseEnding fin(List<TlsRecord> held, int wholeRecords, int partialBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TlsRecord record : held.subList(0, wholeRecords)) {
            out.writeBytes(record.bytes());
        }
        if (partialBytes > 0) {
            out.writeBytes(held.get(wholeRecords).prefix(partialBytes));
        }
        return new ResponseEnding(out.toByteArray(), false);
    }

    private static TlsRecord recordBeforeEnd(List<TlsRecord> held, int records) {
        if (records > held.size()) {
            throw new IllegalStateException("expected at least " + records + " records in the response but it held "
                    + held);
        }
        return held.get(held.size() - records);
    }

    private static ResponseEnding requireBeyondReadCap(ResponseEnding ending) {
        if (ending.bytes.length <= Fault.MONGOOSE_READ_CAP) {
            throw new IllegalStateException("expected more than " + Fault.MONGOOSE_READ_CAP
                    + " bytes held for the read-cap case but the response was " + ending.bytes.length + " bytes");
        }
        return ending;
    }

    private static void requireCloseNotifyLast(List<TlsRecord> held) {
        if (held.isEmpty() || !held.get(held.size() - 1).mayBeAlert()) {
            throw new IllegalStateException("expected the response to end with the server's close_notify but it held "
                    + held);
        }
    }
}
