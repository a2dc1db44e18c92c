package io.aibatch.engine.speech;

import io.aibatch.engine.Locality;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where an endpoint runs, when configuration does not say. Only names and addresses that cannot be public count as
 * in the cluster: loopback, private (site-local, link-local, IPv6 unique-local) addresses, and Kubernetes service
 * names: {@code svc}, {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local}. A two-label name counts
 * as {@code svc.ns} only when its last label is not a public top-level domain ({@code workspace-phi-4-mini.kaito}
 * is in the cluster, {@code my.dev} or {@code example.com} are not); the list of top-level domains is the JDK's
 * public-suffix data, and without it every two-label name counts as cloud. A name that passes by its form but
 * resolves here to a public address is CLOUD too. Anything else is CLOUD, so that restricted content can never reach
 * a public endpoint by default.
 */
public final class EndpointLocality {

    private static final Set<String> TOP_LEVEL_DOMAINS = loadTopLevelDomains();

    private EndpointLocality() {}

    /** @param configured {@code auto}, {@code in-cluster} or {@code cloud} (case and _/- insensitive) */
    public static Locality resolve(String configured, URI endpoint) {
        String c = configured == null
                ? "auto"
                : configured.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (c) {
            case "in-cluster" -> Locality.IN_CLUSTER;
            case "cloud" -> Locality.CLOUD;
            case "auto", "" -> of(endpoint);
            default ->
                throw new IllegalArgumentException(
                        "locality must be auto, in-cluster or cloud, was '" + configured + "'");
        };
    }

    /**
     * The locality of an engine whose role already fixes a floor: a role that is cloud by definition (Azure OpenAI
     * for unrestricted summaries) stays CLOUD even on a loopback or private address; an in-cluster role gets
     * whatever its endpoint resolves to.
     */
    public static Locality stricter(Locality role, Locality endpoint) {
        return role == Locality.CLOUD || endpoint == Locality.CLOUD ? Locality.CLOUD : Locality.IN_CLUSTER;
    }

    public static Locality of(URI endpoint) {
        return whyCloud(endpoint) == null ? Locality.IN_CLUSTER : Locality.CLOUD;
    }

    /** Looks a host name up; the JVM's resolver in production, a fixed table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws java.net.UnknownHostException;
    }

    /** Why {@code endpoint} counts as CLOUD under {@code auto}, in words for an error message; null when it is in-cluster. */
    public static String whyCloud(URI endpoint) {
        return whyCloud(endpoint, InetAddress::getAllByName);
    }

    /**
     * As {@link #whyCloud(URI)}: a name that passes by its form must also not resolve to a public address (e.g. a
     * private DNS name that is an alias of a public endpoint); a name that does not resolve here is judged by its form.
     */
    public static String whyCloud(URI endpoint, Resolver resolver) {
        String byForm = whyCloudByForm(endpoint);
        String host = endpoint.getHost();
        if (byForm != null
                || host == null
                || host.startsWith("[")
                || host.matches("[0-9.]+")
                || host.equalsIgnoreCase("localhost")) {
            return byForm;
        }
        try {
            for (InetAddress address : resolver.resolve(host)) {
                if (address(address) != null) {
                    return "it resolves to " + address.getHostAddress() + ", a public address";
                }
            }
        } catch (java.net.UnknownHostException e) {
            // not resolvable from here (e.g. a cluster name outside the cluster): its form decides
        }
        return null;
    }

    private static String whyCloudByForm(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return "it names no host that could be checked";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("[") || host.matches("[0-9.]+")) {
            return address(host.replace("[", "").replace("]", ""));
        }
        if (host.isEmpty() || Character.isDigit(host.charAt(0))) {
            // not an address Java parses (e.g. 0x08080808), yet a resolver may read it as one; service names start with
            // a letter
            return "it looks like a number the resolver may read as a public address";
        }
        if (host.equals("localhost")
                || !host.contains(".")
                || host.endsWith(".svc")
                || host.endsWith(".svc.cluster.local")
                || host.endsWith(".cluster.local")) {
            return null;
        }
        String[] labels = host.split("\\.");
        if (labels.length == 2) {
            if (TOP_LEVEL_DOMAINS.isEmpty()) {
                return "'" + labels[1]
                        + "' may be a public top-level domain (this JVM has no public-suffix list to tell)";
            }
            return TOP_LEVEL_DOMAINS.contains(labels[1]) ? "'." + labels[1] + "' is a public top-level domain" : null;
        }
        return "it is a DNS name outside the cluster's service domain (not <svc>, <svc>.<ns>, <svc>.<ns>.svc or *.svc.cluster.local)";
    }

    private static String address(String literal) {
        InetAddress a;
        try {
            a = InetAddress.getByName(literal); // an IP literal: parsed, never looked up
        } catch (java.net.UnknownHostException e) {
            return "it is not a valid address";
        }
        return address(a);
    }

    private static String address(InetAddress a) {
        byte[] bytes = a.getAddress();
        boolean uniqueLocal = a instanceof Inet6Address && (bytes[0] & 0xFE) == 0xFC; // fc00::/7
        boolean sharedSpace =
                bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64; // 100.64.0.0/10 (RFC 6598)
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || uniqueLocal || sharedSpace) {
            return null;
        }
        return "it is a public IP address (not loopback or a private range)";
    }

    /** The JDK's public-suffix data is a ZIP with one entry per top-level domain. */
    private static Set<String> loadTopLevelDomains() {
        Path file = Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat");
        Set<String> tlds = new HashSet<>();
        if (Files.isReadable(file)) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    tlds.add(entries.nextElement().getName().toLowerCase(Locale.ROOT));
                }
            } catch (IOException e) {
                tlds.clear(); // unreadable: every two-label name counts as cloud
            }
        }
        return Set.copyOf(tlds);
    }
}
