package com.example.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cost.PriceList;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The price entries this module ships (META-INF/aibatch/pricing/invoice-extraction.yaml) join the user's pricing.yaml. */
class InvoicePricesTest {

    @Test
    void theJobsUnitIsPricedByItsContributedEquivalent() throws Exception {
        Path userFile = Path.of("..", "..", "config", "pricing.yaml");
        PriceList prices;
        try (InputStream in = Files.newInputStream(userFile)) {
            prices = PriceList.load(in, userFile.toString(), getClass().getClassLoader());
        }
        assertThat(prices.equivalents())
                .containsEntry(InvoiceExtractionHandler.UNIT, java.util.List.of("manual-invoice-keying"));
        PriceList.ServicePrice keying = prices.services().get("manual-invoice-keying");
        assertThat(keying.unit()).isEqualTo("fieldsExtracted");
        assertThat(keying.cost(32)).isEqualTo(32 * 20.00 / 1000);
        assertThat(prices.services()).containsKey("vision-read"); // the user's file is still all there
    }
}
