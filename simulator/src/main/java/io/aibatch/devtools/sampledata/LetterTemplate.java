package io.aibatch.devtools.sampledata;

import java.util.ArrayList;
import java.util.List;

/** A business or personal letter on one of several everyday topics. */
final class LetterTemplate implements ContentTemplate {

    /** A topic: a subject line and the paragraphs to choose from; {name} and {company} are filled in. */
    private record Topic(String subject, List<String> paragraphs) {}

    private static final List<Topic> TOPICS = List.of(
            new Topic(
                    "Change of office address",
                    List.of(
                            "We are writing to let you know that {company} will move to new premises at the end of next month. Our phone numbers and email addresses will not change, and there will be no interruption to the services we provide to you.",
                            "From the date of the move, please send all correspondence, deliveries and returned goods to the new address shown below. Mail sent to the old address will be redirected for six months, but it may take a few extra days to reach us.",
                            "The new office has more parking for visitors, step-free access from the street and a larger meeting room. We would be glad to show you around the next time you are in the area.",
                            "If you pay us by cheque or keep our address in your supplier records, we would be grateful if you could update your details before the move. Your account manager can confirm any of these arrangements.")),
            new Topic(
                    "Complaint about delayed delivery",
                    List.of(
                            "I am writing about an order I placed with {company} six weeks ago. I was told the goods would arrive within ten business days, but despite two phone calls to your customer service line I have still not received them.",
                            "Each time I called I was given a new delivery date and a promise that someone would call me back. Nobody has called, and the tracking number I was given does not appear in the courier's system.",
                            "I would like you to either deliver the order within the next seven days or cancel it and refund the full amount to my account. I have kept copies of my order confirmation and of the receipt for the payment.",
                            "I have been a customer for several years and have always been happy with the quality of your products, so I hope this can be resolved quickly and without further inconvenience.")),
            new Topic(
                    "Invitation to the community open day",
                    List.of(
                            "On behalf of the organising committee, I am pleased to invite you to our annual community open day, which will be held at the local sports ground on the second Saturday of next month from ten in the morning until four in the afternoon.",
                            "The day will include a farmers market, live music, a sausage sizzle run by the local fire brigade volunteers, and activities for children such as face painting and a small animal farm.",
                            "All money raised on the day will go towards new equipment for the children's playground and the restoration of the community hall. Last year we raised more than eight thousand dollars.",
                            "We would be delighted if you could join us, and if {company} would like to run a stall or sponsor an activity, please let me know by the end of this month so that we can include you in the program.")),
            new Topic(
                    "Thank you for your support",
                    List.of(
                            "I wanted to write to thank you personally for the support you and your team at {company} gave us during the past year. Your help made a real difference to our small organisation.",
                            "Thanks to your donation of equipment and volunteer hours, we were able to open our second training room and offer free computer classes to more than one hundred older residents.",
                            "Several of our students have told us that the classes helped them stay in touch with family members overseas, pay their bills online and apply for jobs for the first time in many years.",
                            "We hope to continue working with you next year. I will contact you in the new year to talk about our plans and ways in which we could recognise your contribution.")),
            new Topic(
                    "Notice of rent review",
                    List.of(
                            "As your property manager, I am writing to advise that the rent for the property you lease will be reviewed in accordance with the terms of your current residential tenancy agreement.",
                            "After comparing rents for similar properties in the area, the owner has decided to increase the weekly rent by a modest amount, starting sixty days from the date of this letter. The new amount and the start date are shown in the attached notice.",
                            "Your other obligations under the agreement stay the same, and your bond does not need to be topped up. You may continue to pay the rent in the same way as you do now.",
                            "If you have any questions about the review, or if you would like to discuss your lease, please call our office during business hours or reply to this letter in writing.")));

    private static final List<String> CLOSINGS = List.of("Yours sincerely,", "Kind regards,", "Yours faithfully,");
    private static final List<String> ROLES = List.of(
            "Office Manager", "Customer Relations Officer", "Committee Secretary", "Property Manager", "Director");

    @Override
    public DocumentContent write(FakeDetails f) {
        FakeDetails.Person sender = f.person();
        FakeDetails.Person recipient = f.person();
        String company = f.companyName();
        Topic topic = f.pick(TOPICS);
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(List.of(
                sender.fullName(),
                sender.street(),
                sender.locality(),
                "Phone " + sender.phone() + ", Email " + sender.email()));
        blocks.add(List.of(FakeDetails.longDate(f.dateIn2024Or2025())));
        blocks.add(List.of(recipient.fullName(), company, recipient.street(), recipient.locality()));
        blocks.add(List.of("Re: " + topic.subject()));
        blocks.add(List.of("Dear " + f.pick(List.of("Mr", "Ms", "Dr")) + " " + recipient.lastName() + ","));
        // Keep the paragraphs in their written order so the letter still reads sensibly.
        int count = f.between(3, 4);
        int start = f.between(0, topic.paragraphs().size() - count);
        for (String paragraph : topic.paragraphs().subList(start, start + count)) {
            blocks.add(List.of(paragraph.replace("{company}", company).replace("{name}", recipient.fullName())));
        }
        blocks.add(List.of(f.pick(CLOSINGS), sender.fullName(), f.pick(ROLES)));
        return new DocumentContent("", blocks, List.of());
    }
}
