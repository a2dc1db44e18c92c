package io.aibatch.cli;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids people can read, sort and type: {@code <job>-<yyyyMMdd-HHmmss>-<4 hex>}. */
final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    static String generate(String job) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return job + "-" + TIME.format(LocalDateTime.now()) + "-"
                + HexFormat.of().formatHex(suffix);
    }
}
