package io.aibatch.report.render;

import static io.aibatch.report.render.Formats.count;
import static io.aibatch.report.render.Formats.millis;
import static io.aibatch.report.render.Formats.number;
import static io.aibatch.report.render.Formats.seconds;

import io.aibatch.cost.PricesUsed;
import io.aibatch.cost.RunCost;
import io.aibatch.report.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** report.json as a document for report.md and report.html. */
public final class RunReportDocument {

    private RunReportDocument() {}

    public static Document of(RunReport report) {
        Document doc = new Document(
                "Run " + report.runId(),
                report.job() + " · " + report.status() + " · " + report.input() + " → " + report.output());
        summary(doc.section("Summary"), report);
        throughput(doc.section("Throughput"), report);
        if (!report.backends().isEmpty()) {
            backends(doc.section("Backends"), report.backends());
        } else {
            doc.section("Backends")
                    .blocks()
                    .add(new Document.Paragraph("No backend or embedded engine was called, so there is no "
                            + "latency to show (no item got as far as text extraction)."));
        }
        if (!report.deadLetters().byCode().isEmpty()) {
            deadLetters(doc.section("Dead-letters by code"), report);
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

    /** One sentence: how fast, what it cost, and whether the cloud would have been cheaper (only when both sides are priced). */
    public static String answer(RunReport report) {
        StringBuilder text = new StringBuilder("%s items (%s written, %s dead-lettered) in %s: %s items/s"
                .formatted(
                        count(report.items().read()),
                        count(report.items().written()),
                        count(report.items().deadLettered()),
                        seconds(report.wallSeconds()),
                        number(report.itemsPerSecond())));
        RunReport.SteadyState steady = report.steadyState();
        if (steady != null && steady.itemsPerSecond() != null) {
            text.append(" over the wall time, ")
                    .append(number(steady.itemsPerSecond()))
                    .append(" items/s steady after a ")
                    .append(seconds(steady.warmUpSeconds()))
                    .append(" warm-up");
        }
        RunCost cost = report.cost();
        if (cost != null) {
            if (!cost.clusterPriced()) {
                text.append(". Cost: ").append(RunCost.CLUSTER_NOT_CONFIGURED);
                if (cost.apiSpendTotal() > 0) {
                    text.append(" (metering and API spend: ")
                            .append(Formats.money(cost.currency(), cost.apiSpendTotal()))
                            .append(")");
                }
                return text.append('.').toString();
            }
            text.append(". Cost ").append(Formats.money(cost.currency(), cost.total()));
            if (cost.perThousandItems() != null) {
                text.append(" (")
                        .append(Formats.money(cost.currency(), cost.perThousandItems()))
                        .append(" per 1,000 items)");
            }
            if (cost.cloudEquivalent() != null
                    && !cost.cloudEquivalent().lines().isEmpty()) {
                text.append("; the same units through cloud APIs: ")
                        .append(Formats.money(
                                cost.currency(), cost.cloudEquivalent().total()));
                if (cost.savings() != null) {
                    text.append(cost.savings() >= 0 ? " (this run saved " : " (the cloud would have saved ")
                            .append(Formats.money(cost.currency(), Math.abs(cost.savings())))
                            .append(")");
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
        row(table, "started", Formats.time(report.startTime()));
        row(table, "ended", Formats.time(report.endTime()));
        row(table, "wall time (all executions)", seconds(report.wallSeconds()));
        row(table, "items planned", count(report.items().total()));
        row(
                table,
                "items read / written / dead-lettered",
                count(report.items().read()) + " / " + count(report.items().written()) + " / "
                        + count(report.items().deadLettered()));
        row(table, "items per second (wall-clock average)", number(report.itemsPerSecond()));
        RunReport.SteadyState steady = report.steadyState();
        if (steady != null) {
            row(
                    table,
                    "items per second (steady state, after warm-up)",
                    steady.itemsPerSecond() == null
                            ? "n/a (nothing committed after the warm-up)"
                            : number(steady.itemsPerSecond()));
            row(
                    table,
                    "warm-up",
                    steady.warmUp() + ": " + seconds(steady.warmUpSeconds()) + ", " + count(steady.warmUpItems())
                            + " items (ended " + Formats.time(steady.startTime()) + ")");
        }
        RunReport.Units u = report.units();
        row(table, "bytes", count(u.bytes()));
        for (String unit : u.names()) { // every unit the items produced, a job's own too
            double amount = u.get(unit);
            if (amount > 0) {
                row(
                        table,
                        unit + " (per second)",
                        number(amount) + " (" + number(amount / Math.max(1e-9, report.wallSeconds())) + ")");
            }
        }
        if (report.sink() != null) {
            row(table, "sink request charge", number(report.sink().requestCharge()) + " RU");
        }
        RunReport.Budget budget = report.budget();
        if (budget != null) {
            row(
                    table,
                    "budget (--budget-usd)",
                    Formats.money("USD", budget.limitUsd()) + ": spent " + Formats.money("USD", budget.spentUsd())
                            + ", projected " + Formats.money("USD", budget.projectedUsd())
                            + ("budget".equals(budget.stopReason())
                                    ? "; STOPPED because the projection would exceed the budget"
                                    : "")
                            + " (" + budget.note() + ")");
        }
        section.blocks().add(table);
    }

    /** Rolling-window rate of committed items, seconds over which it is averaged. */
    static final int ROLLING_SECONDS = 10;

    private static void throughput(Document.Section section, RunReport report) {
        RunReport.Timeline timeline = report.timeline();
        if (timeline.completed().isEmpty()) {
            section.blocks().add(new Document.Paragraph("No chunk was committed, so there is no throughput to show."));
            return;
        }
        long width = timeline.bucketSeconds();
        // the axis runs from the run's start to its end (whole seconds), so the warm-up shows and the last bucket is
        // not cut off
        Instant start = report.startTime() != null && report.startTime().isBefore(timeline.startTime())
                ? report.startTime()
                : timeline.startTime();
        start = start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long leading = (timeline.startTime().getEpochSecond() - start.getEpochSecond()) / width;
        if (leading
                > 4096) { // a long wait before the first commit (planning millions of items): start at the first commit
            leading = 0;
            start = timeline.startTime();
        }
        long endSecond = Math.max(
                timeline.startTime().getEpochSecond() + timeline.completed().size() * width,
                report.endTime() == null ? 0 : report.endTime().getEpochSecond() + 1);
        int buckets = (int) Math.max(1, (endSecond - start.getEpochSecond() + width - 1) / width);
        double[] completed = new double[buckets];
        double[] dead = new double[buckets];
        for (int i = 0; i < timeline.completed().size() && leading + i < buckets; i++) {
            completed[(int) (leading + i)] = timeline.completed().get(i);
            dead[(int) (leading + i)] = timeline.deadLettered().get(i);
        }
        int window = (int) Math.max(1, ROLLING_SECONDS / width);
        List<Double> xs = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> deadRate = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        double sum = 0, windowSum = 0, deadWindowSum = 0, peak = 0;
        for (int i = 0; i < buckets; i++) {
            windowSum += completed[i] - (i >= window ? completed[i - window] : 0);
            deadWindowSum += dead[i] - (i >= window ? dead[i - window] : 0);
            double seconds = Math.min(i + 1, window) * (double) width;
            xs.add((i + 1) * (double) width);
            rate.add(windowSum / seconds);
            deadRate.add(deadWindowSum / seconds);
            peak = Math.max(peak, windowSum / seconds);
            sum += completed[i];
            cumulative.add(sum);
        }
        RunReport.SteadyState steady = report.steadyState();
        Double warmUpEnd = steady == null
                ? null
                : (double) Math.max(0, steady.startTime().getEpochSecond() - start.getEpochSecond());
        StringBuilder text = new StringBuilder(
                "Items whose outcome was committed, as a rate over a rolling %d s window, from %s (wall clock, so a restarted run shows its pause): peak %s items/s; average %s items/s over the run's wall time"
                        .formatted(window * width, Formats.time(start), number(peak), number(report.itemsPerSecond())));
        if (steady != null) {
            text.append("; warm-up (")
                    .append(steady.warmUp())
                    .append(") took ")
                    .append(seconds(steady.warmUpSeconds()))
                    .append(", after which the steady rate was ")
                    .append(steady.itemsPerSecond() == null ? "n/a" : number(steady.itemsPerSecond()) + " items/s");
        }
        section.blocks().add(new Document.Paragraph(text.append('.').toString()));
        String axis = "seconds since " + Formats.time(start);
        section.blocks()
                .add(new Document.Chart(SvgChart.line(
                        "Throughput (" + window * width + " s rolling rate)",
                        axis,
                        "items / s",
                        xs,
                        List.of(
                                new SvgChart.Series("completed items/s", rate),
                                new SvgChart.Series("dead-lettered items/s", deadRate)),
                        false,
                        warmUpEnd,
                        warmUpEnd == null ? null : "warm-up ends",
                        Formats::number,
                        Formats::number)));
        section.blocks()
                .add(new Document.Chart(SvgChart.line(
                        "Items completed (cumulative)",
                        axis,
                        "items",
                        xs,
                        List.of(new SvgChart.Series("items committed", cumulative)),
                        false,
                        warmUpEnd,
                        warmUpEnd == null ? null : "warm-up ends",
                        Formats::number,
                        Formats::number)));
    }

    private static void backends(Document.Section section, Map<String, RunReport.Backend> backends) {
        Document.Table table = Document.table(List.of(
                "backend",
                "calls",
                "successes",
                "retries",
                "429s",
                "timeouts",
                "transient",
                "permanent",
                "p50",
                "p95",
                "p99",
                "max",
                "mean",
                "concurrency mean / peak",
                "busy share"));
        List<String> names = new ArrayList<>(backends.keySet());
        double[][] percentiles = new double[names.size()][3];
        List<SvgChart.Series> concurrency = new ArrayList<>();
        List<Double> concurrencyX = new ArrayList<>();
        Instant concurrencyStart = null;
        long bucket = 1;
        for (RunReport.Backend b : backends.values()) {
            if (b.concurrency().startTime() != null
                    && (concurrencyStart == null || b.concurrency().startTime().isBefore(concurrencyStart))) {
                concurrencyStart = b.concurrency().startTime();
            }
            bucket = Math.max(bucket, b.concurrency().bucketSeconds());
        }
        int longest = 0;
        for (int i = 0; i < names.size(); i++) {
            RunReport.Backend b = backends.get(names.get(i));
            RunReport.Latency l = b.latencyMs();
            table.rows()
                    .add(List.of(
                            names.get(i),
                            count(b.calls()),
                            count(b.successes()),
                            count(b.retries()),
                            count(b.throttled()),
                            count(b.timeouts()),
                            count(b.transientFailures()),
                            count(b.permanentFailures()),
                            millis(l.p50()),
                            millis(l.p95()),
                            millis(l.p99()),
                            millis(l.max()),
                            millis(l.mean()),
                            number(b.concurrency().mean()) + " / "
                                    + number(b.concurrency().peak()),
                            b.busyShare() == null ? "n/a" : number(b.busyShare())));
            percentiles[i] = new double[] {l.p50(), l.p95(), l.p99()};
            concurrency.add(new SvgChart.Series(names.get(i), aligned(b.concurrency(), concurrencyStart, bucket)));
            longest = Math.max(longest, concurrency.get(i).values().size());
        }
        for (int i = 0; i < longest; i++) {
            concurrencyX.add((double) i * bucket);
        }
        section.blocks()
                .add(
                        new Document.Paragraph(
                                "Calls are attempts (retries included). Latency is that of successful attempts "
                                        + "(HdrHistogram, within 1 %); concurrency is the calls in progress at once, from each attempt's start and end; busy share "
                                        + "is the time in calls over the run's wall time. Engines named embedded/… run inside this process (Tesseract pages, "
                                        + "PDF text-layer pages, the MiniLM classifier, extractive summaries); their latency includes waiting for their thread pool."));
        section.blocks().add(table);
        section.blocks()
                .add(new Document.Chart(SvgChart.bars(
                        "Latency per backend",
                        "ms",
                        names,
                        List.of("p50", "p95", "p99"),
                        percentiles,
                        Formats::number)));
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
        section.blocks()
                .add(new Document.Chart(SvgChart.line(
                        "Calls in progress per backend",
                        "seconds since " + Formats.time(concurrencyStart),
                        "concurrent calls",
                        concurrencyX,
                        concurrency,
                        false,
                        null,
                        null,
                        Formats::number,
                        Formats::number)));
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
        boolean priced = cost.clusterPriced();
        if (!priced) {
            section.blocks()
                    .add(
                            new Document.Paragraph(
                                    RunCost.CLUSTER_NOT_CONFIGURED + ". Without it the run's total, its cost per "
                                            + "1,000 items, any savings against the cloud and the break-even are unknown, so none is shown."));
        }
        Document.Table summary = Document.table(List.of("", ""));
        String unknown = "unknown (" + RunCost.CLUSTER_NOT_CONFIGURED + ")";
        row(summary, "total (cluster + metering + API spend)", priced ? Formats.money(cur, cost.total()) : unknown);
        row(summary, "per 1,000 items", priced ? Formats.money(cur, cost.perThousandItems()) : unknown);
        row(summary, "cluster", priced ? Formats.money(cur, cost.cluster().total()) : unknown);
        row(
                summary,
                "metering (in-cluster containers billed per unit or by plan)",
                Formats.money(cur, spend(cost, false)));
        row(summary, "API spend (cloud endpoints)", Formats.money(cur, spend(cost, true)));
        if (cost.cloudEquivalent() != null && !cost.cloudEquivalent().lines().isEmpty()) {
            row(
                    summary,
                    "cloud equivalent of the same units",
                    Formats.money(cur, cost.cloudEquivalent().total()));
            row(
                    summary,
                    "cloud equivalent per 1,000 items",
                    Formats.money(cur, cost.cloudEquivalent().perThousandItems()));
        }
        if (cost.savings() != null) {
            row(
                    summary,
                    "savings (cloud equivalent − total)",
                    Formats.money(cur, cost.savings())
                            + (cost.savingsPercent() == null ? "" : " (" + number(cost.savingsPercent()) + " %)"));
        }
        section.blocks().add(summary);

        // the chart: this run's own cost first and in strong colours; the alternatives after it, in grey
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        labels.add(priced ? "THIS RUN: total" : "THIS RUN: metering + API spend (cluster not priced)");
        values.add(priced ? cost.total() : cost.apiSpendTotal());
        colours.add(0);
        if (!cost.cluster().pools().isEmpty()) {
            Document.Table pools = Document.table(
                    List.of("pool", "VM size", "spot", "nodes", "node-hours", "price / node-hour", "cost", "from"));
            for (RunCost.PoolCost p : cost.cluster().pools()) {
                pools.rows()
                        .add(List.of(
                                p.name(),
                                p.vmSize(),
                                p.spot() ? "yes" : "no",
                                number(p.nodes()),
                                number(p.nodeHours()),
                                Formats.money(cur, p.pricePerHour()),
                                Formats.money(cur, p.cost()),
                                p.source()));
                if (p.cost() != null) {
                    labels.add("  cluster: " + p.name() + " (" + p.vmSize() + ")");
                    values.add(p.cost());
                    colours.add(2);
                }
            }
            section.blocks().add(new Document.Paragraph("Cluster: node-hours of the backend pools × the VM price."));
            section.blocks().add(pools);
        }
        if (!cost.apiSpend().isEmpty()) {
            section.blocks()
                    .add(
                            new Document.Paragraph(
                                    "Metering and API spend: what this run pays per unit. billing cloud = a cloud "
                                            + "endpoint; connected = an Azure AI container in the cluster, which reports usage to Azure and is billed per unit at "
                                            + "the same price; disconnected = the run's share of a commitment plan's monthly fee."));
            section.blocks().add(spendLines(cost.apiSpend(), cur));
            for (RunCost.Line line : cost.apiSpend()) {
                labels.add("  " + line.billing() + ": " + line.name());
                values.add(line.cost());
                colours.add(3);
            }
        }
        if (!cost.languageModel().isEmpty()) {
            section.blocks()
                    .add(new Document.Paragraph(
                            "Language-model tokens by route: in-cluster models are paid by the node-hours above; "
                                    + "real-time cloud calls at the real-time price lines, requests sent through a cloud "
                                    + "batch API at the batch price lines."));
            section.blocks().add(tokenRoutes(cost.languageModel(), cur));
        }
        if (cost.cloudEquivalent() != null && !cost.cloudEquivalent().lines().isEmpty()) {
            section.blocks()
                    .add(new Document.Paragraph(
                            "The same units through cloud services (the counted line per unit makes the "
                                    + "cloud equivalent; the others are alternatives):"));
            section.blocks().add(lines(cost.cloudEquivalent().lines(), cur));
            for (RunCost.Line line : cost.cloudEquivalent().lines()) {
                labels.add("alternative: " + line.name());
                values.add(line.cost());
                colours.add(SvgChart.SECONDARY);
            }
        }
        section.blocks()
                .add(new Document.Chart(SvgChart.horizontalBars(
                        "Cost of this run and its alternatives (" + cur + ")",
                        labels,
                        values,
                        colours,
                        v -> Formats.money(cur, v))));
        RunCost.BreakEven breakEven = cost.breakEven();
        if (breakEven != null) {
            section.blocks()
                    .add(
                            new Document.Paragraph(
                                    ("Break-even: %s. Fixed cluster cost %s a month (the pools kept up all month); "
                                                    + "the cloud costs %s per item at this run's units per item%s.")
                                            .formatted(
                                                    breakEven.verdict(),
                                                    Formats.money(cur, breakEven.monthlyClusterCost()),
                                                    Formats.money(cur, breakEven.cloudCostPerItem()),
                                                    breakEven.capacityItemsPerMonth() == null
                                                            ? ""
                                                            : "; the pools do about "
                                                                    + Formats.volume(breakEven.capacityItemsPerMonth())
                                                                    + " items a month at this run's throughput, beyond which the cluster cost steps up by another pool")));
            List<Double> xs = breakEven.curve().stream()
                    .map(RunCost.VolumePoint::itemsPerMonth)
                    .toList();
            section.blocks()
                    .add(new Document.Chart(SvgChart.line(
                            "Monthly cost versus monthly volume",
                            "items per month (log scale)",
                            cur + " per month (log scale)",
                            xs,
                            List.of(
                                    new SvgChart.Series(
                                            "cluster (fixed, + a pool per capacity step)",
                                            breakEven.curve().stream()
                                                    .map(RunCost.VolumePoint::cluster)
                                                    .toList()),
                                    new SvgChart.Series(
                                            "cloud services",
                                            breakEven.curve().stream()
                                                    .map(RunCost.VolumePoint::cloud)
                                                    .toList())),
                            true,
                            true,
                            breakEven.itemsPerMonth(),
                            breakEven.itemsPerMonth() == null
                                    ? null
                                    : "break-even ≈ " + Formats.volume(breakEven.itemsPerMonth()) + " items/month",
                            Formats::volume,
                            v -> Formats.money(cur, v))));
        } else if (!priced) {
            section.blocks()
                    .add(new Document.Paragraph("Break-even: unknown (" + RunCost.CLUSTER_NOT_CONFIGURED + ")."));
        }
        if (!cost.notes().isEmpty()) {
            section.blocks().add(new Document.Bullets(cost.notes()));
        }
    }

    /** Spend lines of cloud endpoints ({@code cloud}: true) or of in-cluster metering (connected, disconnected). */
    private static double spend(RunCost cost, boolean cloud) {
        return cost.apiSpend().stream()
                .filter(l -> "cloud".equals(l.billing()) == cloud)
                .mapToDouble(RunCost.Line::cost)
                .sum();
    }

    private static Document.Table tokenRoutes(List<RunCost.TokenRoute> routes, String cur) {
        Document.Table table = Document.table(List.of("route", "tokens in", "tokens out", "cost"));
        for (RunCost.TokenRoute route : routes) {
            table.rows()
                    .add(List.of(
                            route.route(),
                            count(route.tokensIn()),
                            count(route.tokensOut()),
                            route.cost() != null
                                    ? Formats.money(cur, route.cost())
                                    : RunCost.IN_CLUSTER.equals(route.route()) ? "in the cluster cost" : "not priced"));
        }
        return table;
    }

    private static Document.Table spendLines(List<RunCost.Line> lines, String cur) {
        Document.Table table =
                Document.table(List.of("engine", "billing", "unit", "quantity", "service", "price", "cost"));
        for (RunCost.Line line : lines) {
            table.rows()
                    .add(List.of(
                            String.valueOf(line.engine()),
                            String.valueOf(line.billing()),
                            line.unit(),
                            number(line.quantity()),
                            line.name(),
                            line.price(),
                            Formats.money(cur, line.cost())));
        }
        return table;
    }

    private static void deadLetters(Document.Section section, RunReport report) {
        section.blocks()
                .add(new Document.Paragraph(
                        count(report.items().deadLettered()) + " items were dead-lettered (each with its "
                                + "code and full reason in the dead-letter output); one example reason per code:"));
        Document.Table table = Document.table(List.of("code", "items", "example reason"));
        report.deadLetters().byCode().forEach((code, c) -> table.rows()
                .add(List.of(code, count(c.count()), c.example())));
        section.blocks().add(table);
    }

    private static Document.Table lines(List<RunCost.Line> lines, String cur) {
        Document.Table table = Document.table(List.of("unit", "quantity", "service", "price", "cost", "counted"));
        for (RunCost.Line line : lines) {
            table.rows()
                    .add(List.of(
                            line.unit(),
                            number(line.quantity()),
                            line.name(),
                            line.price(),
                            Formats.money(cur, line.cost()),
                            line.counted() ? "yes" : "alternative"));
        }
        return table;
    }

    private static void prices(Document.Section section, PricesUsed prices) {
        section.blocks()
                .add(
                        new Document.Paragraph(
                                "From " + prices.file() + ". Unverified prices are estimates (a third-party "
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
            table.rows()
                    .add(List.of(s.slice(), s.status(), count(s.items()), count(s.written()), count(s.deadLettered())));
        }
        section.blocks().add(table);
    }

    private static void routing(Document.Section section, RunReport.Routing routing) {
        section.blocks()
                .add(new Document.Paragraph(
                        "%s items with a routing record: %s restricted, %s unrestricted; restricted items a cloud engine saw: %s (must be 0)."
                                .formatted(
                                        count(routing.items()),
                                        count(routing.restricted()),
                                        count(routing.unrestricted()),
                                        count(routing.restrictedToCloud()))));
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
