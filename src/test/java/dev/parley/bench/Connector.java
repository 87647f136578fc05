package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens the load client's connections: a bounded number at a time (a connection counts until the server's
 * first frame says it is open), whose socket reads and writes all run on one Netty event loop group of
 * {@value #THREADS} threads. Netty, not the JDK's {@code java.net.http.WebSocket}: on a 2-core machine shared
 * with the server under test, the JDK client cost too much CPU per connection (5 to 8 s for 5,000) and per frame
 * (it could not read 100,000 small frames/s), so it, not the server, limited several figures.
 */
final class Connector implements AutoCloseable {
    private static final int THREADS = 2;
    private static final int TIMEOUT_MILLIS = 30_000;
    /** Largest frame, or fragmented message, read: far above any welcome with its history. */
    private static final int MAX_FRAME = 16 << 20;
    // epoll where Netty's native library loads (Linux): fewer syscalls and cheaper wake-ups than NIO's selector
    private static final boolean EPOLL = Epoll.isAvailable();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(THREADS,
            EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final Bootstrap bootstrap = new Bootstrap().group(group)
            .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_MILLIS);

    /** Open connections and their members, in the order of the addresses asked for. */
    record Opened(List<Link> links, List<Member> members, long nanos, int failed) {
        void closeAll() throws InterruptedException {
            for (Link link : links) {
                link.sendClose();
            }
            Thread.sleep(500);
            for (Link link : links) {
                link.close();
            }
        }
    }

    /**
     * Opens one connection per address, at most {@code inFlight} unfinished at once, and waits for each to be
     * ready; fails when one failed or all did not open within {@code timeout}.
     */
    Opened open(Adapter adapter, List<URI> uris, int inFlight, Duration timeout) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Member> members = new ArrayList<>(uris.size());
        List<Link> links = new ArrayList<>(uris.size());
        long start = System.nanoTime();
        for (URI uri : uris) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("opened " + members.size() + " of " + uris.size() + " connections to "
                        + uri.getAuthority() + " within " + timeout.toSeconds() + " s");
            }
            Member member = new Member(adapter, slots::release);
            members.add(member);
            links.add(connect(uri, member));
        }
        if (!slots.tryAcquire(inFlight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException((inFlight - slots.availablePermits()) + " of " + uris.size()
                    + " connections not ready within " + timeout.toSeconds() + " s");
        }
        long nanos = System.nanoTime() - start;
        int failed = 0;
        String why = "";
        for (Member member : members) {
            if (member.closed()) {
                failed++;
                why = member.why();
            }
        }
        Opened opened = new Opened(links, members, nanos, failed);
        if (failed > 0) {
            opened.closeAll();
            throw new IllegalStateException(failed + " of " + uris.size() + " connections failed (" + why + ")");
        }
        return opened;
    }

    /** Starts the connection; the member hears of every frame, the close and any failure. */
    private Link connect(URI uri, Member member) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME).handshakeTimeoutMillis(TIMEOUT_MILLIS)
                .generateOriginHeader(false).withUTF8Validator(false)
                // close frames reach Reader (for their reason); close() closes at once, as closeAll wants
                .handleCloseFrames(false).sendCloseFrame(null).build();
        Channel channel = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // the aggregator reads the handshake's response only: the handshake removes it
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                        new Reader(member));
            }
        }).connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort())).addListener(f -> {
            if (!f.isSuccess()) {
                member.onError(f.cause());
            }
        }).channel();
        return new NettyLink(channel);
    }

    /** Hands a connection's whole text frames, decoded once, and its end to its member. */
    private static final class Reader extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Member member;

        Reader(Member member) {
            this.member = member;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                member.onText(text.text());
            } else if (frame instanceof CloseWebSocketFrame close) {
                member.onClose(close.statusCode(), close.reasonText());
                ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            member.onError(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!member.closed()) {
                member.onError(new IOException("connection closed without a close frame"));
            }
        }
    }

    /**
     * A send completes at once while the channel is writable (what is queued is under Netty's high-water
     * mark), and only when its write did otherwise: waiting for every write would hand each frame between
     * the sending thread and the event loop twice, which costs the load client more than the write. A write
     * that failed fails the next send.
     */
    private static final class NettyLink implements Link {
        private final Channel channel;
        private volatile Throwable failed;

        NettyLink(Channel channel) {
            this.channel = channel;
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            if (failed != null) {
                return CompletableFuture.failedFuture(failed);
            }
            boolean writable = channel.isWritable();
            CompletableFuture<Void> sent = writable ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> {
                if (f.isSuccess()) {
                    sent.complete(null);
                } else {
                    failed = f.cause();
                    sent.completeExceptionally(f.cause());
                }
            });
            return sent;
        }

        @Override
        public void sendClose() {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "done"));
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
