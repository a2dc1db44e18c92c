package io.aibatch.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.devtools.sampledata.HeldOutTexts;
import io.aibatch.routing.detect.MedicareNumberDetector;
import io.aibatch.routing.detect.PaymentCardDetector;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The detectors and the policy against the ground truth of the committed sample documents (labels.csv). */
class SampleDataRestrictionTest {

    static final Path GROUND_TRUTH = Path.of("..", "sample-data", "ground-truth");

    private final RestrictionPolicy policy = new RestrictionPolicy(
            Set.of("medical-referral", "hr-record"),
            List.of(new TaxFileNumberDetector(true), new MedicareNumberDetector(), new PaymentCardDetector()));

    private final RestrictionPolicy detectorsOnly = new RestrictionPolicy(
            Set.of(),
            List.of(new TaxFileNumberDetector(true), new MedicareNumberDetector(), new PaymentCardDetector()));

    @Test
    void aDocumentTheClassifierCouldNotLabelIsRestricted() {
        assertThat(policy.assess(null, "Dear Sam, see you soon.").reasons())
                .containsExactly(RestrictionPolicy.UNCLASSIFIED);
    }

    @Test
    void aDocumentThatFitsNoLabelIsReportedAsOtherAndRestrictedAsUnclassified() {
        assertThat(policy.assess(
                                io.aibatch.classify.Classification.OTHER, "Install the agent, then restart the daemon.")
                        .reasons())
                .containsExactly(RestrictionPolicy.UNCLASSIFIED);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new io.aibatch.classify.LabelDefinition("other", "anything else"))
                .hasMessageContaining("fits no label");
    }

    @Test
    void everyDocumentGetsExactlyTheReasonsLabelsCsvGivesIt() throws IOException {
        List<String> rows = Files.readAllLines(GROUND_TRUTH.resolve("labels.csv"));
        assertThat(rows).hasSize(37);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            String file = cells[0];
            String name = file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('.'));
            String text = Files.readString(GROUND_TRUTH.resolve(name + ".txt"));
            Restriction restriction = policy.assess(cells[1], text);
            List<String> expected = cells[3].isEmpty() ? List.of() : Arrays.asList(cells[3].split(";"));
            assertThat(restriction.restricted()).as(name).isEqualTo(cells[2].equals("yes"));
            assertThat(restriction.reasons()).as(name).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void heldOutTextsGetExactlyTheIdentifiersTheyCarryAndNoOthers() {
        List<HeldOutTexts.Text> texts = HeldOutTexts.generate(5000, 100);
        int restricted = 0;
        for (HeldOutTexts.Text text : texts) {
            // no restricted labels: detectors alone; ABNs, phone numbers, BSBs, masked cards and amounts must not fire
            Restriction restriction = detectorsOnly.assess(text.category(), text.text());
            assertThat(restriction.reasons()).as(text.text()).containsExactlyInAnyOrderElementsOf(text.identifiers());
            restricted += restriction.restricted() ? 1 : 0;
        }
        System.out.printf(
                "detectors on %d held-out texts: %d carry identifiers, all found, no false positives%n",
                texts.size(), restricted);
    }
}
