package io.aibatch.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Documents that fit none of the configured categories, generated from templates (no network). Two disjoint sets:
 * {@link #calibration} (news reports, meeting minutes, product descriptions, weather and sports reports, FAQs) is
 * what {@link ClassifierCalibrationTest} picks the confidence threshold on; {@link #heldOut} (software manuals,
 * release notes, API reference pages, recipes, travel guides, research abstracts) is what the threshold is tested
 * on and was never used to choose it.
 */
public final class OffTopicTexts {

    private OffTopicTexts() {}

    public static List<String> calibration(long seed, int count) {
        return generate(new Random(seed), count, CALIBRATION);
    }

    public static List<String> heldOut(long seed, int count) {
        return generate(new Random(seed), count, HELD_OUT);
    }

    private static List<String> generate(Random random, int count, String[][][] families) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[][] family = families[i % families.length];
            StringBuilder text = new StringBuilder(pick(family[0], random)).append("\n\n");
            int sentences = 5 + random.nextInt(8);
            for (int s = 0; s < sentences; s++) {
                text.append(fill(pick(family[1], random), random)).append(s % 3 == 2 ? "\n\n" : " ");
            }
            texts.add(text.toString().strip());
        }
        return texts;
    }

    private static String fill(String sentence, Random random) {
        return sentence.replace("{n}", String.valueOf(1 + random.nextInt(64)))
                .replace("{v}", (1 + random.nextInt(9)) + "." + random.nextInt(20) + "." + random.nextInt(10))
                .replace("{port}", String.valueOf(1024 + random.nextInt(60000)))
                .replace("{year}", String.valueOf(1990 + random.nextInt(36)))
                .replace(
                        "{x}",
                        pick(
                                new String[] {
                                    "Emma", "Liam", "the council", "the committee", "Dr Chen", "the coach", "the vendor"
                                },
                                random));
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    private static final String[][][] CALIBRATION = {
        {
            {"Local News", "City Briefing", "Community Update"},
            {
                "The council approved a new bike lane along the river after {n} residents spoke at the meeting.",
                "Road works on the main street will continue for {n} weeks, the transport department said.",
                "A new library branch opened on Saturday with a reading program for children.",
                "Police reminded drivers that school zones are in force during term time.",
                "The festival drew a crowd of about {n} thousand people despite the rain.",
                "{x} said the funding would be spent on parks, footpaths and street lighting."
            }
        },
        {
            {"Minutes of the Committee Meeting", "Board Meeting Minutes", "Project Steering Group: Minutes"},
            {
                "Present: the chair, the secretary and {n} members; apologies were received from two members.",
                "The minutes of the previous meeting were accepted as a true record.",
                "Action: {x} to circulate the revised timeline before the next meeting.",
                "The group discussed the venue for the annual general meeting and agreed to book the hall.",
                "Item {n}: the treasurer's update was noted and the budget remains on track.",
                "The meeting closed at {n} minutes past eight; next meeting in four weeks."
            }
        },
        {
            {"Product Description", "About This Item", "Product Overview"},
            {
                "This lightweight backpack holds {n} litres and has a padded sleeve for a laptop.",
                "Made from recycled fabric, it resists water and dries quickly.",
                "The kettle boils a full jug in under {n} minutes and switches off automatically.",
                "Available in three colours: charcoal, forest green and sand.",
                "Dimensions and weight are listed in the specifications tab.",
                "Customers love the soft-touch handle and the quiet operation."
            }
        },
        {
            {"Weather Forecast", "Seven Day Outlook", "Weather Update"},
            {
                "A cold front will bring showers and gusty westerly winds on Tuesday.",
                "Temperatures will reach a top of {n} degrees with a light breeze in the afternoon.",
                "Frost is likely in inland areas overnight, clearing to a sunny morning.",
                "The chance of rain is {n} per cent, with falls heavier near the coast.",
                "Ultraviolet levels will be high from late morning to mid afternoon.",
                "Swell of two metres is expected along exposed beaches."
            }
        },
        {
            {"Match Report", "Weekend Sport Wrap", "Season Review"},
            {
                "The home side won by {n} points after a strong finish in the final quarter.",
                "{x} praised the defence, which held firm under pressure in the second half.",
                "The striker scored twice before half time and was named player of the match.",
                "Injuries to two key players forced changes to the starting line-up.",
                "The team sits third on the ladder with {n} games remaining.",
                "A crowd of supporters cheered as the captain lifted the trophy."
            }
        },
        {
            {"Frequently Asked Questions", "FAQ", "Help Centre: Common Questions"},
            {
                "How do I reset my password? Use the forgotten password link on the sign-in page.",
                "Can I change my delivery address after ordering? Yes, within {n} hours of placing the order.",
                "Where can I find the user guide? It is available on the support page.",
                "Do you ship overseas? We ship to {n} countries; rates are shown at checkout.",
                "How do I contact support? Use the chat button or send us a message.",
                "What is your privacy policy? Read it on our website under Legal."
            }
        },
    };

    private static final String[][][] HELD_OUT = {
        {
            {"User Guide", "Chapter 3: Configuration", "Administrator Manual", "Installation Guide"},
            {
                "To install the agent, download the package for your platform and run the installer as an administrator.",
                "The service listens on port {port} by default; change it in the configuration file under server.port.",
                "Restart the daemon after editing the settings so that the new values take effect.",
                "If the dashboard does not load, clear the browser cache and check the proxy settings.",
                "Backups are written every {n} hours to the data directory; keep at least two copies off site.",
                "Use the command line tool with the --verbose flag to print diagnostic output.",
                "Users with the editor role can create and publish pages; viewers can only read them.",
                "The log level can be set to debug, info, warn or error in the logging section.",
                "Select Preferences from the Tools menu, then open the Network tab to configure the proxy.",
                "Set the address to 192.168.{n}.{n} and the netmask to 255.255.255.0, then save.",
                "The maximum file size is 2,147,483,647 bytes; larger uploads are rejected with error 413.",
                "Build {year}0{n}12.{n} was signed with the key fingerprint 4A1F 9C3E 77B2 0D15 E6A8.",
                "Copyright {year} the authors; ISBN 978-0-{n}06-123456-{n}.",
                "Timeouts are given in milliseconds: 30000 for reads and 120000 for uploads."
            }
        },
        {
            {"Release Notes", "What's New in Version {v}", "Changelog"},
            {
                "Version {v} fixes a crash when opening large files on startup.",
                "Added support for dark mode and high contrast themes.",
                "Improved performance of search indexing by about {n} per cent.",
                "Deprecated: the legacy export format will be removed in the next major release.",
                "Fixed an issue where notifications were shown twice on some devices.",
                "Upgraded the bundled database driver to {v}; no schema migration is required.",
                "Known issue: printing to network printers may fail on older drivers.",
                "Tickets 4821, 4835, 4902 and 5117 were closed in this release.",
                "Released on {year}-0{n}-15 as build 1{n}.{n}.20{n}; checksum sha256 9f8e 7d6c."
            }
        },
        {
            {"API Reference", "REST API: Endpoints", "SDK Reference"},
            {
                "GET /v{n}/items returns a paginated list of items; use the cursor parameter to fetch the next page.",
                "The request body must be JSON with a name field and an optional tags array.",
                "Responses use standard HTTP status codes: 200 on success, 404 when the resource does not exist.",
                "Authenticate each request with a bearer token in the Authorization header.",
                "Rate limits allow {n} requests per minute per client; excess requests receive 429.",
                "The createSession method returns a promise that resolves to a session object.",
                "Timestamps are ISO 8601 strings in UTC; identifiers are opaque strings.",
                "Example: the epoch time 1700000000 is 14 November 2023, 22:13:20 UTC.",
                "A page holds up to {n}00 items; offsets run from 0 to 9,999,999."
            }
        },
        {
            {"Recipe: Lemon Chicken", "Easy Banana Bread", "Vegetable Soup", "Weeknight Pasta"},
            {
                "Preheat the oven to {n}0 degrees and line a tray with baking paper.",
                "Whisk the eggs with the sugar until pale, then fold in the flour.",
                "Add the chopped onion and garlic and cook until soft, about {n} minutes.",
                "Season with salt and pepper and simmer gently for twenty minutes.",
                "Serve with a squeeze of lemon and a handful of fresh herbs.",
                "Ingredients: {n} cups of flour, two eggs, butter, milk and a pinch of salt.",
                "Leftovers keep in the fridge for up to three days."
            }
        },
        {
            {"Travel Guide: Kyoto", "Three Days in Lisbon", "Exploring the Coast"},
            {
                "Start the morning at the old market, where stalls sell fresh fruit and pastries.",
                "The museum is open daily except Mondays; allow {n} hours to see the main galleries.",
                "Trams run every few minutes and a day pass is the cheapest way to get around.",
                "In the evening, walk along the river to watch the sunset from the bridge.",
                "The old town's narrow lanes are best explored on foot.",
                "Book popular restaurants a few days ahead, especially on weekends."
            }
        },
        {
            {"Abstract", "Research Summary", "Conference Paper: Abstract"},
            {
                "We propose a method for learning sparse representations from unlabelled data.",
                "Experiments on {n} benchmark datasets show consistent gains over strong baselines.",
                "The model is trained end to end with a contrastive objective.",
                "We analyse the effect of the temperature parameter on convergence.",
                "Results suggest that the approach scales to larger corpora without tuning.",
                "Code and data will be released to support reproducibility."
            }
        },
    };
}
