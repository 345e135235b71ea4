package userapi.limits;

import userapi.http.Handler;
import userapi.http.Request;
import userapi.logging.LogContext;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which client a request comes from (TRUSTED_PROXIES): the socket's peer, unless the peer is a proxy listed here;
 * then the right-most address of X-Forwarded-For that is not itself a listed proxy, since each proxy appends the
 * address it was called from and only the entries our own proxies appended can be believed. A client that is not
 * behind a listed proxy cannot choose its address with the header: it is ignored. An entry that is not an IP
 * address (garbage, "unknown", a host name) ends the walk: what lies left of it cannot be believed either, so the
 * client is the last trusted hop seen (the peer, if that was the right-most entry). Addresses come out in one
 * form (InetAddress's: 2001:db8:0:0:0:0:0:1, never 2001:db8::1), so every spelling of one client is one key.
 * Never a DNS lookup: only literals are read.
 */
public final class TrustedProxies {
    /** The header the Router must copy for {@link #around}. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** No proxy is trusted: every request's client is its peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");

    /** One listed address or network: the first {@code bits} bits of an address equal the network's. */
    private record Network(byte[] address, int bits) {
        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (other[full] & mask) == (address[full] & mask);
        }
    }

    private final List<Network> networks;
    private final String listed;

    private TrustedProxies(List<Network> networks, String listed) {
        this.networks = List.copyOf(networks);
        this.listed = listed;
    }

    /**
     * Reads a comma-separated list of IP addresses and CIDR networks, IPv4 or IPv6 (127.0.0.1, 10.0.0.0/8,
     * ::1, 2001:db8::/32); blank is none. @throws IllegalArgumentException naming the first entry it cannot read
     */
    public static TrustedProxies parse(String list) {
        List<Network> networks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            networks.add(network(entry));
            entries.add(entry);
        }
        return networks.isEmpty() ? NONE : new TrustedProxies(networks, String.join(",", entries));
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR network");
        }
        int max = address.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            String prefix = entry.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length that is not 0 to " + max);
            }
            bits = Integer.parseInt(prefix);
        }
        return new Network(address.getAddress(), bits);
    }

    /**
     * The address a literal IPv4 or IPv6 address names (an IPv4-mapped IPv6 one as IPv4), or null if the text is
     * not one; never asks DNS, as the patterns let only digits, hex, dots and colons through.
     */
    static InetAddress literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException notAnAddress) { // 999.1.1.1, a malformed IPv6 literal
            return null;
        }
    }

    /** An X-Forwarded-For entry: an address, an IPv4 one with a port, or a bracketed IPv6 one with or without. */
    private static InetAddress forwarded(String entry) {
        String text = entry.strip();
        var withPort = IPV4_WITH_PORT.matcher(text);
        var bracketed = BRACKETED_IPV6.matcher(text);
        return literal(withPort.matches() ? withPort.group(1) : bracketed.matches() ? bracketed.group(1) : text);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether this address (text, as a peer or an X-Forwarded-For entry gives it) is a listed proxy. */
    public boolean trusts(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && trusted(parsed);
    }

    private boolean trusted(InetAddress address) {
        for (Network network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client of a request from this peer with this X-Forwarded-For (several header lines joined with ", ", in
     * order), in InetAddress's form; a peer that is no address (a test's "unknown") is returned as it is.
     */
    public String clientAddress(String peer, Optional<String> forwardedFor) {
        InetAddress hop = literal(peer);
        if (hop == null) {
            return peer;
        }
        if (!trusted(hop) || forwardedFor.isEmpty()) {
            return hop.getHostAddress();
        }
        String[] entries = forwardedFor.get().split(",");
        for (int i = entries.length - 1; i >= 0; i--) {
            InetAddress entry = forwarded(entries[i]);
            if (entry == null) {
                break; // an entry no proxy of ours wrote: the last trusted hop is all we know
            }
            hop = entry;
            if (!trusted(entry)) {
                break;
            }
        }
        return hop.getHostAddress();
    }

    /**
     * A handler decorator (for Router.around): the request, and the access line through LogContext, get the
     * resolved client address in place of the peer.
     */
    public Handler around(Handler handler) {
        return request -> {
            String client = clientAddress(request.clientAddress(), request.header(FORWARDED_FOR));
            LogContext.setClientAddress(client);
            return handler.handle(request.withClientAddress(client));
        };
    }

    /**
     * The key the password brake counts an address's failures under: an IPv4 address itself, and an IPv6 one by
     * its /64, since one host usually holds a whole /64 and could otherwise take a fresh address for every try.
     */
    public static String network64(String address) {
        InetAddress parsed = literal(address);
        if (parsed == null || parsed instanceof Inet4Address) {
            return parsed == null ? address : parsed.getHostAddress();
        }
        byte[] network = Arrays.copyOf(parsed.getAddress(), 16); // the first 64 bits, the rest zeros
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException cannotHappen) { // 16 bytes are always an address
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** The list as configured, for Config's toString. */
    @Override
    public String toString() {
        return listed.isEmpty() ? "none" : listed;
    }

    /** Only for the record's equality in Config: same list, same proxies. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies proxies && proxies.listed.equals(listed);
    }

    @Override
    public int hashCode() {
        return listed.hashCode();
    }
}
