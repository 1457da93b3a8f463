package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Creates the JDK HTTP servers of the local Lambda platform on 127.0.0.1 with {@code TCP_NODELAY}.
 * <p>
 * The JDK server keeps Nagle's algorithm on unless the system property {@code sun.net.httpserver.nodelay} is
 * {@code true}; a response it writes as headers then body then waits for the client's delayed ACK, about 40 ms per
 * request on Linux (measured here: 9 invocations/s without, 400/s with). The JDK reads the property once, when the JVM
 * creates its first JDK HTTP server, so it is set here only if nobody set it; a process that starts another JDK HTTP
 * server first (the local DynamoDB does) must pass {@code -Dsun.net.httpserver.nodelay=true} or set it at the start
 * of {@code main}.
 */
final class LocalHttpServer {

    /** The JDK's switch for {@code TCP_NODELAY} on accepted connections. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private LocalHttpServer() {
    }

    static HttpServer create(int port) throws IOException {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    }
}
