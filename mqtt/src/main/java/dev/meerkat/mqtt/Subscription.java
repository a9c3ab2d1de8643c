package dev.meerkat.mqtt;

import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its options. The flags after {@code qos} are MQTT 5's
 * subscription options (section 3.8.3.1) and are sent as 0 on 3.1.1.
 *
 * @param noLocal           do not receive this client's own publications
 * @param retainAsPublished keep the retain flag of forwarded messages
 * @param retainHandling    0 send retained messages at subscribe, 1 only for a new subscription, 2 never
 */
public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    public Subscription {
        Topics.checkFilter(filter);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("expected QoS 0, 1 or 2 for " + filter + " but was " + qos);
        }
        if (retainHandling < 0 || retainHandling > 2) {
            throw new IllegalArgumentException("expected retain handling 0, 1 or 2 for " + filter + " but was "
                    + retainHandling);
        }
    }

    public Subscription(String filter, int qos) {
        this(filter, qos, false, false, 0);
    }

    int optionsByte() {
        return qos | (noLocal ? 4 : 0) | (retainAsPublished ? 8 : 0) | retainHandling << 4;
    }

    @Override
    public String toString() {
        return Objects.toString(filter) + "@" + qos;
    }
}
