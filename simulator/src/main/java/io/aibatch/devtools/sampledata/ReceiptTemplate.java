package io.aibatch.devtools.sampledata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A shop receipt. Paid by cash or by card; card receipts usually mask the number, but some print it
 * in full (a misconfigured terminal), and only those make the receipt restricted.
 */
final class ReceiptTemplate implements ContentTemplate {

    private record Shop(String kind, List<String> items, int minPrice, int maxPrice) {}

    private static final List<Shop> SHOPS = List.of(
            new Shop(
                    "Hardware",
                    List.of(
                            "Timber decking screws, 500 pack",
                            "Exterior paint, 4 litre",
                            "Paint roller kit",
                            "Garden hose, 20 metre",
                            "Cordless drill battery",
                            "Masking tape, 3 rolls",
                            "Sandpaper assortment",
                            "Galvanised hinges, pair",
                            "Work gloves, large"),
                    6,
                    89),
            new Shop(
                    "Pharmacy",
                    List.of(
                            "Paracetamol tablets, 20 pack",
                            "Sunscreen SPF 50, 200 ml",
                            "Vitamin D capsules",
                            "Antiseptic cream",
                            "Adhesive bandages, 40 pack",
                            "Hand sanitiser, 500 ml",
                            "Throat lozenges",
                            "Toothpaste, sensitive",
                            "Cold and flu capsules"),
                    4,
                    32),
            new Shop(
                    "Cafe",
                    List.of(
                            "Flat white, large",
                            "Cappuccino, regular",
                            "Banana bread, toasted",
                            "Avocado on sourdough",
                            "Ham and cheese croissant",
                            "Orange juice, fresh",
                            "Chai latte",
                            "Lemon tart",
                            "Bacon and egg roll"),
                    4,
                    24),
            new Shop(
                    "Bookshop",
                    List.of(
                            "Paperback novel",
                            "Children's picture book",
                            "Road atlas of Australia",
                            "Cookbook, hardcover",
                            "Greeting card",
                            "Notebook, lined A5",
                            "Gardening guide",
                            "Puzzle book"),
                    5,
                    55),
            new Shop(
                    "Grocer",
                    List.of(
                            "Bananas, 1 kg",
                            "Full cream milk, 2 litre",
                            "Sourdough loaf",
                            "Free range eggs, dozen",
                            "Cheddar cheese, 500 g",
                            "Apples, 1 kg",
                            "Coffee beans, 500 g",
                            "Rolled oats, 1 kg",
                            "Tomatoes, 500 g",
                            "Olive oil, 1 litre"),
                    2,
                    22));

    private static final List<String> POLICIES = List.of(
            "Please keep this receipt as proof of purchase. We are happy to offer a refund or exchange on most items returned unused within 30 days with this receipt. This does not affect your rights under the Australian Consumer Law.",
            "Change of mind returns are accepted within 14 days if the item is unused and in its original packaging. Faulty items will be repaired, replaced or refunded in line with the Australian Consumer Law.",
            "Prices include GST where applicable. Items marked on sale cannot be returned for a change of mind, but your statutory rights for faulty goods still apply.");
    private static final List<String> FAREWELLS = List.of(
            "Thank you for shopping with us. Tell us how we did at our website and go into the draw to win a $100 gift card.",
            "Members earn one point for every dollar spent. Ask our staff how to join our rewards program today, it only takes a minute.",
            "Thank you for supporting a local business. We are open seven days a week and would love to see you again soon.");

    @Override
    public DocumentContent write(FakeDetails f) {
        Shop shop = f.pick(SHOPS);
        String name = f.pick(List.of("Corner", "Village", "Harbourside", "Main Street", "Parkview", "Bayside")) + " "
                + shop.kind();
        List<String> identifiers = new ArrayList<>();
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(List.of(
                name,
                f.streetLine() + ", " + f.locality(),
                "ABN "
                        + SyntheticIdentifiers.formatBusinessNumber(
                                SyntheticIdentifiers.australianBusinessNumber(f.random())),
                "Phone " + f.landline()));
        blocks.add(List.of(
                "Receipt " + f.reference("", 6) + ", register " + f.between(1, 6) + ", served by "
                        + f.person().firstName(),
                FakeDetails.shortDate(f.dateIn2024Or2025())
                        + String.format(
                                Locale.ROOT,
                                " at %d:%02d %s",
                                f.between(1, 12),
                                f.between(0, 59),
                                f.chance(0.5) ? "am" : "pm")));

        List<String> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String item : f.pickDistinct(shop.items(), f.between(4, 7))) {
            int quantity = f.between(1, 3);
            BigDecimal price = f.amount(shop.minPrice(), shop.maxPrice());
            BigDecimal line = price.multiply(BigDecimal.valueOf(quantity));
            total = total.add(line);
            lines.add((quantity > 1 ? quantity + " x " : "") + item + " " + FakeDetails.money(line));
        }
        blocks.add(lines);
        BigDecimal gst = total.divide(new BigDecimal("11"), 2, RoundingMode.HALF_UP);
        blocks.add(List.of(
                "Items purchased: " + lines.size(),
                "Total " + FakeDetails.money(total),
                "Includes GST of " + FakeDetails.money(gst)));

        double payment = f.random().nextDouble();
        if (payment < 0.3) {
            BigDecimal tendered = total.setScale(-1, RoundingMode.UP).add(BigDecimal.TEN);
            blocks.add(List.of(
                    "Paid cash " + FakeDetails.money(tendered),
                    "Change given " + FakeDetails.money(tendered.subtract(total))));
        } else {
            String card = SyntheticIdentifiers.paymentCardNumber(f.random());
            String scheme = card.startsWith("4") ? "Visa" : "Mastercard";
            String shown;
            if (payment < 0.7) {
                shown = "xxxx xxxx xxxx " + card.substring(12);
            } else {
                shown = SyntheticIdentifiers.formatCardNumber(card);
                identifiers.add("card-number");
            }
            blocks.add(List.of(
                    "Paid by " + scheme + " credit card " + FakeDetails.money(total),
                    "Card number " + shown,
                    "Authorisation code " + f.reference("", 6) + ", approved"));
        }
        blocks.add(List.of(f.pick(POLICIES)));
        blocks.add(List.of(
                f.pick(FAREWELLS),
                f.pick(List.of(
                        "Open Monday to Friday 8 am to 6 pm and weekends 9 am to 4 pm, closed on public holidays.",
                        "Trading hours are 7 am to 7 pm every day. Late night shopping on Thursdays until 9 pm.",
                        "Find us online for opening hours, special offers and our latest product range."))));
        return new DocumentContent("TAX INVOICE / RECEIPT", blocks, identifiers);
    }
}
