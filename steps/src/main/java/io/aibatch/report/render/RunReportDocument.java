package io.aibatch.report.render;

import io.aibatch.cost.PricesUsed;
import io.aibatch.cost.RunCost;
import io.aibatch.report.RunReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.aibatch.report.render.Formats.count;
import static io.aibatch.report.render.Formats.millis;
import static io.aibatch.report.render.Formats.number;
import static io.aibatch.report.render.Formats.seconds;

/** report.json as a document for report.md and report.html. */
public final class RunReportDocument {

    private RunReportDocument() {
    }

    public static Document of(RunReport report) {
        Document doc = new Document("Run " + report.runId(), report.job() + " · " + report.status() + " · " + report.input()
                + " → " + report.output());
        summary(doc.section("Summary"), report);
        throughput(doc.section("Throughput"), report);
        if (!report.backends().isEmpty()) {
            backends(doc.section("Backends"), report.backends());
        }
        if (report.cost() != null) {
            cost(doc.section("Cost"), report.cost(), report.items().read());
        }
        if (report.prices() != null) {
            prices(doc.section("Prices used"), report.prices());
        }
        slices(doc.section("Slices"), report);
        if (report.routing() != null) {
            routing(doc.section("Routing"), report.routing());
        }
        return doc;
    }

    /** One sentence: how fast, what it cost, and whether the cloud would have been cheaper. */
    public static String answer(RunReport report) {
        StringBuilder text = new StringBuilder("%s items (%s written, %s dead-lettered) in %s: %s items/s".formatted(
                count(report.items().read()), count(report.items().written()), count(report.items().deadLettered()),
                seconds(report.wallSeconds()), number(report.itemsPerSecond())));
        RunCost cost = report.cost();
        if (cost != null) {
            text.append(". Cost ").append(Formats.money(cost.currency(), cost.total()));
            if (cost.perThousandItems() != null) {
                text.append(" (").append(Formats.money(cost.currency(), cost.perThousandItems())).append(" per 1,000 items)");
            }
            if (cost.cloudEquivalent() != null && !cost.cloudEquivalent().lines().isEmpty()) {
                text.append("; the same units through cloud APIs: ").append(Formats.money(cost.currency(), cost.cloudEquivalent().total()));
                if (cost.savings() != null) {
                    text.append(cost.savings() >= 0 ? " (this run saved " : " (the cloud would have saved ")
                            .append(Formats.money(cost.currency(), Math.abs(cost.savings()))).append(")");
                }
            }
            if (cost.breakEven() != null) {
                text.append(". Break-even: ").append(cost.breakEven().verdict());
            }
        }
        return text.append('.').toString();
    }

    private static void summary(Document.Section section, RunReport report) {
        section.blocks().add(new Document.Paragraph(answer(report)));
        Document.Table table = Document.table(List.of("", ""));
        row(table, "run id", report.runId());
        row(table, "job", report.job());
        row(table, "status", report.status());
        row(table, "input", report.input());
        row(table, "output", report.output());
        row(table, "executions", String.valueOf(report.executions()));
        row(table, "started", String.valueOf(report.startTime()));
        row(table, "ended", String.valueOf(report.endTime()));
        row(table, "wall time (all executions)", seconds(report.wallSeconds()));
        row(table, "items planned", count(report.items().total()));
        row(table, "items read / written / dead-lettered", count(report.items().read()) + " / " + count(report.items().written()) + " / "
                + count(report.items().deadLettered()));
        row(table, "items per second", number(report.itemsPerSecond()));
        RunReport.Units u = report.units();
        row(table, "bytes", count(u.bytes()));
        if (u.pages() > 0) {
            row(table, "pages (pages/s)", count(u.pages()) + " (" + number(u.pagesPerSecond()) + ")");
        }
        if (u.audioSeconds() > 0) {
            row(table, "audio", seconds(u.audioSeconds()) + " (" + number(u.audioSeconds() / Math.max(1e-9, report.wallSeconds())) + "× real time)");
        }
        if (u.tokensIn() + u.tokensOut() > 0) {
            row(table, "tokens in / out", count(u.tokensIn()) + " / " + count(u.tokensOut())
                    + (u.cloudTokensIn() + u.cloudTokensOut() > 0
                    ? " (cloud models: " + count(u.cloudTokensIn()) + " / " + count(u.cloudTokensOut()) + ")" : ""));
        }
        if (report.sink() != null) {
            row(table, "sink request charge", number(report.sink().requestCharge()) + " RU");
        }
        section.blocks().add(table);
    }

    private static void throughput(Document.Section section, RunReport report) {
        RunReport.Timeline timeline = report.timeline();
        if (timeline.completed().isEmpty()) {
            section.blocks().add(new Document.Paragraph("No chunk was committed, so there is no throughput to show."));
            return;
        }
        double width = timeline.bucketSeconds();
        List<Double> xs = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> dead = new ArrayList<>();
        double peak = 0;
        // the axis starts when the run started: the time before the first commit (planning, the first window) shows as 0
        Instant start = report.startTime() != null && report.startTime().isBefore(timeline.startTime()) ? report.startTime() : timeline.startTime();
        long leading = (timeline.startTime().getEpochSecond() - start.getEpochSecond()) / timeline.bucketSeconds();
        if (leading > 512) { // a long wait before the first commit (planning millions of items): start at the first commit
            leading = 0;
            start = timeline.startTime();
        }
        for (long i = 0; i < leading; i++) {
            xs.add(i * width);
            rate.add(0.0);
            dead.add(0.0);
        }
        for (int i = 0; i < timeline.completed().size(); i++) {
            xs.add((leading + i) * width);
            double r = timeline.completed().get(i) / width;
            peak = Math.max(peak, r);
            rate.add(r);
            dead.add(timeline.deadLettered().get(i) / width);
        }
        section.blocks().add(new Document.Paragraph("Items whose outcome was committed, per %s s bucket from %s (wall clock, so a restarted run shows its pause): peak %s items/s, average %s items/s over the run's wall time."
                .formatted(timeline.bucketSeconds(), timeline.startTime(), number(peak), number(report.itemsPerSecond()))));
        section.blocks().add(new Document.Chart(SvgChart.line("Throughput over time", "seconds since " + start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "items / s",
                xs, List.of(new SvgChart.Series("completed items/s", rate), new SvgChart.Series("dead-lettered items/s", dead)),
                false, null, null, Formats::number, Formats::number)));
    }

    private static void backends(Document.Section section, Map<String, RunReport.Backend> backends) {
        Document.Table table = Document.table(List.of("backend", "calls", "successes", "retries", "429s", "timeouts", "transient",
                "permanent", "p50", "p95", "p99", "max", "mean", "concurrency mean / peak"));
        List<String> names = new ArrayList<>(backends.keySet());
        double[][] percentiles = new double[names.size()][3];
        List<SvgChart.Series> concurrency = new ArrayList<>();
        List<Double> concurrencyX = new ArrayList<>();
        Instant concurrencyStart = null;
        long bucket = 1;
        for (RunReport.Backend b : backends.values()) {
            if (b.concurrency().startTime() != null && (concurrencyStart == null || b.concurrency().startTime().isBefore(concurrencyStart))) {
                concurrencyStart = b.concurrency().startTime();
            }
            bucket = Math.max(bucket, b.concurrency().bucketSeconds());
        }
        int longest = 0;
        for (int i = 0; i < names.size(); i++) {
            RunReport.Backend b = backends.get(names.get(i));
            RunReport.Latency l = b.latencyMs();
            table.rows().add(List.of(names.get(i), count(b.calls()), count(b.successes()), count(b.retries()), count(b.throttled()),
                    count(b.timeouts()), count(b.transientFailures()), count(b.permanentFailures()), millis(l.p50()), millis(l.p95()),
                    millis(l.p99()), millis(l.max()), millis(l.mean()),
                    number(b.concurrency().mean()) + " / " + number(b.concurrency().peak())));
            percentiles[i] = new double[]{l.p50(), l.p95(), l.p99()};
            concurrency.add(new SvgChart.Series(names.get(i), aligned(b.concurrency(), concurrencyStart, bucket)));
            longest = Math.max(longest, concurrency.get(i).values().size());
        }
        for (int i = 0; i < longest; i++) {
            concurrencyX.add((double) i * bucket);
        }
        section.blocks().add(new Document.Paragraph("Calls are attempts (retries included). Latency is that of successful attempts "
                + "(HdrHistogram, within 1 %); concurrency is the calls in progress at once, from each attempt's start and end."));
        section.blocks().add(table);
        section.blocks().add(new Document.Chart(SvgChart.bars("Latency per backend", "ms", names, List.of("p50", "p95", "p99"),
                percentiles, Formats::number)));
        Document.Table distribution = Document.table(percentileHeaders(backends));
        for (String name : names) {
            List<String> row = new ArrayList<>(List.of(name));
            backends.get(name).latencyMs().distribution().forEach(p -> row.add(millis(p.ms())));
            if (row.size() == distribution.headers().size()) {
                distribution.rows().add(row);
            }
        }
        if (!distribution.rows().isEmpty()) {
            section.blocks().add(new Document.Paragraph("Latency distribution (percentiles of successful attempts):"));
            section.blocks().add(distribution);
        }
        section.blocks().add(new Document.Chart(SvgChart.line("Calls in progress per backend", "seconds since " + concurrencyStart,
                "concurrent calls", concurrencyX, concurrency, false, null, null, Formats::number, Formats::number)));
    }

    private static List<String> percentileHeaders(Map<String, RunReport.Backend> backends) {
        List<String> headers = new ArrayList<>(List.of("backend"));
        for (double p : RunReport.Latency.DISTRIBUTION_PERCENTILES) {
            headers.add(p == 0 ? "min" : p == 100 ? "max" : "p" + number(p));
        }
        return headers;
    }

    /** A backend's concurrency series placed on the common time axis. */
    private static List<Double> aligned(RunReport.Concurrency c, Instant start, long bucket) {
        List<Double> values = new ArrayList<>();
        if (c.startTime() == null || start == null) {
            return values;
        }
        long offset = (c.startTime().getEpochSecond() - start.getEpochSecond()) / bucket;
        for (long i = 0; i < offset; i++) {
            values.add(0.0);
        }
        int per = (int) Math.max(1, bucket / c.bucketSeconds());
        for (int i = 0; i < c.series().size(); i += per) {
            double sum = 0;
            for (int j = i; j < Math.min(i + per, c.series().size()); j++) {
                sum += c.series().get(j);
            }
            values.add(sum / per);
        }
        return values;
    }

    private static void cost(Document.Section section, RunCost cost, long items) {
        String cur = cost.currency();
        Document.Table summary = Document.table(List.of("", ""));
        row(summary, "total (cluster + API spend)", Formats.money(cur, cost.total()));
        row(summary, "per 1,000 items", Formats.money(cur, cost.perThousandItems()));
        row(summary, "cluster", Formats.money(cur, cost.cluster().total()));
        if (cost.cloudEquivalent() != null && !cost.cloudEquivalent().lines().isEmpty()) {
            row(summary, "cloud equivalent of the same units", Formats.money(cur, cost.cloudEquivalent().total()));
            row(summary, "cloud equivalent per 1,000 items", Formats.money(cur, cost.cloudEquivalent().perThousandItems()));
        }
        if (cost.savings() != null) {
            row(summary, "savings (cloud equivalent − total)", Formats.money(cur, cost.savings())
                    + (cost.savingsPercent() == null ? "" : " (" + number(cost.savingsPercent()) + " %)"));
        }
        section.blocks().add(summary);

        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        if (!cost.cluster().pools().isEmpty()) {
            Document.Table pools = Document.table(List.of("pool", "VM size", "spot", "nodes", "node-hours", "price / node-hour", "cost", "from"));
            for (RunCost.PoolCost p : cost.cluster().pools()) {
                pools.rows().add(List.of(p.name(), p.vmSize(), p.spot() ? "yes" : "no", number(p.nodes()), number(p.nodeHours()),
                        Formats.money(cur, p.pricePerHour()), Formats.money(cur, p.cost()), p.source()));
                labels.add("cluster: " + p.name() + " (" + p.vmSize() + ")");
                values.add(p.cost() == null ? 0 : p.cost());
                colours.add(0);
            }
            section.blocks().add(new Document.Paragraph("Cluster: node-hours of the backend pools × the VM price."));
            section.blocks().add(pools);
        }
        if (!cost.apiSpend().isEmpty()) {
            section.blocks().add(new Document.Paragraph("API spend: units this run sent to cloud engines."));
            section.blocks().add(lines(cost.apiSpend(), cur));
            for (RunCost.Line line : cost.apiSpend()) {
                labels.add("API: " + line.name());
                values.add(line.cost());
                colours.add(3);
            }
        }
        if (cost.cloudEquivalent() != null && !cost.cloudEquivalent().lines().isEmpty()) {
            section.blocks().add(new Document.Paragraph("The same units through cloud services (the counted line per unit makes the "
                    + "cloud equivalent; the others are alternatives):"));
            section.blocks().add(lines(cost.cloudEquivalent().lines(), cur));
            for (RunCost.Line line : cost.cloudEquivalent().lines()) {
                labels.add((line.counted() ? "cloud: " : "alternative: ") + line.name());
                values.add(line.cost());
                colours.add(line.counted() ? 1 : 7);
            }
        }
        if (!labels.isEmpty()) {
            section.blocks().add(new Document.Chart(SvgChart.horizontalBars("Cost breakdown (" + cur + ")", labels, values, colours,
                    v -> Formats.money(cur, v))));
        }
        RunCost.BreakEven breakEven = cost.breakEven();
        if (breakEven != null) {
            section.blocks().add(new Document.Paragraph(("Break-even: %s. Fixed cluster cost %s a month (the pools kept up all month); "
                    + "the cloud costs %s per item at this run's units per item%s.").formatted(breakEven.verdict(),
                    Formats.money(cur, breakEven.monthlyClusterCost()), Formats.money(cur, breakEven.cloudCostPerItem()),
                    breakEven.capacityItemsPerMonth() == null ? "" : "; the pools do about " + Formats.volume(breakEven.capacityItemsPerMonth())
                            + " items a month at this run's throughput, beyond which the cluster cost steps up by another pool")));
            List<Double> xs = breakEven.curve().stream().map(RunCost.VolumePoint::itemsPerMonth).toList();
            section.blocks().add(new Document.Chart(SvgChart.line("Monthly cost versus monthly volume", "items per month (log scale)", cur + " per month (log scale)",
                    xs, List.of(new SvgChart.Series("cluster (fixed, + a pool per capacity step)",
                                    breakEven.curve().stream().map(RunCost.VolumePoint::cluster).toList()),
                            new SvgChart.Series("cloud services", breakEven.curve().stream().map(RunCost.VolumePoint::cloud).toList())),
                    true, true, breakEven.itemsPerMonth(), breakEven.itemsPerMonth() == null ? null
                            : "break-even ≈ " + Formats.volume(breakEven.itemsPerMonth()) + " items/month",
                    Formats::volume, v -> Formats.money(cur, v))));
        }
        if (!cost.notes().isEmpty()) {
            section.blocks().add(new Document.Bullets(cost.notes()));
        }
    }

    private static Document.Table lines(List<RunCost.Line> lines, String cur) {
        Document.Table table = Document.table(List.of("unit", "quantity", "service", "price", "cost", "counted"));
        for (RunCost.Line line : lines) {
            table.rows().add(List.of(line.unit(), number(line.quantity()), line.name(), line.price(), Formats.money(cur, line.cost()),
                    line.counted() ? "yes" : "alternative"));
        }
        return table;
    }

    private static void prices(Document.Section section, PricesUsed prices) {
        section.blocks().add(new Document.Paragraph("From " + prices.file() + ". Unverified prices are estimates (a third-party "
                + "comparison or memory): check them against the Azure Retail Prices API before deciding."));
        Document.Table table = Document.table(List.of("key", "what", "price", "source", "date", "verified"));
        for (PricesUsed.Price p : prices.used()) {
            table.rows().add(List.of(p.key(), p.name(), p.price(), p.source(), p.date(), p.verified() ? "yes" : "NO"));
        }
        section.blocks().add(table);
    }

    private static void slices(Document.Section section, RunReport report) {
        Document.Table table = Document.table(List.of("slice", "status", "items", "written", "dead-lettered"));
        for (RunReport.SliceSummary s : report.slices()) {
            table.rows().add(List.of(s.slice(), s.status(), count(s.items()), count(s.written()), count(s.deadLettered())));
        }
        section.blocks().add(table);
    }

    private static void routing(Document.Section section, RunReport.Routing routing) {
        section.blocks().add(new Document.Paragraph("%s items with a routing record: %s restricted, %s unrestricted; restricted items a cloud engine saw: %s (must be 0)."
                .formatted(count(routing.items()), count(routing.restricted()), count(routing.unrestricted()), count(routing.restrictedToCloud()))));
        Document.Table engines = Document.table(List.of("engine", "locality", "items"));
        routing.engines().forEach((name, e) -> engines.rows().add(List.of(name, e.locality(), count(e.items()))));
        section.blocks().add(engines);
        if (!routing.reasons().isEmpty()) {
            Document.Table reasons = Document.table(List.of("restricted because", "items"));
            routing.reasons().forEach((reason, n) -> reasons.rows().add(List.of(reason, count(n))));
            section.blocks().add(reasons);
        }
    }

    private static void row(Document.Table table, String name, String value) {
        table.rows().add(List.of(name, value == null ? "" : value));
    }
}
