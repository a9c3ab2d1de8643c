package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Options;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A UDP socket: a bound listener that sees every sender, or a connected client. Datagrams are not
 * queued: {@link #send} hands one datagram to the kernel at once or returns false.
 */
final class DatagramConn extends Conn {
    /** The largest UDP payload. */
    private static final int MAX_DATAGRAM = 65507;
    /** Datagrams read per readiness, so one busy socket cannot starve the others. */
    private static final int RECEIVES_PER_POLL = 32;

    private final boolean listener;
    private final ByteQueue scratch;
    private DatagramChannel channel;

    private DatagramConn(Loop loop, Options options, Handler handler, boolean listener) {
        super(loop, options, handler, !listener);
        this.listener = listener;
        this.scratch = new ByteQueue(loop.account());
    }

    static DatagramConn listen(Loop loop, Endpoint endpoint, Options options, Handler handler) throws IOException {
        DatagramConn conn = new DatagramConn(loop, options, handler, true);
        conn.channel = DatagramChannel.open();
        try {
            conn.channel.configureBlocking(false);
            conn.channel.bind(new InetSocketAddress(endpoint.host(), endpoint.port()));
        } catch (IOException e) {
            loop.closeQuietly(conn.channel);
            throw e;
        }
        conn.localAddress = (InetSocketAddress) conn.channel.getLocalAddress();
        loop.register(conn, conn.channel, SelectionKey.OP_READ);
        return conn;
    }

    static DatagramConn connecting(Loop loop, Options options, Handler handler) {
        return new DatagramConn(loop, options, handler, false);
    }

    /** The address resolved: UDP "connects" at once. */
    void connectTo(InetSocketAddress address) {
        remoteAddress = address;
        try {
            channel = DatagramChannel.open();
            channel.configureBlocking(false);
            channel.connect(address);
            localAddress = (InetSocketAddress) channel.getLocalAddress();
            loop.register(this, channel, SelectionKey.OP_READ);
        } catch (IOException e) {
            fail(failure("UDP connect failed", e));
            return;
        }
        touched();
        fire(new Event.Connect());
    }

    @Override
    void onReady(int readyOps) {
        try {
            ByteBuffer buffer = scratch.fillable(MAX_DATAGRAM);
            for (int i = 0; i < RECEIVES_PER_POLL && !isClosing(); i++) {
                buffer.clear();
                InetSocketAddress sender = (InetSocketAddress) channel.receive(buffer);
                if (sender == null) {
                    break;
                }
                touched();
                remoteAddress = sender;
                fire(new Event.Datagram(buffer.flip(), sender));
            }
        } catch (IOException e) {
            // A connected UDP socket learns of ICMP "port unreachable" here.
            fail(failure("UDP receive failed", e));
        } finally {
            scratch.release();
        }
    }

    @Override
    public boolean send(ByteBuffer data) {
        return remoteAddress != null && sendTo(remoteAddress, data);
    }

    @Override
    public boolean isWritable() {
        // A datagram goes to the kernel at once or not at all: nothing queues.
        return !isClosing();
    }

    @Override
    public boolean sendTo(InetSocketAddress target, ByteBuffer data) {
        loop.checkThread();
        if (isClosing() || channel == null) {
            return false;
        }
        if (channel.isConnected() && !target.equals(remoteAddress)) {
            throw new IllegalArgumentException("expected the connected peer " + remoteAddress
                    + " as target but was " + target);
        }
        try {
            int expected = data.remaining();
            int sent = channel.isConnected() ? channel.write(data) : channel.send(data, target);
            if (sent > 0) {
                touched();
            }
            return sent == expected;
        } catch (IOException e) {
            fail(failure("UDP send to " + target + " failed", e));
            return false;
        }
    }

    @Override
    void service() {
        if (isAbandoned() && !isClosed()) {
            decide(CloseReason.LOCAL, null, false);
            finish();
        }
    }

    @Override
    boolean isEstablished() {
        return listener || channel != null;
    }

    @Override
    boolean hasTimeouts() {
        return !listener;
    }

    @Override
    public boolean isListener() {
        return listener;
    }

    @Override
    public boolean isUdp() {
        return true;
    }

    @Override
    void releaseResources() {
        scratch.release();
        loop.closeQuietly(channel);
    }
}
