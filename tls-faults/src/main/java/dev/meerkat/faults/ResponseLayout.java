package dev.meerkat.faults;

import java.util.List;

/**
 * Which records of a held response carry the payload, and so how many plaintext bytes a client can
 * decrypt when the response is cut. The record overhead (nonce, tag, TLS 1.3 content type) is
 * measured on the close_notify, whose plaintext is always 2 bytes, so no cipher is assumed. The
 * payload records are the last records before the close_notify whose plaintext adds up to the
 * payload; anything earlier (a TLS 1.3 NewSessionTicket) carries no application data. Immutable.
 */
public final class ResponseLayout {

    private final List<Integer> dataPlaintext;

    private ResponseLayout(List<Integer> dataPlaintext) {
        this.dataPlaintext = dataPlaintext;
    }

    /**
     * Finds the payload records of a response held by a {@link FaultProxy}.
     *
     * @param response the records the server sent after {@link FaultProxy#arm()}, as
     *     {@link FaultProxy#response()} returns them, ending with the close_notify
     * @param payloadLength the application data the server sent in the response, in plaintext bytes
     * @return the layout
     * @throws IllegalStateException if the last record cannot be a close_notify, or no run of records
     *     just before it carries exactly {@code payloadLength} plaintext bytes: the response is not the
     *     one the caller expected
     */
    public static ResponseLayout of(List<TlsRecord> response, int payloadLength) {
        if (response.isEmpty() || !response.get(response.size() - 1).mayBeAlert()) {
            throw new IllegalStateException("expected a response ending with close_notify but was " + response);
        }
        int overhead = response.get(response.size() - 1).fragmentLength() - TlsRecord.ALERT_PLAINTEXT_LENGTH;
        int sum = 0;
        int first = response.size() - 1;
        while (sum < payloadLength && first > 0) {
            first--;
            sum += response.get(first).fragmentLength() - overhead;
        }
        if (sum != payloadLength) {
            throw new IllegalStateException("expected records carrying exactly " + payloadLength
                    + " plaintext bytes (record overhead " + overhead + ") before close_notify but the response was "
                    + response);
        }
        return new ResponseLayout(response.subList(first, response.size() - 1).stream()
                .map(r -> r.fragmentLength() - overhead).toList());
    }

    /**
     * How many records carry the payload.
     *
     * @return the number of data records before the close_notify; 0 for an empty payload
     */
    public int dataRecords() {
        return dataPlaintext.size();
    }

    /**
     * The plaintext bytes in whole records when the response is cut at the start of the record that
     * is {@code recordsFromEnd} records before its end (1 is the close_notify), as
     * {@link Fault.CutBeforeEnd} does. Bytes of a cut record do not count: a client cannot decrypt
     * part of a record.
     *
     * @param recordsFromEnd the record the cut falls in, counted from the end: 1 is the close_notify,
     *     2 the last data record; a value beyond the data records delivers nothing
     * @return the plaintext bytes the client can decrypt, 0 to the payload's length
     * @throws IndexOutOfBoundsException if {@code recordsFromEnd} is below 1 (there is no record after the end)
     */
    public int deliveredWhenCutBefore(int recordsFromEnd) {
        int kept = Math.max(0, dataPlaintext.size() - (recordsFromEnd - 1));
        return dataPlaintext.subList(0, kept).stream().mapToInt(Integer::intValue).sum();
    }
}
