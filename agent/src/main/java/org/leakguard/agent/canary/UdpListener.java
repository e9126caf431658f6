package org.leakguard.agent.canary;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DNS over UDP: {@code readers} threads receive on one socket and answer in turn, so parsing one
 * packet never holds up the next. A bad packet costs that packet only: it is counted and the loop
 * goes on; only an Error (out of memory) ends a thread, and /healthz then says so.
 */
final class UdpListener implements Listener {
    private final DatagramSocket socket;
    private final CanaryZone zone;
    private final BadPackets bad;
    private final List<Thread> threads = new ArrayList<>();
    private final InetSocketAddress address;

    UdpListener(InetSocketAddress bind, CanaryZone zone, BadPackets bad, int readers) throws IOException {
        this.socket = new DatagramSocket(bind);
        this.address = (InetSocketAddress) socket.getLocalSocketAddress();
        this.zone = zone;
        this.bad = bad;
        for (int i = 0; i < readers; i++) {
            Thread t = new Thread(this::serve, "canary-udp-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    @Override
    public String name() {
        return "dns/udp " + Endpoints.show(address());
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void start() {
        threads.forEach(Thread::start);
    }

    @Override
    public boolean alive() {
        return !socket.isClosed() && threads.stream().allMatch(Thread::isAlive);
    }

    private void serve() {
        byte[] buf = new byte[65535];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            in.setData(buf);
            try {
                socket.receive(in);
            } catch (IOException e) {
                continue;
            }
            byte[] query = Arrays.copyOf(in.getData(), in.getLength());
            byte[] reply;
            try {
                reply = zone.respond(query, in.getAddress(), true);
            } catch (BadPacket e) {
                bad.count(name(), in.getAddress().getHostAddress(), e.getMessage());
                reply = e.reply();
            } catch (RuntimeException e) {
                bad.count(name(), in.getAddress().getHostAddress(), String.valueOf(e));
                reply = null;
            }
            if (reply != null) {
                try {
                    socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                } catch (IOException e) {
                    bad.count(name(), in.getAddress().getHostAddress(), "reply not sent: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
