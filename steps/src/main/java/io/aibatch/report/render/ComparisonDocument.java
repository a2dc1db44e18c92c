package io.aibatch.report.render;

import static io.aibatch.report.render.Formats.count;
import static io.aibatch.report.render.Formats.millis;
import static io.aibatch.report.render.Formats.number;
import static io.aibatch.report.render.Formats.seconds;

import io.aibatch.cost.RunCost;
import io.aibatch.report.Comparison;
import io.aibatch.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/** comparison.json side by side, for comparison.md and comparison.html. */
public final class ComparisonDocument {

    private ComparisonDocument() {}

    public static Document of(Comparison comparison) {
        Document doc = new Document(
                "Comparison " + comparison.comparisonId(),
                comparison.job() + " · " + comparison.input() + " · "
                        + comparison.profiles().size() + " profiles");
        List<Comparison.Profile> profiles = comparison.profiles();
        Document.Section summary = doc.section("Summary");
        List<String> lines = new ArrayList<>();
        for (Comparison.Profile p : profiles) {
            lines.add(p.name() + " (" + p.locality() + (p.description().isBlank() ? "" : ", " + p.description()) + "): "
                    + RunReportDocument.answer(p.report()));
        }
        summary.blocks().add(new Document.Bullets(lines));
        summary.blocks()
                .add(new Document.Paragraph(
                        "Restricted items: " + comparison.restrictedItems().explanation()));
        summary.blocks()
                .add(new Document.Paragraph("Equal terms: each profile's warm-up ("
                        + (comparison.warmUp() == null ? "until its first committed item" : comparison.warmUp())
                        + " of its own run: JVM start, model loading, first connections) "
                        + "is excluded from its steady items/s and steady latency; the wall-clock average includes it. Profiles are listed in "
                        + "the order given; they ran in-cluster first, because cloud profiles only get items an in-cluster profile cleared."
                        + (comparison.monthlyItems() == null
                                ? ""
                                : " Monthly costs are projected at " + count(comparison.monthlyItems())
                                        + " items a month: the pools kept up all month (another pool per capacity step at the steady rate) plus the per-item "
                                        + "metering and API spend.")));

        Document.Section side = doc.section("Side by side");
        side.blocks().add(sideBySide(profiles, comparison.monthlyItems()));

        Document.Section charts = doc.section("Charts");
        charts.blocks().add(new Document.Chart(throughput(profiles)));
        List<String> names = profiles.stream().map(Comparison.Profile::name).toList();
        double[][] rates = new double[profiles.size()][1];
        for (int i = 0; i < profiles.size(); i++) {
            rates[i] = new double[] {
                profiles.get(i).report().steadyOrAverageItemsPerSecond(),
                profiles.get(i).report().itemsPerSecond()
            };
        }
        charts.blocks()
                .add(new Document.Chart(SvgChart.bars(
                        "Items per second (steady state and wall-clock average)",
                        "items / s",
                        names,
                        List.of("steady items/s (after warm-up)", "wall-clock average"),
                        rates,
                        Formats::number)));
        List<String> latencyCategories = new ArrayList<>();
        List<double[]> latency = new ArrayList<>();
        for (Comparison.Profile p : profiles) {
            p.report().backends().forEach((backend, b) -> {
                latencyCategories.add(p.name() + ": " + backend);
                RunReport.Latency l = steadyLatency(b);
                latency.add(new double[] {l.p50(), l.p95(), l.p99()});
            });
        }
        charts.blocks()
                .add(new Document.Chart(SvgChart.bars(
                        "Steady-state latency per profile and backend",
                        "ms",
                        latencyCategories,
                        List.of("p50", "p95", "p99"),
                        latency.toArray(new double[0][]),
                        Formats::number)));
        // each profile's own cost per 1,000 items first (strong colour), then what the same units would cost via cloud
        // APIs (grey)
        List<String> costLabels = new ArrayList<>();
        List<Double> costValues = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        String currency = "USD";
        for (Comparison.Profile p : profiles) {
            RunCost cost = p.report().cost();
            if (cost != null && cost.perThousandItems() != null) {
                currency = cost.currency();
                costLabels.add(p.name() + ": this run");
                costValues.add(cost.perThousandItems());
                colours.add(0);
            }
        }
        for (Comparison.Profile p : profiles) {
            RunCost cost = p.report().cost();
            if (cost != null
                    && cost.cloudEquivalent() != null
                    && cost.cloudEquivalent().perThousandItems() != null) {
                costLabels.add("alternative: " + p.name() + "'s units via cloud APIs");
                costValues.add(cost.cloudEquivalent().perThousandItems());
                colours.add(SvgChart.SECONDARY);
            }
        }
        String cur = currency;
        charts.blocks()
                .add(new Document.Chart(SvgChart.horizontalBars(
                        "Cost per 1,000 items (" + cur + ")",
                        costLabels,
                        costValues,
                        colours,
                        v -> Formats.money(cur, v))));

        Document.Section setup = doc.section("Profiles");
        Document.Table table =
                Document.table(List.of("profile", "first engine", "items", "run id", "output", "options"));
        for (Comparison.Profile p : profiles) {
            StringBuilder options = new StringBuilder();
            new java.util.TreeMap<>(p.options()).forEach((k, v) -> options.append(options.isEmpty() ? "" : ", ")
                    .append(k)
                    .append('=')
                    .append(v));
            table.rows().add(List.of(p.name(), p.locality(), p.itemSet(), p.runId(), p.output(), options.toString()));
        }
        setup.blocks().add(table);
        setup.blocks()
                .add(new Document.Paragraph(
                        "Each profile's own report (report.json, report.md, report.html) is in its output directory."));
        return doc;
    }

    private static Document.Table sideBySide(List<Comparison.Profile> profiles, Long monthlyItems) {
        List<String> headers = new ArrayList<>(List.of("metric"));
        profiles.forEach(p -> headers.add(p.name()));
        Document.Table table = Document.table(headers);
        row(table, profiles, "status", r -> r.status());
        row(table, profiles, "items read", r -> count(r.items().read()));
        row(
                table,
                profiles,
                "written / dead-lettered",
                r -> count(r.items().written()) + " / " + count(r.items().deadLettered()));
        row(table, profiles, "wall time", r -> seconds(r.wallSeconds()));
        row(
                table,
                profiles,
                "warm-up (excluded)",
                r -> r.steadyState() == null
                        ? "—"
                        : seconds(r.steadyState().warmUpSeconds()) + ", "
                                + count(r.steadyState().warmUpItems()) + " items");
        row(
                table,
                profiles,
                "items / s steady (after warm-up)",
                r -> r.steadyState() == null || r.steadyState().itemsPerSecond() == null
                        ? "n/a"
                        : number(r.steadyState().itemsPerSecond()));
        row(table, profiles, "items / s wall-clock average", r -> number(r.itemsPerSecond()));
        TreeSet<String> units = new TreeSet<>(); // every unit some profile produced, a job's own too
        profiles.forEach(p -> units.addAll(p.report().units().quantities().keySet()));
        for (String unit : units) {
            row(
                    table,
                    profiles,
                    unit + " / s",
                    r -> number(r.wallSeconds() > 0 ? r.units().get(unit) / r.wallSeconds() : 0));
        }
        TreeSet<String> backends = new TreeSet<>();
        profiles.forEach(p -> backends.addAll(p.report().backends().keySet()));
        for (String backend : backends) {
            row(
                    table,
                    profiles,
                    backend + ": calls / 429s / failures",
                    r -> backend(
                            r,
                            backend,
                            b -> count(b.calls()) + " / " + count(b.throttled()) + " / " + count(b.failures())));
            row(
                    table,
                    profiles,
                    backend + ": steady p50 / p95 / p99",
                    r -> backend(r, backend, b -> {
                        RunReport.Latency l = steadyLatency(b);
                        return millis(l.p50()) + " / " + millis(l.p95()) + " / " + millis(l.p99());
                    }));
            row(
                    table,
                    profiles,
                    backend + ": concurrency mean / peak",
                    r -> backend(
                            r,
                            backend,
                            b -> number(b.concurrency().mean()) + " / "
                                    + number(b.concurrency().peak())));
        }
        row(
                table,
                profiles,
                "cost (cluster + metering + API spend)",
                r -> r.cost() == null
                        ? "n/a"
                        : r.cost().clusterPriced()
                                ? Formats.money(r.cost().currency(), r.cost().total())
                                : RunCost.CLUSTER_NOT_CONFIGURED);
        row(
                table,
                profiles,
                "cost per 1,000 items",
                r -> r.cost() == null
                        ? "n/a"
                        : r.cost().clusterPriced()
                                ? Formats.money(r.cost().currency(), r.cost().perThousandItems())
                                : "unknown");
        row(
                table,
                profiles,
                "  of which cluster",
                r -> r.cost() == null
                        ? "n/a"
                        : r.cost().clusterPriced()
                                ? Formats.money(
                                        r.cost().currency(), r.cost().cluster().total())
                                : "unknown");
        row(
                table,
                profiles,
                "  of which metering (in-cluster containers)",
                r -> r.cost() == null
                        ? "n/a"
                        : Formats.money(
                                r.cost().currency(),
                                r.cost().apiSpend().stream()
                                        .filter(l -> !"cloud".equals(l.billing()))
                                        .mapToDouble(RunCost.Line::cost)
                                        .sum()));
        row(
                table,
                profiles,
                "  of which API spend (cloud)",
                r -> r.cost() == null
                        ? "n/a"
                        : Formats.money(
                                r.cost().currency(),
                                r.cost().apiSpend().stream()
                                        .filter(l -> "cloud".equals(l.billing()))
                                        .mapToDouble(RunCost.Line::cost)
                                        .sum()));
        // language-model tokens side by side by route (in-cluster, real-time cloud, batch cloud), where any profile
        // used one
        for (String route : List.of(RunCost.IN_CLUSTER, RunCost.CLOUD_REALTIME, RunCost.CLOUD_BATCH)) {
            if (profiles.stream().anyMatch(p -> tokenRoute(p.report(), route) != null)) {
                row(table, profiles, "  language-model tokens in / out, " + route, r -> {
                    RunCost.TokenRoute t = tokenRoute(r, route);
                    if (t == null) {
                        return "—";
                    }
                    String cost = t.cost() != null
                            ? Formats.money(r.cost().currency(), t.cost())
                            : RunCost.IN_CLUSTER.equals(route) ? "in the cluster cost" : "not priced";
                    return count(t.tokensIn()) + " / " + count(t.tokensOut()) + " (" + cost + ")";
                });
            }
        }
        if (monthlyItems != null) {
            row(
                    table,
                    profiles,
                    "projected monthly cost at " + count(monthlyItems) + " items",
                    r -> r.cost() == null
                            ? "n/a"
                            : r.cost().projection() == null
                                    ? "unknown (" + RunCost.CLUSTER_NOT_CONFIGURED + ")"
                                    : Formats.money(
                                            r.cost().currency(),
                                            r.cost().projection().monthly(monthlyItems)));
        }
        row(
                table,
                profiles,
                "cloud equivalent per 1,000 items",
                r -> r.cost() == null || r.cost().cloudEquivalent() == null
                        ? "n/a"
                        : Formats.money(
                                r.cost().currency(), r.cost().cloudEquivalent().perThousandItems()));
        row(
                table,
                profiles,
                "break-even (items / month)",
                r -> r.cost() == null
                                || r.cost().breakEven() == null
                                || r.cost().breakEven().itemsPerMonth() == null
                        ? "—"
                        : count(r.cost().breakEven().itemsPerMonth()));
        return table;
    }

    /** The latency after the warm-up, or over the whole run for reports without a steady state. */
    private static RunReport.Latency steadyLatency(RunReport.Backend b) {
        return b.steadyLatencyMs() != null ? b.steadyLatencyMs() : b.latencyMs();
    }

    private static String backend(RunReport report, String name, Function<RunReport.Backend, String> value) {
        RunReport.Backend backend = report.backends().get(name);
        return backend == null ? "—" : value.apply(backend);
    }

    private static RunCost.@org.jspecify.annotations.Nullable TokenRoute tokenRoute(RunReport report, String route) {
        return report.cost() == null
                ? null
                : report.cost().languageModel().stream()
                        .filter(t -> t.route().equals(route))
                        .findFirst()
                        .orElse(null);
    }

    private static void row(
            Document.Table table, List<Comparison.Profile> profiles, String metric, Function<RunReport, String> value) {
        List<String> row = new ArrayList<>(List.of(metric));
        profiles.forEach(p -> row.add(value.apply(p.report())));
        table.rows().add(row);
    }

    /** Each profile's items/s over time, from its own start, on one axis. */
    private static String throughput(List<Comparison.Profile> profiles) {
        long width = 1;
        for (Comparison.Profile p : profiles) {
            width = Math.max(width, p.report().timeline().bucketSeconds());
        }
        List<SvgChart.Series> series = new ArrayList<>();
        int longest = 0;
        for (Comparison.Profile p : profiles) {
            RunReport.Timeline t = p.report().timeline();
            List<Double> values = new ArrayList<>();
            if (t.startTime() != null) {
                long lead = p.report().startTime() == null
                        ? 0
                        : Math.max(
                                        0,
                                        t.startTime().getEpochSecond()
                                                - p.report().startTime().getEpochSecond())
                                / width;
                for (long i = 0; i < Math.min(lead, 512); i++) {
                    values.add(0.0);
                }
                int per = (int) (width / t.bucketSeconds());
                for (int i = 0; i < t.completed().size(); i += per) {
                    long sum = 0;
                    for (int j = i; j < Math.min(i + per, t.completed().size()); j++) {
                        sum += t.completed().get(j);
                    }
                    values.add(sum / (double) width);
                }
            }
            longest = Math.max(longest, values.size());
            series.add(new SvgChart.Series(p.name(), values));
        }
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            xs.add((double) i * width);
        }
        return SvgChart.line(
                "Throughput over time",
                "seconds since each profile's run started",
                "items / s",
                xs,
                series,
                false,
                null,
                null,
                Formats::number,
                Formats::number);
    }
}
