package dev.meerkat;

import dev.meerkat.tls.TlsSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An EventListener that records each call as "side call details", side being client or server. */
public final class ListenerLog implements EventListener {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void connected(Connection c) {
        record(c, "connected");
    }

    @Override
    public void handshakeStarted(Connection c, String provider) {
        record(c, "handshakeStarted " + provider);
    }

    @Override
    public void handshakeFinished(Connection c, TlsSession session) {
        record(c, "handshakeFinished " + session.provider() + " " + session.protocol() + " " + session.cipherSuite()
                + " resumed=" + session.resumed());
    }

    @Override
    public void request(Connection c, String method, String target) {
        record(c, "request " + method + " " + target);
    }

    @Override
    public void response(Connection c, int status) {
        record(c, "response " + status);
    }

    @Override
    public void closed(Connection c, CloseReason reason, Throwable cause, long bytesIn, long bytesOut) {
        record(c, "closed " + reason + " in>0=" + (bytesIn > 0) + " out>0=" + (bytesOut > 0));
    }

    private void record(Connection c, String call) {
        calls.add((c.isClient() ? "client " : "server ") + call);
    }

    public List<String> all() {
        return List.copyOf(calls);
    }

    /** The calls of one side ("client" or "server"), without the side. */
    public List<String> side(String side) {
        return calls.stream().filter(call -> call.startsWith(side + " ")).map(call -> call.substring(side.length() + 1)).toList();
    }
}
