package io.aibatch.devtools.sampledata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A short services agreement between two businesses: parties, numbered clauses, signatures. */
final class ContractTemplate implements ContentTemplate {

    private static final List<String> SERVICES = List.of(
            "commercial cleaning of the Client's offices", "maintenance of the Client's computer network",
            "landscaping and grounds maintenance", "bookkeeping and payroll processing",
            "catering for staff functions and board meetings", "security patrols of the Client's warehouse");

    /** Clauses in the order they appear in a contract; a few optional ones are dropped at random. */
    private static final List<String[]> CLAUSES = List.of(
            new String[] {
                "Services",
                "The Contractor will provide {service} as described in the schedule, with due care and skill and in accordance with all applicable laws and the Client's reasonable site rules."
            },
            new String[] {
                "Term",
                "This agreement starts on the commencement date and continues for {months} months unless it is ended earlier under the termination clause. The parties may agree in writing to extend it."
            },
            new String[] {
                "Fees and payment",
                "The Client will pay the Contractor a monthly fee of {fee} plus GST. The Contractor will invoice monthly in arrears and the Client will pay each correct invoice within 30 days."
            },
            new String[] {
                "Insurance",
                "The Contractor must hold public liability insurance of at least twenty million dollars and workers compensation insurance, and must provide certificates of currency on request."
            },
            new String[] {
                "Confidentiality",
                "Each party must keep confidential any information about the other party's business that it receives under this agreement, except where disclosure is required by law."
            },
            new String[] {
                "Termination",
                "Either party may end this agreement by giving {notice} days written notice. Either party may end it immediately if the other commits a serious breach that is not fixed within 14 days of a notice."
            },
            new String[] {
                "Disputes",
                "The parties will try in good faith to resolve any dispute by negotiation before starting court proceedings, except for urgent interlocutory relief."
            },
            new String[] {
                "Governing law",
                "This agreement is governed by the laws of {state} and each party submits to the non-exclusive jurisdiction of its courts."
            });

    private static final List<String> STATES =
            List.of("New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia", "Tasmania");

    @Override
    public DocumentContent write(FakeDetails f) {
        String client = f.companyName();
        String contractor = f.companyName();
        LocalDate start = f.dateIn2024Or2025();
        FakeDetails.Person clientSigner = f.person();
        FakeDetails.Person contractorSigner = f.person();
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(List.of(
                "Agreement number " + f.reference("SA-", 5), "Commencement date: " + FakeDetails.longDate(start)));
        blocks.add(List.of("This agreement is made between " + client + " of " + f.streetLine() + ", " + f.locality()
                + " (the Client) and " + contractor + " of " + f.streetLine() + ", " + f.locality()
                + " (the Contractor)."));

        String service = f.pick(SERVICES);
        int number = 1;
        for (String[] clause : CLAUSES) {
            boolean essential = clause[0].equals("Services")
                    || clause[0].equals("Term")
                    || clause[0].equals("Fees and payment")
                    || clause[0].equals("Termination");
            if (!essential && f.chance(0.45)) {
                continue;
            }
            String text = clause[1]
                    .replace("{service}", service)
                    .replace("{months}", String.valueOf(f.pick(List.of(6, 12, 18, 24, 36))))
                    .replace("{fee}", FakeDetails.money(f.amount(900, 14000)))
                    .replace("{notice}", String.valueOf(f.pick(List.of(30, 60, 90))))
                    .replace("{state}", f.pick(STATES));
            blocks.add(List.of(number + ". " + clause[0], text));
            number++;
        }
        blocks.add(List.of(
                "Signed for the Client by " + clientSigner.fullName() + ", "
                        + f.pick(List.of("Director", "Chief Executive Officer", "Operations Manager")),
                "Signed for the Contractor by " + contractorSigner.fullName() + ", "
                        + f.pick(List.of("Director", "Managing Director", "General Manager")),
                "Date: " + FakeDetails.longDate(start.minusDays(f.between(3, 20)))));
        return new DocumentContent("SERVICES AGREEMENT", blocks, List.of());
    }
}
