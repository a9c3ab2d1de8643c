package dev.meerkat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A handler that records events and consumes every Read into {@link #received()}. */
class EventLog implements Handler {
    final List<Event> events = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @Override
    public void handle(Connection connection, Event event) {
        if (event instanceof Event.Poll) {
            return;
        }
        events.add(event);
        if (event instanceof Event.Read read) {
            onRead(connection, read.data());
        }
    }

    /** Consumes everything by default. */
    void onRead(Connection connection, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
    }

    byte[] received() {
        return received.toByteArray();
    }

    Event.Close close() {
        for (Event e : events) {
            if (e instanceof Event.Close c) {
                return c;
            }
        }
        return null;
    }

    boolean closed() {
        return close() != null;
    }

    boolean has(Class<? extends Event> type) {
        return events.stream().anyMatch(type::isInstance);
    }

    long count(Class<? extends Event> type) {
        return events.stream().filter(type::isInstance).count();
    }

    /** Event class names in order, Read/Write/Timer collapsed to one entry per run. */
    List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        for (Event e : events) {
            String name = e.getClass().getSimpleName();
            if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(name)) {
                kinds.add(name);
            }
        }
        return kinds;
    }
}
