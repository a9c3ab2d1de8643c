package dev.meerkat.benchmarks.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The anchor: Netty 4.2 on NIO with one event loop thread doing accept and I/O, {@code HttpServerCodec}
 * plus {@code HttpObjectAggregator}, answering every request with the same 1 KiB body, keep-alive
 * unless the request asks to close. Buffers come from Netty's default allocator.
 */
final class NettyServer implements BenchServer {

    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final byte[] BODY = ResponseBody.bytes();

    private final EventLoopGroup group;
    private final SslContext tls;
    private final Channel listener;
    private final ChannelGroup connections;

    private NettyServer(EventLoopGroup group, SslContext tls, Channel listener, ChannelGroup connections) {
        this.group = group;
        this.tls = tls;
        this.listener = listener;
        this.connections = connections;
    }

    static NettyServer start(ServerSpec spec) throws Exception {
        SslContext tls = spec.isPlain() ? null : ServerCertificate.nettyContext(spec);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup(group.next());
        try {
            Channel listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(initializer(tls, connections))
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            return new NettyServer(group, tls, listener, connections);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static ChannelInitializer<SocketChannel> initializer(SslContext tls, ChannelGroup connections) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                connections.add(channel);
                ChannelPipeline pipeline = channel.pipeline();
                if (tls != null) {
                    pipeline.addLast(tls.newHandler(channel.alloc()));
                }
                pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), new Answer());
            }
        };
    }

    /** Replies 200 with the body; closes after the reply when the request was not keep-alive. */
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(BODY));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, ResponseBody.CONTENT_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                context.writeAndFlush(response, context.voidPromise());
            } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            // A peer that resets or fails the handshake ends only its own connection, as in Meerkat.
            context.close();
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public int openConnections() {
        return connections.size();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        ReferenceCountUtil.release(tls);
    }
}
