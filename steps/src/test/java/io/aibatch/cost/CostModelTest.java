package io.aibatch.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    private static final Path PRICING = Path.of("../config/pricing.yaml");

    @Test
    void theCommittedPriceListLoadsAndMarksItsEstimates() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        assertThat(prices.vms())
                .containsOnlyKeys("Standard_NC24ads_A100_v4", "Standard_NC40ads_H100_v5", "Standard_NV36ads_A10_v5");
        assertThat(prices.vms().keySet())
                .noneMatch(size -> size.contains("NC6s_v3") || size.endsWith("s_v3")); // NCv3 is retired
        assertThat(prices.vms().get("Standard_NC24ads_A100_v4").perHour(true)).isEqualTo(0.68);
        assertThat(prices.services().get("speech-standard").verified()).isTrue();
        assertThat(prices.services().get("vision-read").verified()).isFalse();
        assertThat(prices.services().values())
                .allSatisfy(s -> assertThat(s.source()).isNotBlank());
        assertThat(prices.vms().values()).allSatisfy(v -> assertThat(v.date()).matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void readTiersFillFromTheFirst() throws Exception {
        PriceList.ServicePrice read = PriceList.load(PRICING).services().get("vision-read");
        assertThat(read.cost(1000)).isCloseTo(1.50, within(1e-9));
        // 1M at 1.50, then 1M at 0.60 per 1,000
        assertThat(read.cost(2_000_000)).isCloseTo(1500 + 600, within(1e-6));
        assertThat(read.cost(200_000_000)).isCloseTo(1500 + 99_000 * 0.60 + 100_000 * 0.40, within(1e-6));
    }

    @Test
    void pricesAPoolAndFindsTheBreakEvenVolume() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        // one A100 spot node for two hours, 10,000 items of 2 pages each at 2 items/s
        List<PoolUsage> pools = List.of(new PoolUsage("gpu", "Standard_NC24ads_A100_v4", true, 1, 2.0, "configured"));
        CostModel.Priced priced = model.price(10_000, 2.0, Map.of("pages", 20_000.0), pools, List.of());
        RunCost cost = priced.cost();
        assertThat(cost.total()).isCloseTo(1.36, within(1e-9));
        assertThat(cost.perThousandItems()).isCloseTo(0.136, within(1e-9));
        assertThat(cost.cloudEquivalent().total()).isCloseTo(30.0, within(1e-9)); // 20,000 pages × $1.50 / 1,000
        assertThat(cost.savings()).isCloseTo(28.64, within(1e-9));
        // fixed month: 0.68 × 730 = 496.4; the cloud costs 0.003 per item in the first tier → ~165,467 items a month
        RunCost.BreakEven breakEven = cost.breakEven();
        assertThat(breakEven.monthlyClusterCost()).isCloseTo(496.4, within(1e-9));
        assertThat(breakEven.itemsPerMonth()).isCloseTo(496.4 / 0.003, within(2.0));
        assertThat(breakEven.capacityItemsPerMonth()).isCloseTo(2.0 * 3600 * 730, within(1e-6));
        assertThat(breakEven.curve()).hasSize(61);
        assertThat(priced.used().used())
                .extracting(PricesUsed.Price::key)
                .contains("Standard_NC24ads_A100_v4", "vision-read");
        assertThat(priced.used().unverified()).contains("vision-read");
    }

    @Test
    void anUnknownVmSizeIsReportedNotGuessed() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        RunCost cost = model.price(
                        100,
                        1,
                        Map.of("pages", 100.0),
                        List.of(new PoolUsage("read", "Standard_D8s_v5", false, 2, 1, "configured")),
                        List.of())
                .cost();
        assertThat(cost.cluster().pools().get(0).cost()).isNull();
        assertThat(cost.notes()).anyMatch(note -> note.contains("Standard_D8s_v5") && note.contains("not in"));
    }

    @Test
    void aCloudLanguageModelIsPaidForTheTokensItHandledOnly() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        CostModel model = new CostModel(prices);
        // 3M tokens in, of which 1M went to Azure OpenAI (the rest to KAITO); 300k out, 100k of them from the cloud
        Map<String, Double> quantities = Map.of(
                "tokensIn",
                3_000_000.0,
                "tokensOut",
                300_000.0,
                "cloudTokensIn",
                1_000_000.0,
                "cloudTokensOut",
                100_000.0);

        RunCost cost = model.price(1_000, 1, quantities, List.of(), List.of("azure-openai"))
                .cost();

        double in = prices.services().get("aoai-gpt-4.1-mini-input").cost(1_000_000);
        double out = prices.services().get("aoai-gpt-4.1-mini-output").cost(100_000);
        assertThat(cost.apiSpend())
                .extracting(RunCost.Line::service, RunCost.Line::quantity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("aoai-gpt-4.1-mini-input", 1_000_000.0),
                        org.assertj.core.groups.Tuple.tuple("aoai-gpt-4.1-mini-output", 100_000.0));
        assertThat(cost.total()).isCloseTo(in + out, within(0.0001));
        // the cloud equivalent still prices every token
        assertThat(cost.cloudEquivalent().lines()).anySatisfy(line -> {
            assertThat(line.unit()).isEqualTo("tokensIn");
            assertThat(line.quantity()).isEqualTo(3_000_000.0);
        });
    }

    @Test
    void batchedTokensArePricedAtTheBatchLinesAndShownSideBySideWithTheOtherRoutes() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        CostModel model = new CostModel(prices);
        // 4M tokens in: 1M in-cluster, 1M real time (the fallback of an expired batch), 2M through the batch API;
        // 400k out: 100k in-cluster, 100k real time, 200k batched
        Map<String, Double> quantities = Map.of(
                "tokensIn", 4_000_000.0,
                "tokensOut", 400_000.0,
                "cloudTokensIn", 1_000_000.0,
                "cloudTokensOut", 100_000.0,
                "batchTokensIn", 2_000_000.0,
                "batchTokensOut", 200_000.0);

        RunCost cost = model.price(
                        1_000,
                        1,
                        0,
                        quantities,
                        List.of(),
                        List.of(
                                CostModel.EngineRun.cloud("azure-openai"),
                                CostModel.EngineRun.cloudBatch("azure-openai-batch")))
                .cost();

        assertThat(cost.apiSpend())
                .extracting(RunCost.Line::engine, RunCost.Line::service, RunCost.Line::quantity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("azure-openai", "aoai-gpt-4.1-mini-input", 1_000_000.0),
                        org.assertj.core.groups.Tuple.tuple("azure-openai", "aoai-gpt-4.1-mini-output", 100_000.0),
                        org.assertj.core.groups.Tuple.tuple(
                                "azure-openai-batch", "aoai-gpt-4.1-mini-batch-input", 2_000_000.0),
                        org.assertj.core.groups.Tuple.tuple(
                                "azure-openai-batch", "aoai-gpt-4.1-mini-batch-output", 200_000.0));
        // real time: 1M × 0.40 + 0.1M × 1.60 = 0.56; batch: 2M × 0.20 + 0.2M × 0.80 = 0.56 (half price per token)
        assertThat(cost.apiSpendTotal()).isCloseTo(1.12, within(1e-9));
        assertThat(cost.languageModel())
                .extracting(
                        RunCost.TokenRoute::route,
                        RunCost.TokenRoute::tokensIn,
                        RunCost.TokenRoute::tokensOut,
                        RunCost.TokenRoute::cost)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RunCost.IN_CLUSTER, 1_000_000L, 100_000L, null),
                        org.assertj.core.groups.Tuple.tuple(RunCost.CLOUD_REALTIME, 1_000_000L, 100_000L, 0.56),
                        org.assertj.core.groups.Tuple.tuple(RunCost.CLOUD_BATCH, 2_000_000L, 200_000L, 0.56));
    }

    @Test
    void aBatchRouteWithoutABatchEngineIsUnpricedNotFreeAndNotPricedAsRealTime() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        Map<String, Double> quantities = Map.of(
                "tokensIn",
                1_000_000.0,
                "tokensOut",
                100_000.0,
                "batchTokensIn",
                1_000_000.0,
                "batchTokensOut",
                100_000.0);

        RunCost cost = model.price(10, 1, quantities, List.of(), List.of("azure-openai"))
                .cost();

        // the real-time lines price only real-time tokens: none here
        assertThat(cost.apiSpend()).extracting(RunCost.Line::quantity).containsOnly(0.0);
        assertThat(cost.languageModel()).singleElement().satisfies(route -> {
            assertThat(route.route()).isEqualTo(RunCost.CLOUD_BATCH);
            assertThat(route.cost()).isNull();
        });
        assertThat(cost.notes()).anyMatch(note -> note.startsWith("cloud batch tokens") && note.contains("unknown"));
    }

    @Test
    void theShippedPriceListPricesTheBatchEngineAtTheBatchLines() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        assertThat(prices.apiSpend().get("azure-openai-batch"))
                .containsExactly("aoai-gpt-4.1-mini-batch-input", "aoai-gpt-4.1-mini-batch-output");
    }

    @Test
    void anApiSpendEntryNamingAnUnknownServiceIsRefused() {
        String yaml =
                """
                currency: USD
                hours-per-month: 730
                services:
                  vision-read: {name: Read, unit: pages, per: 1000, price: 1.5, source: s, date: "2026-01-01", verified: false}
                api-spend:
                  azure-openai: [vision-read, no-such-price]
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PriceList.load(new java.io.ByteArrayInputStream(yaml.getBytes()), "test"))
                .hasStackTraceContaining("api-spend.azure-openai names service 'no-such-price'");
    }

    @Test
    void theShippedPriceListMetersReadDocumentIntelligenceAndSpeechContainersAsConnected() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        assertThat(prices.metering())
                .containsKeys(
                        "read-container",
                        "document-intelligence/prebuilt-read",
                        "document-intelligence/prebuilt-layout",
                        "azure-speech-container");
        assertThat(prices.metering().values())
                .allSatisfy(m -> assertThat(m.billing()).isEqualTo("connected"));
        assertThat(java.nio.file.Files.readString(PRICING))
                .contains("learn.microsoft.com/azure/ai-services/cognitive-services-container-support");
    }

    @Test
    void aConnectedReadContainerInTheClusterPaysPerPageOnTopOfItsNodeHours() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        List<PoolUsage> pools = List.of(new PoolUsage("gpu", "Standard_NC24ads_A100_v4", true, 1, 2.0, "configured"));

        RunCost cost = model.price(
                        10_000,
                        2.0,
                        2.0,
                        Map.of("pages", 20_000.0),
                        pools,
                        List.of(new CostModel.EngineRun("read-container", true)))
                .cost();

        assertThat(cost.apiSpend()).singleElement().satisfies(line -> {
            assertThat(line.service()).isEqualTo("vision-read");
            assertThat(line.billing()).isEqualTo("connected");
            assertThat(line.engine()).isEqualTo("read-container");
            assertThat(line.cost()).isCloseTo(30.0, within(1e-9)); // 20,000 pages at $1.50 / 1,000
        });
        assertThat(cost.total()).isCloseTo(1.36 + 30.0, within(1e-9));
        // the container "saves" nothing per page: the cloud equivalent is the same 30 dollars, so the cluster costs
        // more
        assertThat(cost.savings()).isCloseTo(-1.36, within(1e-9));
    }

    @Test
    void aDisconnectedContainerPaysItsShareOfTheCommitmentAndANoneEngineNothing() throws Exception {
        String yaml =
                """
                hours-per-month: 730
                vms:
                  Standard_D8s_v5: {on-demand-per-hour: 0.5, source: s, date: "2026-01-01", verified: false}
                services:
                  vision-read: {name: Read, unit: pages, per: 1000, price: 1.5, source: s, date: "2026-01-01", verified: false}
                api-spend:
                  read-container: vision-read
                  own-ocr: vision-read
                metering:
                  read-container: {billing: disconnected, monthly-fee: 730.0, source: plan, date: "2026-01-01", verified: true}
                  own-ocr: {billing: none}
                """;
        CostModel model = new CostModel(PriceList.load(new java.io.ByteArrayInputStream(yaml.getBytes()), "test"));
        List<PoolUsage> pools = List.of(new PoolUsage("cpu", "Standard_D8s_v5", false, 1, 3.0, "configured"));

        RunCost disconnected = model.price(
                        1_000,
                        1,
                        3.0,
                        Map.of("pages", 1_000.0),
                        pools,
                        List.of(new CostModel.EngineRun("read-container", true)))
                .cost();
        assertThat(disconnected.apiSpend()).singleElement().satisfies(line -> {
            assertThat(line.billing()).isEqualTo("disconnected");
            assertThat(line.cost()).isCloseTo(3.0, within(1e-9)); // 3 of 730 hours of a $730 month
        });
        assertThat(disconnected.total()).isCloseTo(1.5 + 3.0, within(1e-9));

        RunCost none = model.price(
                        1_000,
                        1,
                        3.0,
                        Map.of("pages", 1_000.0),
                        pools,
                        List.of(new CostModel.EngineRun("own-ocr", true)))
                .cost();
        assertThat(none.apiSpend()).isEmpty();
        assertThat(none.total()).isCloseTo(1.5, within(1e-9));
        // the same engine at a cloud endpoint always pays per unit
        RunCost cloud = model.price(
                        1_000, 1, 3.0, Map.of("pages", 1_000.0), pools, List.of(CostModel.EngineRun.cloud("own-ocr")))
                .cost();
        assertThat(cloud.apiSpend())
                .singleElement()
                .extracting(RunCost.Line::billing)
                .isEqualTo("cloud");
    }

    @Test
    void withoutANodePoolTheClusterTotalsSavingsAndBreakEvenAreUnknownNotZero() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));

        RunCost cost = model.price(20, 1.0, 0.01, Map.of("pages", 40.0), null, List.of())
                .cost();

        assertThat(cost.cluster().total()).isNull();
        assertThat(cost.total()).isNull();
        assertThat(cost.perThousandItems()).isNull();
        assertThat(cost.savings()).isNull();
        assertThat(cost.savingsPercent()).isNull();
        assertThat(cost.breakEven()).isNull();
        assertThat(cost.projection()).isNull();
        assertThat(cost.clusterPriced()).isFalse();
        assertThat(cost.notes()).anyMatch(n -> n.startsWith(RunCost.CLUSTER_NOT_CONFIGURED));
        assertThat(cost.cloudEquivalent().total()).isCloseTo(0.06, within(1e-9)); // the cloud side is still known
        // report.json carries explicit nulls, not a missing field a reader might default to 0
        tools.jackson.databind.JsonNode json = io.aibatch.json.Json.MAPPER.valueToTree(cost);
        assertThat(json.has("total")).isTrue();
        assertThat(json.get("total").isNull()).isTrue();
        assertThat(json.get("savings").isNull()).isTrue();
        assertThat(json.get("breakEven").isNull()).isTrue();
        assertThat(json.at("/cluster/total").isNull()).isTrue();
    }

    @Test
    void aPoolWithoutAPriceLeavesTheTotalUnknownButKnownSpendIsStillShown() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        RunCost cost = model.price(
                        100,
                        1,
                        1,
                        Map.of("pages", 1000.0),
                        List.of(new PoolUsage("read", "Standard_D8s_v5", false, 2, 1, "configured")),
                        List.of(new CostModel.EngineRun("read-container", true)))
                .cost();
        assertThat(cost.total()).isNull();
        assertThat(cost.savings()).isNull();
        assertThat(cost.apiSpendTotal()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void theProjectionKeepsThePoolsUpAllMonthAndAddsAPoolPerCapacityStep() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        List<PoolUsage> pools = List.of(new PoolUsage("gpu", "Standard_NC24ads_A100_v4", true, 1, 2.0, "configured"));
        RunCost cost = model.price(
                        10_000,
                        2.0,
                        2.0,
                        Map.of("pages", 20_000.0),
                        pools,
                        List.of(new CostModel.EngineRun("read-container", true)))
                .cost();
        RunCost.Projection projection = cost.projection();
        assertThat(projection.clusterPerMonth()).isCloseTo(496.4, within(1e-9));
        assertThat(projection.capacityItemsPerMonth()).isCloseTo(2.0 * 3600 * 730, within(1e-6));
        assertThat(projection.spendPerItem()).isCloseTo(0.003, within(1e-9)); // 2 pages at $1.50 / 1,000
        assertThat(projection.monthly(1_000_000)).isCloseTo(496.4 + 3000, within(1e-6));
        double twoPools = 2.0 * 3600 * 730 + 1;
        assertThat(projection.monthly(twoPools)).isCloseTo(2 * 496.4 + 0.003 * twoPools, within(1e-6));
    }

    @Test
    void meteringThatCannotBePricedIsRefused() {
        String connectedWithoutPrice =
                """
                services:
                  vision-read: {name: Read, unit: pages, per: 1000, price: 1.5, source: s, date: "2026-01-01", verified: false}
                metering:
                  read-container: {billing: connected}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PriceList.load(new java.io.ByteArrayInputStream(connectedWithoutPrice.getBytes()), "t"))
                .hasStackTraceContaining(
                        "metering.read-container is connected (billed per unit) but api-spend names no price");
        String disconnectedWithoutFee =
                """
                metering:
                  read-container: {billing: disconnected}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PriceList.load(new java.io.ByteArrayInputStream(disconnectedWithoutFee.getBytes()), "t"))
                .hasStackTraceContaining("needs monthly-fee");
        String typo =
                """
                metering:
                  read-container: {billing: conected}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PriceList.load(new java.io.ByteArrayInputStream(typo.getBytes()), "t"))
                .hasStackTraceContaining("billing must be one of [connected, disconnected, none] but was 'conected'");
    }

    @Test
    void aConnectedSpeechContainerInTheClusterPaysPerAudioHour() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        RunCost cost = model.price(
                        10,
                        1,
                        0.5,
                        Map.of("audioSeconds", 7200.0),
                        List.of(),
                        List.of(new CostModel.EngineRun("azure-speech-container", true)))
                .cost();
        assertThat(cost.apiSpend()).singleElement().satisfies(line -> {
            assertThat(line.service()).isEqualTo("speech-standard");
            assertThat(line.billing()).isEqualTo("connected");
            assertThat(line.cost()).isCloseTo(2.0, within(1e-9)); // two audio hours at $1.00
        });
        assertThat(cost.total()).isCloseTo(2.0, within(1e-9)); // pools: [] — no node pool to pay, known
    }
}
