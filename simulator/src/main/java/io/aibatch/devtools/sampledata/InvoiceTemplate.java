package io.aibatch.devtools.sampledata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A tax invoice from a small business; about a third are marked paid by card, with the card number. */
final class InvoiceTemplate implements ContentTemplate {

    private record Item(String description, int minPrice, int maxPrice) {}

    private static final List<Item> ITEMS = List.of(
            new Item("A4 copy paper, box of 5 reams", 38, 55),
            new Item("Toner cartridge, black, high yield", 89, 180),
            new Item("Ergonomic office chair", 240, 560),
            new Item("Standing desk frame, electric", 420, 890),
            new Item("On-site technician, per hour", 95, 160),
            new Item("Network switch, 24 port", 210, 480),
            new Item("Annual software licence, per seat", 120, 390),
            new Item("Catering for staff meeting, per head", 18, 42),
            new Item("Garden maintenance visit", 140, 320),
            new Item("Delivery and handling", 15, 60),
            new Item("Laptop docking station", 180, 340),
            new Item("Safety inspection and report", 260, 650),
            new Item("Whiteboard markers, pack of 12", 14, 29),
            new Item("Consulting services, per hour", 150, 280),
            new Item("Replacement LED panel light", 65, 140));

    private static final List<String> TERMS = List.of(
            "Payment is due within 14 days of the invoice date. Overdue accounts may incur a late fee of 2% per month.",
            "Please quote the invoice number with your payment so that we can match it to your account quickly.",
            "Goods remain the property of the supplier until paid in full. Claims for damaged or missing items must be made within seven days of delivery.",
            "If you have any questions about this invoice, please contact our accounts team by phone or email during business hours.",
            "Thank you for your business. We appreciate prompt payment, which helps us keep our prices low for all customers.");

    @Override
    public DocumentContent write(FakeDetails f) {
        String supplier = f.companyName();
        FakeDetails.Person customer = f.person();
        LocalDate issued = f.dateIn2024Or2025();
        List<String> identifiers = new ArrayList<>();
        List<List<String>> blocks = new ArrayList<>();

        blocks.add(List.of(
                supplier,
                "ABN "
                        + SyntheticIdentifiers.formatBusinessNumber(
                                SyntheticIdentifiers.australianBusinessNumber(f.random())),
                f.streetLine() + ", " + f.locality(),
                "Phone " + f.landline() + ", accounts@" + slug(supplier) + ".example.com"));
        List<String> header = new ArrayList<>(List.of(
                "Invoice number: " + f.reference("INV-", 5),
                "Invoice date: " + FakeDetails.longDate(issued),
                "Due date: " + FakeDetails.longDate(issued.plusDays(14))));
        if (f.chance(0.5)) {
            header.add("Purchase order: " + f.reference("PO-", 4));
        }
        blocks.add(header);
        blocks.add(List.of(
                "Bill to:", customer.fullName(), f.companyName(), customer.street() + ", " + customer.locality()));

        List<String> lines = new ArrayList<>();
        lines.add("Items supplied:");
        BigDecimal subtotal = BigDecimal.ZERO;
        for (Item item : f.pickDistinct(ITEMS, f.between(3, 6))) {
            int quantity = f.between(1, 8);
            BigDecimal price = f.amount(item.minPrice(), item.maxPrice());
            BigDecimal total = price.multiply(BigDecimal.valueOf(quantity));
            subtotal = subtotal.add(total);
            lines.add(quantity + " x " + item.description() + " at " + FakeDetails.money(price) + " each: "
                    + FakeDetails.money(total));
        }
        blocks.add(lines);
        BigDecimal gst = subtotal.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP);
        blocks.add(List.of(
                "Subtotal (excluding GST): " + FakeDetails.money(subtotal),
                "GST at 10%: " + FakeDetails.money(gst),
                "Total amount due: " + FakeDetails.money(subtotal.add(gst))));

        if (f.chance(0.35)) {
            String card = SyntheticIdentifiers.paymentCardNumber(f.random());
            identifiers.add("card-number");
            blocks.add(List.of("PAID IN FULL on " + FakeDetails.longDate(issued.plusDays(f.between(0, 6)))
                    + " by credit card, card number " + SyntheticIdentifiers.formatCardNumber(card)
                    + ", cardholder " + customer.fullName() + ". No further payment is required."));
        } else {
            blocks.add(List.of("How to pay: by electronic funds transfer to " + supplier + ", BSB "
                    + String.format(Locale.ROOT, "%03d-%03d", f.between(10, 990), f.between(0, 999))
                    + ", account number " + f.reference("", 8)
                    + ". Please use the invoice number as your payment reference."));
        }
        blocks.add(List.of(String.join(" ", f.pickDistinct(TERMS, f.between(2, 3)))));
        return new DocumentContent("TAX INVOICE", blocks, identifiers);
    }

    static String slug(String company) {
        return company.replace(" Pty Ltd", "").replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }
}
