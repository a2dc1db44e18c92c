package io.aibatch.devtools.sampledata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Plausible Australian names, addresses, companies, amounts and dates drawn from one seeded
 * {@link Random}. Everything is derived from the random source and fixed word lists, never from
 * the clock, so the same seed always tells the same story.
 */
final class FakeDetails {

    /** Dates fall in 2024-2025 counted from here, not from today, so output does not age. */
    private static final LocalDate EPOCH = LocalDate.of(2024, 1, 1);

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ENGLISH);

    private static final List<String> FIRST_NAMES = List.of(
            "Olivia",
            "Jack",
            "Charlotte",
            "William",
            "Amelia",
            "Noah",
            "Isla",
            "Thomas",
            "Mia",
            "James",
            "Grace",
            "Oliver",
            "Chloe",
            "Lucas",
            "Ava",
            "Henry",
            "Sophie",
            "Ethan",
            "Ruby",
            "Samuel",
            "Zoe",
            "Daniel",
            "Harper",
            "Liam",
            "Ella",
            "Benjamin",
            "Priya",
            "Mohammed",
            "Mei",
            "Arjun",
            "Hannah",
            "Patrick",
            "Leila",
            "Andrew",
            "Fiona",
            "Marcus",
            "Ngaio",
            "Kieran",
            "Anh",
            "Rosa");
    private static final List<String> LAST_NAMES = List.of(
            "Smith",
            "Nguyen",
            "Williams",
            "Brown",
            "Wilson",
            "Taylor",
            "Johnson",
            "White",
            "Martin",
            "Anderson",
            "Thompson",
            "Walker",
            "Harris",
            "Lee",
            "Ryan",
            "Robinson",
            "Kelly",
            "King",
            "Campbell",
            "Mitchell",
            "Patel",
            "Chen",
            "O'Brien",
            "Murphy",
            "Stewart",
            "Clarke",
            "Singh",
            "Russo",
            "Papadopoulos",
            "Kaur",
            "Fraser",
            "Hughes",
            "Morgan",
            "Bennett",
            "Gallagher",
            "Tran",
            "Dunn",
            "Sullivan",
            "Wong",
            "Reid");
    private static final List<String> STREET_NAMES = List.of(
            "George",
            "Victoria",
            "Elizabeth",
            "Church",
            "High",
            "Station",
            "Park",
            "Railway",
            "King",
            "Queen",
            "Albert",
            "William",
            "Bridge",
            "Hill",
            "Beach",
            "Wattle",
            "Banksia",
            "Acacia",
            "Jacaranda",
            "Marine",
            "Ocean",
            "River",
            "Mountain",
            "Forest",
            "Prospect");
    private static final List<String> STREET_TYPES =
            List.of("Street", "Road", "Avenue", "Lane", "Parade", "Crescent", "Drive", "Place", "Terrace", "Way");
    /** Real suburbs with their state and postcode, so addresses look right to an Australian reader. */
    private static final List<String> LOCALITIES = List.of(
            "Parramatta NSW 2150",
            "Newtown NSW 2042",
            "Wollongong NSW 2500",
            "Newcastle NSW 2300",
            "Fitzroy VIC 3065",
            "Geelong VIC 3220",
            "Ballarat VIC 3350",
            "Richmond VIC 3121",
            "Fortitude Valley QLD 4006",
            "Toowoomba QLD 4350",
            "Cairns QLD 4870",
            "Southport QLD 4215",
            "Fremantle WA 6160",
            "Subiaco WA 6008",
            "Bunbury WA 6230",
            "Glenelg SA 5045",
            "Norwood SA 5067",
            "Hobart TAS 7000",
            "Launceston TAS 7250",
            "Braddon ACT 2612",
            "Darwin City NT 0800",
            "Alice Springs NT 0870");

    private static final List<String> COMPANY_FIRST = List.of(
            "Harbour",
            "Southern Cross",
            "Bluegum",
            "Redgum",
            "Coastal",
            "Summit",
            "Kestrel",
            "Wattle",
            "Ironbark",
            "Silver Gull",
            "Magpie",
            "Eastern",
            "Granite",
            "Riverbend",
            "Outback",
            "Lighthouse");
    private static final List<String> COMPANY_TRADE = List.of(
            "Office Supplies",
            "Logistics",
            "Consulting",
            "Print Co.",
            "Electrical",
            "Plumbing",
            "Catering",
            "IT Services",
            "Landscaping",
            "Cleaning Services",
            "Engineering",
            "Design Studio",
            "Hardware");
    private static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.net", "example.org");

    private final Random random;

    FakeDetails(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** {@code count} distinct elements of {@code options}, in random order. */
    <T> List<T> pickDistinct(List<T> options, int count) {
        List<T> pool = new ArrayList<>(options);
        List<T> chosen = new ArrayList<>(count);
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    Person person() {
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        String email = (first + "." + last).toLowerCase(Locale.ROOT).replace("'", "") + "@" + pick(EMAIL_DOMAINS);
        return new Person(first, last, streetLine(), pick(LOCALITIES), mobile(), email);
    }

    String streetLine() {
        String unit = chance(0.25) ? "Unit " + between(1, 40) + ", " : "";
        return unit + between(1, 299) + " " + pick(STREET_NAMES) + " " + pick(STREET_TYPES);
    }

    String locality() {
        return pick(LOCALITIES);
    }

    String companyName() {
        return pick(COMPANY_FIRST) + " " + pick(COMPANY_TRADE) + " Pty Ltd";
    }

    String mobile() {
        return String.format(
                Locale.ROOT, "04%02d %03d %03d", random.nextInt(100), random.nextInt(1000), random.nextInt(1000));
    }

    String landline() {
        String area = pick(List.of("02", "03", "07", "08"));
        return String.format(Locale.ROOT, "(%s) %04d %04d", area, 5000 + random.nextInt(5000), random.nextInt(10000));
    }

    /** A number with a prefix, e.g. "INV-20417". */
    String reference(String prefix, int digits) {
        int bound = (int) Math.pow(10, digits);
        return prefix
                + String.format(Locale.ROOT, "%0" + digits + "d", bound / 10 + random.nextInt(bound - bound / 10));
    }

    LocalDate dateIn2024Or2025() {
        return EPOCH.plusDays(random.nextInt(700));
    }

    LocalDate birthDate() {
        return LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 52));
    }

    /** Dollars and cents between the bounds, as an exact decimal. */
    BigDecimal amount(int minDollars, int maxDollars) {
        long cents = minDollars * 100L + (long) random.nextInt((maxDollars - minDollars) * 100 + 1);
        return BigDecimal.valueOf(cents, 2);
    }

    static String longDate(LocalDate date) {
        return date.format(LONG_DATE);
    }

    static String shortDate(LocalDate date) {
        return date.format(SHORT_DATE);
    }

    /** "$1,234.50". */
    static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    record Person(String firstName, String lastName, String street, String locality, String phone, String email) {
        String fullName() {
            return firstName + " " + lastName;
        }
    }
}
