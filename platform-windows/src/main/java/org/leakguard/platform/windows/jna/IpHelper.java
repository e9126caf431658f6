package org.leakguard.platform.windows.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * {@code GetAdaptersAddresses} from iphlpapi.dll, which jna-platform's IPHlpAPI does not map. The
 * structures stop after the fields leakguard reads: they are only ever read from memory Windows
 * filled, never allocated, so the rest of each structure may be left out.
 */
interface IpHelper extends Library {
    int AF_UNSPEC = 0;
    int AF_INET = 2;
    int AF_INET6 = 23;
    int GAA_FLAG_SKIP_ANYCAST = 0x2;
    int GAA_FLAG_SKIP_MULTICAST = 0x4;
    int ERROR_BUFFER_OVERFLOW = 111;
    int ERROR_NO_DATA = 232;
    int IF_OPER_STATUS_UP = 1;

    int GetAdaptersAddresses(int family, int flags, Pointer reserved, Pointer addresses, IntByReference size);

    /** Loaded on first use only, so other platforms never touch native code. */
    static IpHelper load() {
        return Native.load("iphlpapi", IpHelper.class);
    }

    /** IP_ADAPTER_ADDRESSES_LH up to Ipv6IfIndex. The leading union is Length and IfIndex. */
    @Structure.FieldOrder({"Length", "IfIndex", "Next", "AdapterName", "FirstUnicastAddress", "FirstAnycastAddress",
        "FirstMulticastAddress", "FirstDnsServerAddress", "DnsSuffix", "Description", "FriendlyName", "PhysicalAddress",
        "PhysicalAddressLength", "Flags", "Mtu", "IfType", "OperStatus", "Ipv6IfIndex"})
    final class AdapterAddresses extends Structure {
        public int Length;
        public int IfIndex;
        public Pointer Next;
        public Pointer AdapterName;
        public Pointer FirstUnicastAddress;
        public Pointer FirstAnycastAddress;
        public Pointer FirstMulticastAddress;
        public Pointer FirstDnsServerAddress;
        public Pointer DnsSuffix;
        public Pointer Description;
        public Pointer FriendlyName;
        public byte[] PhysicalAddress = new byte[8];
        public int PhysicalAddressLength;
        public int Flags;
        public int Mtu;
        public int IfType;
        public int OperStatus;
        public int Ipv6IfIndex;

        AdapterAddresses(Pointer p) {
            super(p);
            read();
        }
    }

    /**
     * The shared start of IP_ADAPTER_UNICAST_ADDRESS_LH and IP_ADAPTER_DNS_SERVER_ADDRESS_XP: a
     * length, a link to the next one and a SOCKET_ADDRESS.
     */
    @Structure.FieldOrder({"Length", "Flags", "Next", "Sockaddr", "SockaddrLength"})
    final class AddressEntry extends Structure {
        public int Length;
        public int Flags;
        public Pointer Next;
        public Pointer Sockaddr;
        public int SockaddrLength;

        AddressEntry(Pointer p) {
            super(p);
            read();
        }
    }
}
