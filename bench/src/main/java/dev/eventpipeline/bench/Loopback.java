package dev.eventpipeline.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The benchmark's only rule about where load may go: to servers on this machine's loopback interface. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Returns the address when its host is a loopback address.
     *
     * @throws IllegalArgumentException naming the address, for any other host
     */
    public static URI require(URI address) {
        String host = address.getHost();
        if (host == null || !isLoopback(host)) {
            throw new IllegalArgumentException("the benchmark loads only servers it started itself on 127.0.0.1;"
                    + " refusing " + address);
        }
        return address;
    }

    private static boolean isLoopback(String host) {
        try {
            // A literal address or localhost resolves without asking a name server.
            return (host.equals("localhost") || Character.isDigit(host.charAt(0)) || host.startsWith("["))
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
