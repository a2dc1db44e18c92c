package io.aibatch.cost;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostModelTest {

    private static final Path PRICING = Path.of("../config/pricing.yaml");

    @Test
    void theCommittedPriceListLoadsAndMarksItsEstimates() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        assertThat(prices.vms()).containsOnlyKeys("Standard_NC24ads_A100_v4", "Standard_NC40ads_H100_v5", "Standard_NV36ads_A10_v5");
        assertThat(prices.vms().keySet()).noneMatch(size -> size.contains("NC6s_v3") || size.endsWith("s_v3")); // NCv3 is retired
        assertThat(prices.vms().get("Standard_NC24ads_A100_v4").perHour(true)).isEqualTo(0.68);
        assertThat(prices.services().get("speech-standard").verified()).isTrue();
        assertThat(prices.services().get("vision-read").verified()).isFalse();
        assertThat(prices.services().values()).allSatisfy(s -> assertThat(s.source()).isNotBlank());
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
        assertThat(priced.used().used()).extracting(PricesUsed.Price::key).contains("Standard_NC24ads_A100_v4", "vision-read");
        assertThat(priced.used().unverified()).contains("vision-read");
    }

    @Test
    void anUnknownVmSizeIsReportedNotGuessed() throws Exception {
        CostModel model = new CostModel(PriceList.load(PRICING));
        RunCost cost = model.price(100, 1, Map.of("pages", 100.0),
                List.of(new PoolUsage("read", "Standard_D8s_v5", false, 2, 1, "configured")), List.of()).cost();
        assertThat(cost.cluster().pools().get(0).cost()).isNull();
        assertThat(cost.notes()).anyMatch(note -> note.contains("Standard_D8s_v5") && note.contains("not in"));
    }

    @Test
    void aCloudLanguageModelIsPaidForTheTokensItHandledOnly() throws Exception {
        PriceList prices = PriceList.load(PRICING);
        CostModel model = new CostModel(prices);
        // 3M tokens in, of which 1M went to Azure OpenAI (the rest to KAITO); 300k out, 100k of them from the cloud
        Map<String, Double> quantities = Map.of("tokensIn", 3_000_000.0, "tokensOut", 300_000.0,
                "cloudTokensIn", 1_000_000.0, "cloudTokensOut", 100_000.0);

        RunCost cost = model.price(1_000, 1, quantities, List.of(), List.of("azure-openai")).cost();

        double in = prices.services().get("aoai-gpt-4.1-mini-input").cost(1_000_000);
        double out = prices.services().get("aoai-gpt-4.1-mini-output").cost(100_000);
        assertThat(cost.apiSpend()).extracting(RunCost.Line::service, RunCost.Line::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aoai-gpt-4.1-mini-input", 1_000_000.0),
                        org.assertj.core.groups.Tuple.tuple("aoai-gpt-4.1-mini-output", 100_000.0));
        assertThat(cost.total()).isCloseTo(in + out, within(0.0001));
        // the cloud equivalent still prices every token
        assertThat(cost.cloudEquivalent().lines()).anySatisfy(line -> {
            assertThat(line.unit()).isEqualTo("tokensIn");
            assertThat(line.quantity()).isEqualTo(3_000_000.0);
        });
    }

    @Test
    void anApiSpendEntryNamingAnUnknownServiceIsRefused() {
        String yaml = """
                currency: USD
                hours-per-month: 730
                services:
                  vision-read: {name: Read, unit: pages, per: 1000, price: 1.5, source: s, date: "2026-01-01", verified: false}
                api-spend:
                  azure-openai: [vision-read, no-such-price]
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceList.load(new java.io.ByteArrayInputStream(yaml.getBytes()), "test"))
                .hasStackTraceContaining("api-spend.azure-openai names service 'no-such-price'");
    }
}
