package org.leakguard.platform.windows.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.platform.windows.Adapter;
import org.leakguard.platform.windows.Adapters;

/** Every adapter from {@code GetAdaptersAddresses(AF_UNSPEC)}, with its DNS servers and addresses. */
public final class JnaAdapters implements Adapters {

    @Override
    public List<Adapter> list() throws IOException {
        IpHelper api = IpHelper.load();
        int flags = IpHelper.GAA_FLAG_SKIP_ANYCAST | IpHelper.GAA_FLAG_SKIP_MULTICAST;
        IntByReference size = new IntByReference(16 * 1024);
        for (int attempt = 0; attempt < 5; attempt++) {
            Memory buffer = new Memory(size.getValue());
            int rc = api.GetAdaptersAddresses(IpHelper.AF_UNSPEC, flags, null, buffer, size);
            if (rc == 0) {
                return read(buffer);
            }
            if (rc == IpHelper.ERROR_NO_DATA) {
                return List.of();
            }
            if (rc != IpHelper.ERROR_BUFFER_OVERFLOW) {
                throw new IOException("GetAdaptersAddresses failed: Win32 error " + rc);
            }
        }
        throw new IOException("GetAdaptersAddresses: the adapter list kept growing while it was read; try again");
    }

    private static List<Adapter> read(Pointer first) throws IOException {
        List<Adapter> out = new ArrayList<>();
        for (Pointer p = first; p != null; ) {
            IpHelper.AdapterAddresses a = new IpHelper.AdapterAddresses(p);
            out.add(new Adapter(a.AdapterName.getString(0, "US-ASCII"), wide(a.FriendlyName), wide(a.Description),
                    a.IfIndex, a.IfType, a.OperStatus == IpHelper.IF_OPER_STATUS_UP,
                    addresses(a.FirstDnsServerAddress), addresses(a.FirstUnicastAddress)));
            p = a.Next;
        }
        return out;
    }

    private static String wide(Pointer p) {
        return p == null ? "" : p.getWideString(0);
    }

    private static List<InetAddress> addresses(Pointer first) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (Pointer p = first; p != null; ) {
            IpHelper.AddressEntry e = new IpHelper.AddressEntry(p);
            if (e.Sockaddr != null) {
                InetAddress a = sockaddr(e.Sockaddr);
                if (a != null) {
                    out.add(a);
                }
            }
            p = e.Next;
        }
        return out;
    }

    /** SOCKADDR_IN (family 2, address at byte 4) or SOCKADDR_IN6 (family 23, address at byte 8). */
    private static InetAddress sockaddr(Pointer s) throws IOException {
        short family = s.getShort(0);
        try {
            if (family == IpHelper.AF_INET) {
                return InetAddress.getByAddress(s.getByteArray(4, 4));
            }
            if (family == IpHelper.AF_INET6) {
                return InetAddress.getByAddress(s.getByteArray(8, 16));
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IOException("an adapter address of the wrong length", e);
        }
    }
}
