package dev.meerkat.mqtt;

import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its options. The flags after {@code qos} are MQTT 5's
 * subscription options (section 3.8.3.1) and are sent as 0 on 3.1.1.
 *
 * @param filter            the topic filter; {@code +} matches one level, {@code #} the rest
 * @param qos               the highest QoS to receive at: 0, 1 or 2
 * @param noLocal           do not receive this client's own publications
 * @param retainAsPublished keep the retain flag of forwarded messages
 * @param retainHandling    0 send retained messages at subscribe, 1 only for a new subscription, 2 never
 */
public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    /**
     * Checks the subscription.
     *
     * @param filter the topic filter
     * @param qos 0, 1 or 2
     * @param noLocal do not receive this client's own publications
     * @param retainAsPublished keep the retain flag of forwarded messages
     * @param retainHandling 0, 1 or 2
     * @throws IllegalArgumentException if {@code filter} is not a valid topic filter, or {@code qos} or
     *     {@code retainHandling} is not 0, 1 or 2
     */
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

    /**
     * A subscription with the default options: own publications received, retain flag cleared,
     * retained messages sent at subscribe.
     *
     * @param filter the topic filter
     * @param qos 0, 1 or 2
     * @throws IllegalArgumentException if {@code filter} is not a valid topic filter or {@code qos} is
     *     not 0, 1 or 2
     */
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
