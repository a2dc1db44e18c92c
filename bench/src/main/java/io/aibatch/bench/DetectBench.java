package io.aibatch.bench;

import io.aibatch.routing.RestrictionPolicy;
import io.aibatch.routing.detect.MedicareNumberDetector;
import io.aibatch.routing.detect.PaymentCardDetector;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code detect}: the identifier detectors (TFN, Medicare, card, as the document pipeline runs them on every
 * document) over adversarial texts of {@code --megabytes} each, built to hit their worst cases: a megabyte of
 * one-digit groups, of labels, of number words and look-alikes after labels, of table rows, of Arabic-Indic
 * groups (read twice, as stored and as displayed), one unbroken digit run. Prints the CPU time of each (all three
 * detectors, as RestrictionPolicy runs them) and the slowest; the detectors
 * are a single forward scan each, so time grows linearly with the text.
 * {@code java -jar bench/target/aibatch-bench.jar detect}.
 */
@Command(name = "detect", description = "Identifier detectors over adversarial megabyte texts; report the slowest.")
final class DetectBench implements Callable<Integer> {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    @Option(
            names = "--megabytes",
            defaultValue = "1",
            description = "Size of each adversarial text in MB (default ${DEFAULT-VALUE}).")
    int megabytes;

    @Override
    public Integer call() {
        RestrictionPolicy policy = new RestrictionPolicy(
                Set.of(),
                List.of(new TaxFileNumberDetector(true), new MedicareNumberDetector(), new PaymentCardDetector()));
        int size = megabytes * 1_000_000;
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("oneDigitGroups", repeat("1 ", size));
        texts.put("oneRun", repeat("1234567890", size));
        texts.put("labelsAndDigits", repeat("TFN 1 ABN 2 card 3 Medicare 4 ", size));
        texts.put("numberWords", repeat("Tax file number one two three four five six seven eight nine ", size));
        texts.put("lookAlikes", repeat("Card 4lOl SBlO 1OlS ", size));
        // 100100100 fails the TFN check, so no detector stops early: every window of the one long run is tried
        texts.put("tableRows", repeat("| 100 | 100 | 100 |\n", size));
        texts.put("arabicIndicGroups", repeat("\u0661\u0662\u0663 ", size));
        texts.put("separatorsOnly", repeat(" .-,|/_", size));
        long slowestMs = 0;
        String slowest = "";
        BenchResult result = new BenchResult("detect").put("megabytes", megabytes);
        for (Map.Entry<String, String> text : texts.entrySet()) {
            // second of two runs (the first warms the JIT up); CPU time of this thread, so that other processes on
            // a shared machine do not count
            // (a copy: the detectors remember the last text they read on a thread, by identity)
            policy.assess("invoice", new String(text.getValue()));
            String copy = new String(text.getValue());
            long started = THREADS.getCurrentThreadCpuTime();
            policy.assess("invoice", copy);
            long ms = (THREADS.getCurrentThreadCpuTime() - started) / 1_000_000;
            result.put(text.getKey() + "Ms", ms);
            if (ms >= slowestMs) {
                slowestMs = ms;
                slowest = text.getKey();
            }
        }
        System.out.println(
                result.put("slowestMs", slowestMs).put("slowest", slowest).line());
        return 0;
    }

    private static String repeat(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }
}
