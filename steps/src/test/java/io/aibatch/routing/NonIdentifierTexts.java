package io.aibatch.routing;

import io.aibatch.devtools.sampledata.SyntheticIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic numbers that are not personal identifiers, as invoices, letters and receipts print them: phone
 * numbers (Australian, +61 and other countries), dates, times, invoice and order numbers, ABNs and ACNs (labelled
 * or not), amounts, postcodes, BSB and account numbers, masked cards. A few per text, in lines or table rows.
 */
final class NonIdentifierTexts {

    private NonIdentifierTexts() {}

    static List<String> generate(Random random, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int parts = 2 + random.nextInt(4);
            List<String> cells = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                cells.add(item(random));
            }
            String separator =
                    switch (random.nextInt(4)) {
                        case 0 -> " | ";
                        case 1 -> "\n";
                        case 2 -> ", ";
                        default -> "\n\n";
                    };
            texts.add((random.nextBoolean() ? "| " : "") + String.join(separator, cells));
        }
        return texts;
    }

    static String item(Random random) {
        return switch (random.nextInt(14)) {
            case 0 ->
                IdentifierRenderings.pick(
                                new String[] {"Phone ", "Ph: ", "Mobile ", "Tel ", "Fax ", "Call us on ", ""}, random)
                        + phone(random);
            case 1 ->
                IdentifierRenderings.pick(new String[] {"Date ", "Issued ", "Due ", "Date of birth: ", ""}, random)
                        + date(random);
            case 2 ->
                IdentifierRenderings.pick(
                                new String[] {"Invoice ", "Invoice #", "Invoice No. ", "INV-", "Tax invoice "}, random)
                        + invoiceNumber(random);
            case 3 ->
                IdentifierRenderings.pick(
                                new String[] {"Order ", "Order #", "Order number ", "PO ", "Purchase order "}, random)
                        + orderNumber(random);
            case 4 -> {
                String abn = SyntheticIdentifiers.australianBusinessNumber(random);
                String shown = random.nextInt(4) == 0 ? abn : SyntheticIdentifiers.formatBusinessNumber(abn);
                yield IdentifierRenderings.pick(new String[] {"ABN ", "ABN: ", "A.B.N. ", "Supplier ABN ", ""}, random)
                        + shown;
            }
            case 5 -> "ACN " + acn(random);
            case 6 ->
                IdentifierRenderings.pick(
                                new String[] {"Total ", "Amount due ", "GST ", "Subtotal ", "Paid ", ""}, random)
                        + amount(random);
            case 7 -> address(random);
            case 8 -> bank(random);
            case 9 ->
                IdentifierRenderings.pick(new String[] {"Card ", "Paid by card ", "Visa "}, random)
                        + IdentifierRenderings.pick(
                                new String[] {"xxxx xxxx xxxx ", "**** **** **** ", "ending ", "XXXX-XXXX-XXXX-"},
                                random)
                        + String.format("%04d", random.nextInt(10_000));
            case 10 ->
                String.format(
                        "%d x %s @ $%d.%02d = $%d.%02d",
                        1 + random.nextInt(20),
                        IdentifierRenderings.pick(
                                new String[] {"Widget", "Consulting hours", "Paper A4", "Cable 2m"}, random),
                        random.nextInt(500),
                        random.nextInt(100),
                        random.nextInt(5000),
                        random.nextInt(100));
            case 11 -> String.format("%02d:%02d", random.nextInt(24), random.nextInt(60)) + " on " + date(random);
            case 12 -> "| " + (1 + random.nextInt(50)) + " | " + amount(random) + " | " + amount(random) + " |";
            default ->
                "Customer " + IdentifierRenderings.pick(new String[] {"no. ", "ID ", "#", "number "}, random)
                        + (100_000 + random.nextInt(900_000));
        };
    }

    private static String phone(Random random) {
        String mobile = "4" + digits(random, 2) + " " + digits(random, 3) + " " + digits(random, 3);
        String landline =
                (2 + random.nextInt(7) / 2 * 2 + random.nextInt(2)) + " " + digits(random, 4) + " " + digits(random, 4);
        return switch (random.nextInt(9)) {
            case 0 ->
                "0" + mobile.replaceFirst(" ", "").substring(0, 3) + " " + digits(random, 3) + " " + digits(random, 3);
            case 1 -> "+61 " + mobile;
            case 2 -> "+61 " + landline;
            case 3 -> "(0" + landline.charAt(0) + ") " + landline.substring(2);
            case 4 -> "0" + landline;
            case 5 ->
                IdentifierRenderings.pick(new String[] {"1300 ", "1800 "}, random) + digits(random, 3) + " "
                        + digits(random, 3);
            case 6 -> "+61 (0)" + mobile;
            case 7 ->
                "+" + IdentifierRenderings.pick(new String[] {"64 21", "44 20", "1 415", "65 6", "852 2"}, random) + " "
                        + digits(random, 3) + " " + digits(random, 4);
            default -> "+61" + mobile.replace(" ", "");
        };
    }

    private static String date(Random random) {
        int d = 1 + random.nextInt(28);
        int m = 1 + random.nextInt(12);
        int y = 1950 + random.nextInt(80);
        return switch (random.nextInt(5)) {
            case 0 -> String.format("%02d/%02d/%d", d, m, y);
            case 1 -> String.format("%d-%02d-%02d", y, m, d);
            case 2 -> String.format("%d.%d.%d", d, m, y);
            case 3 -> String.format("%d/%d/%02d", d, m, y % 100);
            default ->
                String.format(
                        "%d %s %d",
                        d, IdentifierRenderings.pick(new String[] {"January", "March", "July", "October"}, random), y);
        };
    }

    private static String invoiceNumber(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> String.format("%05d", random.nextInt(100_000));
            case 1 -> (2015 + random.nextInt(12)) + "-" + String.format("%05d", random.nextInt(100_000));
            case 2 -> (2015 + random.nextInt(12)) + "/" + String.format("%04d", random.nextInt(10_000));
            default -> String.format("%08d", random.nextInt(100_000_000));
        };
    }

    private static String orderNumber(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> digits(random, 3) + "-" + digits(random, 7) + "-" + digits(random, 7);
            case 1 -> "45" + digits(random, 8);
            case 2 -> digits(random, 9);
            default -> String.valueOf(100_000 + random.nextInt(900_000));
        };
    }

    private static String acn(Random random) {
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 1};
        String first = digits(random, 8);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (first.charAt(i) - '0') * weights[i];
        }
        String acn = first + (10 - sum % 10) % 10;
        return acn.substring(0, 3) + " " + acn.substring(3, 6) + " " + acn.substring(6);
    }

    private static String amount(Random random) {
        long cents = (long) Math.pow(10, 2 + random.nextInt(7)) + random.nextInt(1_000_000);
        return String.format("$%,d.%02d", cents / 100, cents % 100);
    }

    private static String address(Random random) {
        String[] states = {"NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"};
        return (1 + random.nextInt(300)) + " "
                + IdentifierRenderings.pick(new String[] {"George St", "Collins Street", "Main Rd"}, random)
                + (random.nextBoolean() ? "\n" : ", ")
                + IdentifierRenderings.pick(new String[] {"Sydney", "Melbourne", "Hobart", "Perth"}, random)
                + " " + states[random.nextInt(states.length)] + " " + (800 + random.nextInt(7200));
    }

    private static String bank(Random random) {
        String bsb = digits(random, 3) + "-" + digits(random, 3);
        String account = digits(random, 6 + random.nextInt(4));
        return switch (random.nextInt(3)) {
            case 0 -> "BSB " + bsb + " Account " + account;
            case 1 -> "BSB: " + bsb.replace('-', ' ') + ", Acc: " + account;
            default -> "BSB/Account " + bsb + "/" + account;
        };
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }
}
