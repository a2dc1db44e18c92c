package io.aibatch.engine.speech;

import io.aibatch.engine.Locality;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Where an endpoint runs, when configuration does not say. Only addresses that cannot be public count as in
 * the cluster: loopback, private ranges, Kubernetes service names ({@code *.svc}, {@code *.svc.cluster.local},
 * {@code *.cluster.local}) and single-label host names. Anything else is CLOUD, so that restricted content can
 * never reach a public endpoint by default.
 */
public final class EndpointLocality {

    private EndpointLocality() {
    }

    /** @param configured {@code auto}, {@code in-cluster} or {@code cloud} (case and _/- insensitive) */
    public static Locality resolve(String configured, URI endpoint) {
        String c = configured == null ? "auto" : configured.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (c) {
            case "in-cluster" -> Locality.IN_CLUSTER;
            case "cloud" -> Locality.CLOUD;
            case "auto", "" -> of(endpoint);
            default -> throw new IllegalArgumentException("locality must be auto, in-cluster or cloud, was '" + configured + "'");
        };
    }

    public static Locality of(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return Locality.CLOUD;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".svc") || host.endsWith(".cluster.local") || !host.contains(".")) {
            return Locality.IN_CLUSTER;
        }
        if (host.matches("[0-9.]+") || host.startsWith("[")) {
            try {
                InetAddress a = InetAddress.getByName(host.replace("[", "").replace("]", ""));
                return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() ? Locality.IN_CLUSTER : Locality.CLOUD;
            } catch (java.net.UnknownHostException e) {
                return Locality.CLOUD;
            }
        }
        return Locality.CLOUD;
    }
}
