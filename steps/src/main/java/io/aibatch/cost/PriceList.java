package io.aibatch.cost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The prices of {@code config/pricing.yaml}: GPU VM sizes per hour (on-demand and spot) and cloud services per
 * unit, each with its source, date and whether it was verified. Units are open: a service may price any unit a job's
 * items produce ({@code pages}, {@code audioSeconds}, {@code tokensIn}, a job's own {@code fieldsExtracted}, ...).
 * <p>
 * A job module contributes its own entries, without anyone editing pricing.yaml, as classpath resources
 * {@value #CONTRIBUTED} in the same format ({@link #load(InputStream, String, ClassLoader)}).
 *
 * @param equivalents per run unit, the services that would do the same work in the cloud; the first is the one the
 *                    comparison counts
 * @param apiSpend    per engine that can run in the cloud, the services whose prices a run pays when it does: OCR engines
 *                    as {@code --ocr} names them (document-intelligence as {@code document-intelligence/<model>}) per page,
 *                    {@code azure-openai} per input and output token
 */
public record PriceList(
        String source,
        String currency,
        Double hoursPerMonth,
        Map<String, VmPrice> vms,
        Map<String, ServicePrice> services,
        Map<String, List<String>> equivalents,
        Map<String, List<String>> apiSpend,
        Map<String, Metering> metering) {

    /** Where job modules ship price entries of their own (same format as pricing.yaml). */
    public static final String CONTRIBUTED = "classpath*:META-INF/aibatch/pricing/*.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    public PriceList {
        currency = currency == null ? "USD" : currency;
        hoursPerMonth =
                hoursPerMonth == null || hoursPerMonth <= 0 ? 730.0 : hoursPerMonth; // a file without it: Azure's 730 h
        vms = vms == null ? Map.of() : Map.copyOf(vms);
        services = services == null ? Map.of() : Map.copyOf(services);
        // in the file's order: the cost lines follow it
        equivalents = equivalents == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(equivalents));
        apiSpend = apiSpend == null ? Map.of() : Map.copyOf(apiSpend);
        metering = metering == null ? Map.of() : Map.copyOf(metering);
        for (Map.Entry<String, Metering> entry : metering.entrySet()) {
            Metering m = entry.getValue();
            if (!Metering.BILLINGS.contains(m.billing())) {
                throw new IllegalArgumentException("pricing: metering." + entry.getKey() + ".billing must be one of "
                        + Metering.BILLINGS + " but was '" + m.billing() + "'");
            }
            if (m.billing().equals(Metering.CONNECTED) && !apiSpend.containsKey(entry.getKey())) {
                throw new IllegalArgumentException("pricing: metering." + entry.getKey()
                        + " is connected (billed per unit) but api-spend " + "names no price for " + entry.getKey());
            }
            if (m.billing().equals(Metering.DISCONNECTED) && (m.monthlyFee() == null || m.monthlyFee() < 0)) {
                throw new IllegalArgumentException(
                        "pricing: metering." + entry.getKey() + " is disconnected (commitment plan) and needs "
                                + "monthly-fee (the plan's fee per month, >= 0)");
            }
        }
        for (Map.Entry<String, List<String>> entry : equivalents.entrySet()) {
            for (String service : entry.getValue()) {
                ServicePrice price = services.get(service);
                if (price == null) {
                    throw new IllegalArgumentException("pricing: equivalents." + entry.getKey() + " names service '"
                            + service + "', which is not under services");
                }
                if (!price.unit().equals(entry.getKey())) {
                    throw new IllegalArgumentException(
                            "pricing: service '" + service + "' prices " + price.unit() + ", not " + entry.getKey());
                }
            }
        }
        for (Map.Entry<String, List<String>> entry : apiSpend.entrySet()) {
            for (String service : entry.getValue()) {
                if (!services.containsKey(service)) {
                    throw new IllegalArgumentException("pricing: api-spend." + entry.getKey() + " names service '"
                            + service + "', which is not under services");
                }
            }
        }
    }

    /**
     * @param onDemandPerHour pay-as-you-go price of one node-hour
     * @param spotPerHour     spot price of one node-hour, or null when the size has none
     */
    public record VmPrice(
            String description,
            String region,
            double onDemandPerHour,
            Double spotPerHour,
            String source,
            String date,
            boolean verified) {

        public Double perHour(boolean spot) {
            return spot ? spotPerHour : Double.valueOf(onDemandPerHour);
        }
    }

    /**
     * @param unit  the unit it bills by: any unit name items produce (pages, audioSeconds, tokensIn, tokensOut, a job's own)
     * @param per   the price is for this many units (1000 pages, 3600 audio seconds, 1M tokens)
     * @param price flat price per {@code per} units, or null when {@code tiers} apply
     * @param tiers monthly volume tiers (in units), cheapest last
     */
    public record ServicePrice(
            String name,
            String unit,
            double per,
            Double price,
            List<Tier> tiers,
            String source,
            String date,
            boolean verified) {

        public ServicePrice {
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
            if (unit == null || !unit.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException(
                        "pricing: service '" + name + "' needs a unit, a unit name as items report it "
                                + "(pages, audioSeconds, tokensIn, fieldsExtracted, ...), not '" + unit + "'");
            }
            if (price == null && tiers.isEmpty()) {
                throw new IllegalArgumentException("pricing: service '" + name + "' has neither a price nor tiers");
            }
            if (per <= 0) {
                throw new IllegalArgumentException("pricing: service '" + name + "' needs per > 0");
            }
        }

        /** What {@code quantity} units cost when they are the month's whole volume (tiers fill from the first). */
        public double cost(double quantity) {
            if (tiers.isEmpty()) {
                return quantity / per * price;
            }
            double cost = 0, from = 0;
            for (Tier tier : tiers) {
                double upTo = tier.upTo() == null ? Double.POSITIVE_INFINITY : tier.upTo();
                double inTier = Math.max(0, Math.min(quantity, upTo) - from);
                cost += inTier / per * tier.price();
                from = upTo;
                if (quantity <= upTo) {
                    break;
                }
            }
            return cost;
        }

        /** The price as people say it: "$1.50 / 1,000 pages", or "$1.50 / $0.60 / $0.40 per 1,000 pages (tiers)". */
        public String describe(String currencySymbol) {
            String unitWords =
                    switch (unit) {
                        case "pages" -> per == 1000 ? "1,000 pages" : (long) per + " pages";
                        case "audioSeconds" -> per == 3600 ? "audio hour" : (long) per + " audio seconds";
                        case "tokensIn" -> per == 1_000_000 ? "1M input tokens" : (long) per + " input tokens";
                        case "tokensOut" -> per == 1_000_000 ? "1M output tokens" : (long) per + " output tokens";
                        default -> String.format(java.util.Locale.ROOT, "%,d", (long) per) + " " + unit;
                    };
            if (tiers.isEmpty()) {
                return currencySymbol + money(price) + " / " + unitWords;
            }
            StringBuilder text = new StringBuilder();
            for (Tier tier : tiers) {
                text.append(text.isEmpty() ? "" : " / ").append(currencySymbol).append(money(tier.price()));
            }
            return text + " per " + unitWords + " (monthly volume tiers)";
        }
    }

    /**
     * How an engine is billed when it runs in the cluster (a container): {@code connected} containers report usage to Azure
     * and are billed per unit at the {@code api-spend} prices wherever they run; {@code disconnected} ones run on a
     * commitment plan whose {@code monthlyFee} a run pays by its share of the month; {@code none} costs nothing beyond
     * the node-hours. An engine without an entry is billed per unit in the cloud only.
     */
    public record Metering(String billing, Double monthlyFee, String source, String date, Boolean verified) {
        public static final String CONNECTED = "connected", DISCONNECTED = "disconnected", NONE = "none";
        static final List<String> BILLINGS = List.of(CONNECTED, DISCONNECTED, NONE);
    }

    /** @param upTo exclusive upper bound of the tier in units per month; null for the last tier */
    public record Tier(Double upTo, double price) {}

    public static PriceList load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    /** This file's prices alone. */
    public static PriceList load(InputStream in, String source) throws IOException {
        return YAML.readValue(in, Fragment.class).toPriceList(source);
    }

    /**
     * The user's price list plus the entries job modules contribute as {@value #CONTRIBUTED}. On a duplicate key
     * (a VM size, service, unit of equivalents, engine of api-spend or metering) the user's file wins, so a user can
     * override a job's prices in their own pricing.yaml; between two contributions the first in classpath order wins.
     * A contribution's currency and hours-per-month are ignored (the user's file sets them); a contribution priced in
     * another currency is refused rather than added up with the user's.
     */
    public static PriceList load(InputStream in, String source, ClassLoader contributors) throws IOException {
        Fragment merged = YAML.readValue(in, Fragment.class);
        StringBuilder sources = new StringBuilder(source);
        Resource[] resources = new PathMatchingResourcePatternResolver(contributors).getResources(CONTRIBUTED);
        java.util.Arrays.sort(resources, java.util.Comparator.comparing(Resource::getDescription));
        for (Resource resource : resources) {
            Fragment contributed;
            try (InputStream part = resource.getInputStream()) {
                contributed = YAML.readValue(part, Fragment.class);
            } catch (RuntimeException e) { // Jackson's exceptions are unchecked
                throw new IllegalArgumentException(
                        "pricing: could not read " + resource.getDescription() + ": " + e.getMessage(), e);
            }
            merged = merged.plusMissing(contributed, resource.getDescription());
            sources.append(" + ").append(resource.getFilename());
        }
        return merged.toPriceList(sources.toString());
    }

    /** A price file as written, before it is checked as a whole (a contribution may name services of another file). */
    record Fragment(
            String currency,
            Double hoursPerMonth,
            Map<String, VmPrice> vms,
            Map<String, ServicePrice> services,
            Map<String, List<String>> equivalents,
            Map<String, List<String>> apiSpend,
            Map<String, Metering> metering) {

        PriceList toPriceList(String source) {
            return new PriceList(source, currency, hoursPerMonth, vms, services, equivalents, apiSpend, metering);
        }

        /** This fragment plus the entries of {@code other} it lacks. */
        Fragment plusMissing(Fragment other, String otherSource) {
            String mine = currency == null ? "USD" : currency;
            if (other.currency != null && !other.currency.equals(mine)) {
                throw new IllegalArgumentException("pricing: " + otherSource + " prices in " + other.currency
                        + " but the price list is in " + mine + "; give its prices in " + mine);
            }
            return new Fragment(
                    currency,
                    hoursPerMonth,
                    missing(vms, other.vms),
                    missing(services, other.services),
                    missing(equivalents, other.equivalents),
                    missing(apiSpend, other.apiSpend),
                    missing(metering, other.metering));
        }

        private static <V> Map<String, V> missing(Map<String, V> mine, Map<String, V> theirs) {
            Map<String, V> merged = new java.util.LinkedHashMap<>(mine == null ? Map.of() : mine);
            if (theirs != null) {
                theirs.forEach(merged::putIfAbsent);
            }
            return merged;
        }
    }

    /** 1.5 → "1.50", 0.6 → "0.60", 0.0025 → "0.0025". */
    static String money(double value) {
        if (Math.abs(value * 100 - Math.rint(value * 100)) < 1e-9) {
            return java.lang.String.format(java.util.Locale.ROOT, "%,.2f", value);
        }
        return java.lang.String.format(java.util.Locale.ROOT, "%.6f", value).replaceAll("0+$", "");
    }
}
